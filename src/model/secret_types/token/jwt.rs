//! What a service-account token says about itself: the header and claims of
//! a JWT (RFC 7519), decoded without verifying anything — for display only.
//!
//! Kubernetes writes two shapes of claims (`pkg/serviceaccount` in
//! k8s.io/kubernetes): bound tokens (TokenRequest, projected volumes) carry a
//! `kubernetes.io` object (`claims.go`), legacy Secret-based tokens carry
//! flat `kubernetes.io/serviceaccount/…` claims and no `exp` (`legacy.go`).
//! Both are read into [`KubernetesClaims`].
//!
//! The signature is never decoded or kept, so nothing here can be replayed;
//! errors name the part that failed, never its content.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use serde_json::{Map, Value};

use crate::model::list::age::{format_rfc3339, human_duration};

/// JWTs use unpadded base64url; padding is tolerated since some tools add it.
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// The readable parts of a signed JWT. Holds no signature and not the token.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JwtSummary {
    /// Header `alg`, e.g. `RS256`.
    pub algorithm: Option<String>,
    /// Header `kid`: which of the issuer's keys signed it.
    pub key_id: Option<String>,
    /// Header `typ`, usually `JWT` when present.
    pub token_type: Option<String>,
    pub issuer: Option<String>,
    pub subject: Option<String>,
    /// `aud`, a string or an array in the token; always a list here.
    pub audiences: Vec<String>,
    /// `exp`, `iat`, `nbf` as Unix seconds.
    pub expires_at: Option<i64>,
    pub issued_at: Option<i64>,
    pub not_before: Option<i64>,
    /// Present when the token carries Kubernetes claims of either shape.
    pub kubernetes: Option<KubernetesClaims>,
}

/// Who the token speaks for, in Kubernetes terms.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KubernetesClaims {
    pub namespace: Option<String>,
    pub service_account_name: Option<String>,
    pub service_account_uid: Option<String>,
    /// The Secret a legacy token lives in, or a token bound to a Secret.
    pub secret_name: Option<String>,
    /// The pod (and its node) a bound token dies with.
    pub pod_name: Option<String>,
    pub node_name: Option<String>,
    /// `warnafter`: when the apiserver starts warning that a token of an
    /// extended lifetime is stale.
    pub warn_after: Option<i64>,
    /// Flat `kubernetes.io/serviceaccount/…` claims: a Secret-based token
    /// that never expires.
    pub legacy: bool,
}

/// Decodes the header and claims of a compact JWS (`header.claims.signature`).
/// Surrounding whitespace, such as the newline of a pasted token, is ignored.
pub fn decode_jwt(token: &[u8]) -> Result<JwtSummary, String> {
    let token = std::str::from_utf8(token)
        .map_err(|_| "a JWT is ASCII text; this is not text".to_owned())?
        .trim();
    if token.is_empty() {
        return Err("the token is empty".into());
    }
    let parts: Vec<&str> = token.split('.').collect();
    match parts.len() {
        3 => {}
        5 => return Err("this is an encrypted JWT (JWE); only signed tokens can be read".into()),
        n => {
            return Err(format!(
                "a JWT has three parts separated by dots; this has {n}"
            ))
        }
    }
    let header = decode_part(parts[0], "header")?;
    let claims = decode_part(parts[1], "claims")?;

    Ok(JwtSummary {
        algorithm: string(&header, "alg"),
        key_id: string(&header, "kid"),
        token_type: string(&header, "typ"),
        issuer: string(&claims, "iss"),
        subject: string(&claims, "sub"),
        audiences: audiences(&claims),
        expires_at: time(&claims, "exp")?,
        issued_at: time(&claims, "iat")?,
        not_before: time(&claims, "nbf")?,
        kubernetes: kubernetes_claims(&claims)?,
    })
}

impl JwtSummary {
    /// `expires in 47m (2026-11-27T11:00:00Z)`, `expired 3d ago (…)`, or a
    /// plain statement that it does not expire: a legacy token is valid until
    /// its Secret is deleted, which is the reason to replace it.
    pub fn expiry_text(&self, now: i64) -> String {
        let legacy = self.kubernetes.as_ref().is_some_and(|k| k.legacy);
        match self.expires_at {
            None if legacy => {
                "no expiry: a legacy service-account token is valid until its Secret is deleted"
                    .into()
            }
            None => "no expiry".into(),
            Some(exp) if exp > now => format!(
                "expires in {} ({})",
                human_duration(exp.saturating_sub(now)),
                format_rfc3339(exp)
            ),
            Some(exp) => format!(
                "expired {} ago ({})",
                human_duration(now.saturating_sub(exp)),
                format_rfc3339(exp)
            ),
        }
    }
}

fn decode_part(part: &str, name: &str) -> Result<Map<String, Value>, String> {
    let bytes = BASE64URL
        .decode(part)
        .map_err(|_| format!("the {name} is not base64url"))?;
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(format!("the {name} is not a JSON object")),
        Err(e) => Err(format!(
            "the {name} is not valid JSON (line {}, column {})",
            e.line(),
            e.column()
        )),
    }
}

fn string(map: &Map<String, Value>, key: &str) -> Option<String> {
    map.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn audiences(claims: &Map<String, Value>) -> Vec<String> {
    match claims.get("aud") {
        Some(Value::String(one)) => vec![one.clone()],
        Some(Value::Array(many)) => many
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// A NumericDate (RFC 7519 §2): seconds, possibly fractional. Anything but a
/// number is an error rather than "absent", so a malformed `exp` never reads
/// as "no expiry".
fn time(map: &Map<String, Value>, key: &str) -> Result<Option<i64>, String> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n
            .as_i64()
            // Saturating: a float beyond i64 still means "far future".
            .or_else(|| n.as_f64().map(|f| f as i64))),
        Some(_) => Err(format!("the {key} claim is not a number")),
    }
}

const LEGACY_PREFIX: &str = "kubernetes.io/serviceaccount/";

fn kubernetes_claims(claims: &Map<String, Value>) -> Result<Option<KubernetesClaims>, String> {
    if let Some(Value::Object(k8s)) = claims.get("kubernetes.io") {
        let name_of = |key: &str| {
            k8s.get(key)
                .and_then(|r| r.get("name"))
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        return Ok(Some(KubernetesClaims {
            namespace: string(k8s, "namespace"),
            service_account_name: name_of("serviceaccount"),
            service_account_uid: k8s
                .get("serviceaccount")
                .and_then(|r| r.get("uid"))
                .and_then(Value::as_str)
                .map(str::to_owned),
            secret_name: name_of("secret"),
            pod_name: name_of("pod"),
            node_name: name_of("node"),
            warn_after: time(k8s, "warnafter")?,
            legacy: false,
        }));
    }
    if !claims.keys().any(|k| k.starts_with(LEGACY_PREFIX)) {
        return Ok(None);
    }
    let legacy = |suffix: &str| string(claims, &format!("{LEGACY_PREFIX}{suffix}"));
    Ok(Some(KubernetesClaims {
        namespace: legacy("namespace"),
        service_account_name: legacy("service-account.name"),
        service_account_uid: legacy("service-account.uid"),
        secret_name: legacy("secret.name"),
        legacy: true,
        ..KubernetesClaims::default()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn b64(json: &str) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
    }

    fn token(header: &str, claims: &str) -> String {
        format!("{}.{}.c2lnbmF0dXJl-_", b64(header), b64(claims))
    }

    const HEADER: &str = r#"{"alg":"RS256","kid":"kJ3x-key"}"#;

    /// The shape of a TokenRequest token for a pod-mounted service account.
    const BOUND: &str = r#"{"aud":["https://kubernetes.default.svc.cluster.local"],"exp":1795000000,"iat":1763464000,"iss":"https://kubernetes.default.svc.cluster.local","jti":"8c5e","kubernetes.io":{"namespace":"apps","node":{"name":"node-1","uid":"n1"},"pod":{"name":"web-0","uid":"p1"},"serviceaccount":{"name":"web","uid":"sa-uid"},"warnafter":1763467607},"nbf":1763464000,"sub":"system:serviceaccount:apps:web"}"#;

    /// The shape of a legacy token from a service-account-token Secret.
    const LEGACY: &str = r#"{"iss":"kubernetes/serviceaccount","kubernetes.io/serviceaccount/namespace":"apps","kubernetes.io/serviceaccount/secret.name":"builder-token","kubernetes.io/serviceaccount/service-account.name":"builder","kubernetes.io/serviceaccount/service-account.uid":"sa-uid","sub":"system:serviceaccount:apps:builder"}"#;

    #[test]
    fn reads_a_bound_token() {
        let summary = decode_jwt(token(HEADER, BOUND).as_bytes()).unwrap();
        assert_eq!(
            summary,
            JwtSummary {
                algorithm: Some("RS256".into()),
                key_id: Some("kJ3x-key".into()),
                token_type: None,
                issuer: Some("https://kubernetes.default.svc.cluster.local".into()),
                subject: Some("system:serviceaccount:apps:web".into()),
                audiences: vec!["https://kubernetes.default.svc.cluster.local".into()],
                expires_at: Some(1_795_000_000),
                issued_at: Some(1_763_464_000),
                not_before: Some(1_763_464_000),
                kubernetes: Some(KubernetesClaims {
                    namespace: Some("apps".into()),
                    service_account_name: Some("web".into()),
                    service_account_uid: Some("sa-uid".into()),
                    secret_name: None,
                    pod_name: Some("web-0".into()),
                    node_name: Some("node-1".into()),
                    warn_after: Some(1_763_467_607),
                    legacy: false,
                }),
            }
        );
    }

    #[test]
    fn reads_a_legacy_token() {
        let summary = decode_jwt(format!("{}\n", token(HEADER, LEGACY)).as_bytes()).unwrap();
        assert_eq!(summary.issuer.as_deref(), Some("kubernetes/serviceaccount"));
        assert_eq!(summary.expires_at, None);
        assert_eq!(
            summary.kubernetes,
            Some(KubernetesClaims {
                namespace: Some("apps".into()),
                service_account_name: Some("builder".into()),
                service_account_uid: Some("sa-uid".into()),
                secret_name: Some("builder-token".into()),
                legacy: true,
                ..KubernetesClaims::default()
            })
        );
        assert!(summary
            .expiry_text(0)
            .contains("until its Secret is deleted"));
    }

    #[test]
    fn claims_variants() {
        // (claims, audiences, exp, kubernetes claims present)
        let cases: [(&str, Vec<&str>, Option<i64>, bool); 6] = [
            (r#"{"aud":"one"}"#, vec!["one"], None, false),
            (r#"{"aud":["a","b",3]}"#, vec!["a", "b"], None, false),
            (
                r#"{"aud":7,"exp":1.5e9}"#,
                vec![],
                Some(1_500_000_000),
                false,
            ),
            (r#"{"exp":1e300}"#, vec![], Some(i64::MAX), false),
            (r#"{"exp":null,"kubernetes.io":{}}"#, vec![], None, true),
            (
                r#"{"kubernetes.io/serviceaccount/namespace":"ns"}"#,
                vec![],
                None,
                true,
            ),
        ];
        for (claims, aud, exp, k8s) in cases {
            let s = decode_jwt(token(r#"{"alg":"none","typ":"JWT"}"#, claims).as_bytes()).unwrap();
            assert_eq!(s.audiences, aud, "{claims}");
            assert_eq!(s.expires_at, exp, "{claims}");
            assert_eq!(s.kubernetes.is_some(), k8s, "{claims}");
            assert_eq!(s.token_type.as_deref(), Some("JWT"));
        }
    }

    #[test]
    fn expiry_text() {
        let at = |exp: Option<i64>| JwtSummary {
            expires_at: exp,
            ..JwtSummary::default()
        };
        assert_eq!(at(None).expiry_text(0), "no expiry");
        assert_eq!(
            at(Some(1_800_003_600)).expiry_text(1_800_000_000),
            "expires in 60m (2027-01-15T09:00:00Z)"
        );
        assert_eq!(
            at(Some(1_800_000_000)).expiry_text(1_800_259_200),
            "expired 3d ago (2027-01-15T08:00:00Z)"
        );
        // Expiring exactly now counts as expired.
        assert!(at(Some(5)).expiry_text(5).starts_with("expired 0s ago"));
        // Extremes format without overflow.
        assert!(at(Some(i64::MAX))
            .expiry_text(i64::MIN)
            .starts_with("expires in"));
        assert!(at(Some(i64::MIN))
            .expiry_text(i64::MAX)
            .starts_with("expired"));
    }

    #[test]
    fn token_forms() {
        let good = token(HEADER, LEGACY);
        let padded = format!("{}=.{}.sig", b64(HEADER), b64(LEGACY));
        for form in [
            format!("  {good}\r\n"),
            padded,
            // An unsecured JWT has an empty signature.
            format!("{}.{}.", b64(HEADER), b64(LEGACY)),
        ] {
            assert!(decode_jwt(form.as_bytes()).is_ok(), "{form}");
        }
    }

    #[test]
    fn errors_name_the_part_not_the_content() {
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"".to_vec(), "empty"),
            (b" \n".to_vec(), "empty"),
            (b"\xffhunter2".to_vec(), "not text"),
            (b"hunter2".to_vec(), "this has 1"),
            (b"a.b.c.d.e".to_vec(), "encrypted"),
            (b"a.b.c.d".to_vec(), "this has 4"),
            (b"hunter2!.e30.sig".to_vec(), "header is not base64url"),
            (
                format!("{}.hunter2!.sig", b64(HEADER)).into_bytes(),
                "claims is not base64url",
            ),
            (
                format!("{}.{}.sig", b64(HEADER), b64("[1]")).into_bytes(),
                "claims is not a JSON object",
            ),
            (
                format!("{}.{}.sig", b64("{\"alg\":hunter2}"), b64("{}")).into_bytes(),
                "header is not valid JSON (line 1, column 8)",
            ),
            (
                token(HEADER, r#"{"exp":"hunter2"}"#).into_bytes(),
                "exp claim is not a number",
            ),
            (
                token(HEADER, r#"{"kubernetes.io":{"warnafter":"x"}}"#).into_bytes(),
                "warnafter",
            ),
        ];
        for (input, want) in cases {
            let err = decode_jwt(&input).unwrap_err();
            assert!(err.contains(want), "{err}");
            assert!(!err.contains("hunter2"), "{err}");
        }
    }

    #[test]
    fn debug_shows_no_signature() {
        let summary = decode_jwt(token(HEADER, BOUND).as_bytes()).unwrap();
        let shown = format!("{summary:?}");
        assert!(
            !shown.contains("c2lnbmF0dXJl") && !shown.contains("signature"),
            "{shown}"
        );
    }

    proptest! {
        #[test]
        fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = decode_jwt(&bytes);
        }

        #[test]
        fn never_panics_on_dotted_strings(s in "[A-Za-z0-9_=.-]{0,120}") {
            let _ = decode_jwt(s.as_bytes());
        }

        #[test]
        fn never_panics_on_mutated_tokens(cut in 0usize..800, flip in 0usize..800, byte: u8, legacy: bool) {
            let mut bytes = token(HEADER, if legacy { LEGACY } else { BOUND }).into_bytes();
            let at = flip % bytes.len();
            bytes[at] = byte;
            bytes.truncate(cut.min(bytes.len()));
            let _ = decode_jwt(&bytes);
        }

        #[test]
        fn never_panics_on_arbitrary_claims(claims in "\\PC{0,80}") {
            let _ = decode_jwt(token(HEADER, &claims).as_bytes());
        }
    }
}
