//! What the service-account token view prints about a token: its JWT
//! header and claims as labelled lines, decoded, never verified.
//!
//! Labels are fixed text and values come from [`JwtSummary`], which holds
//! neither the token nor its signature, so these lines are safe to show.

use crate::model::list::age::format_rfc3339;
use crate::model::secret_types::token::jwt::JwtSummary;

/// A label and its value, in display order.
pub type Facts = Vec<(&'static str, String)>;

/// `alg`, `kid` and `typ`, as far as the header has them.
pub fn header_facts(token: &JwtSummary) -> Facts {
    let mut facts = Facts::new();
    push(&mut facts, "Algorithm", token.algorithm.clone());
    push(&mut facts, "Key ID", token.key_id.clone());
    push(&mut facts, "Type", token.token_type.clone());
    facts
}

/// The registered claims, then the Kubernetes ones. Expiry is always there,
/// since "no expiry" is the thing to notice about a legacy token.
pub fn claim_facts(token: &JwtSummary, now: i64) -> Facts {
    let mut facts = Facts::new();
    push(&mut facts, "Issuer", token.issuer.clone());
    push(&mut facts, "Subject", token.subject.clone());
    facts.push((
        "Audiences",
        if token.audiences.is_empty() {
            "none".into()
        } else {
            token.audiences.join(", ")
        },
    ));
    facts.push(("Expiry", token.expiry_text(now)));
    push(&mut facts, "Issued at", token.issued_at.map(format_rfc3339));
    push(
        &mut facts,
        "Not before",
        token.not_before.map(format_rfc3339),
    );
    if let Some(k8s) = &token.kubernetes {
        facts.push((
            "Kind",
            if k8s.legacy {
                "legacy Secret-based token".into()
            } else {
                "bound token".into()
            },
        ));
        push(&mut facts, "Namespace", k8s.namespace.clone());
        push(
            &mut facts,
            "Service account",
            k8s.service_account_name.clone(),
        );
        push(
            &mut facts,
            "Service account UID",
            k8s.service_account_uid.clone(),
        );
        push(&mut facts, "Secret", k8s.secret_name.clone());
        push(&mut facts, "Pod", k8s.pod_name.clone());
        push(&mut facts, "Node", k8s.node_name.clone());
        push(&mut facts, "Warn after", k8s.warn_after.map(format_rfc3339));
    }
    facts
}

fn push(facts: &mut Facts, label: &'static str, value: Option<String>) {
    if let Some(value) = value {
        facts.push((label, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::secret_types::token::jwt::decode_jwt;
    use base64::Engine;

    fn token(header: &str, claims: &str) -> Vec<u8> {
        let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        format!("{}.{}.c2ln", b64(header), b64(claims)).into_bytes()
    }

    #[test]
    fn a_legacy_token_says_it_never_expires() {
        let summary = decode_jwt(&token(
            r#"{"alg":"RS256","kid":"abc"}"#,
            r#"{"iss":"kubernetes/serviceaccount","kubernetes.io/serviceaccount/namespace":"apps","kubernetes.io/serviceaccount/secret.name":"builder-token","kubernetes.io/serviceaccount/service-account.name":"builder","kubernetes.io/serviceaccount/service-account.uid":"u-1","sub":"system:serviceaccount:apps:builder"}"#,
        ))
        .unwrap();
        assert_eq!(
            header_facts(&summary),
            vec![("Algorithm", "RS256".into()), ("Key ID", "abc".into())]
        );
        let claims = claim_facts(&summary, 0);
        let get = |label| {
            claims
                .iter()
                .find(|(l, _)| *l == label)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("Subject"), Some("system:serviceaccount:apps:builder"));
        assert_eq!(get("Audiences"), Some("none"));
        assert!(get("Expiry").unwrap().starts_with("no expiry"));
        assert_eq!(get("Kind"), Some("legacy Secret-based token"));
        assert_eq!(get("Secret"), Some("builder-token"));
        assert_eq!(get("Pod"), None);
    }

    #[test]
    fn a_bound_token_shows_dates_and_its_pod() {
        let summary = decode_jwt(&token(
            r#"{"alg":"ES256"}"#,
            r#"{"aud":["a","b"],"exp":1767225600,"iat":1767222000,"iss":"https://kubernetes.default.svc","kubernetes.io":{"namespace":"apps","pod":{"name":"web-0"},"serviceaccount":{"name":"web"}},"sub":"system:serviceaccount:apps:web"}"#,
        ))
        .unwrap();
        let claims = claim_facts(&summary, 1_767_222_000);
        let get = |label| {
            claims
                .iter()
                .find(|(l, _)| *l == label)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(get("Audiences").as_deref(), Some("a, b"));
        assert_eq!(get("Issued at").as_deref(), Some("2025-12-31T23:00:00Z"));
        assert_eq!(get("Kind").as_deref(), Some("bound token"));
        assert_eq!(get("Pod").as_deref(), Some("web-0"));
        assert!(get("Expiry").unwrap().starts_with("expires in"));
    }

    #[test]
    fn nothing_but_the_expiry_for_an_empty_claim_set() {
        let summary = decode_jwt(&token("{}", "{}")).unwrap();
        assert!(header_facts(&summary).is_empty());
        assert_eq!(
            claim_facts(&summary, 0),
            vec![("Audiences", "none".into()), ("Expiry", "no expiry".into())]
        );
    }
}
