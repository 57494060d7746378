//! The built-in Secret types as data: what each is called, what it is for
//! and which keys the apiserver insists on.
//!
//! [`check_required`] mirrors the type rules of `ValidateSecret` in
//! `k8s.io/kubernetes/pkg/apis/core/validation/validation.go` (v1.37), so a
//! form can say what is missing before the server refuses the write. Name,
//! key pattern and size limits are checked in `secret::validation`, not here.

use std::borrow::Cow;

/// The type of a Secret (`.type`), with the built-in ones named.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SecretKind {
    Opaque,
    Tls,
    DockerConfigJson,
    DockerCfg,
    ServiceAccountToken,
    BasicAuth,
    SshAuth,
    BootstrapToken,
    /// Any other type string: the apiserver accepts every type and checks
    /// only the built-in ones.
    Other(String),
}

/// The built-in types in the order a "new Secret" menu offers them.
pub const BUILT_IN: [SecretKind; 8] = [
    SecretKind::Opaque,
    SecretKind::Tls,
    SecretKind::DockerConfigJson,
    SecretKind::BasicAuth,
    SecretKind::SshAuth,
    SecretKind::ServiceAccountToken,
    SecretKind::BootstrapToken,
    SecretKind::DockerCfg,
];

/// The annotation a `kubernetes.io/service-account-token` Secret must carry.
pub const SERVICE_ACCOUNT_NAME_ANNOTATION: &str = "kubernetes.io/service-account.name";

impl SecretKind {
    /// The kind of a `.type` string. An empty type is `Opaque`: the
    /// apiserver defaults it so (`SetDefaults_Secret`).
    pub fn from_type(secret_type: &str) -> Self {
        match secret_type {
            "" | "Opaque" => Self::Opaque,
            "kubernetes.io/tls" => Self::Tls,
            "kubernetes.io/dockerconfigjson" => Self::DockerConfigJson,
            "kubernetes.io/dockercfg" => Self::DockerCfg,
            "kubernetes.io/service-account-token" => Self::ServiceAccountToken,
            "kubernetes.io/basic-auth" => Self::BasicAuth,
            "kubernetes.io/ssh-auth" => Self::SshAuth,
            "bootstrap.kubernetes.io/token" => Self::BootstrapToken,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The `.type` string to write.
    pub fn type_name(&self) -> &str {
        match self {
            Self::Opaque => "Opaque",
            Self::Tls => "kubernetes.io/tls",
            Self::DockerConfigJson => "kubernetes.io/dockerconfigjson",
            Self::DockerCfg => "kubernetes.io/dockercfg",
            Self::ServiceAccountToken => "kubernetes.io/service-account-token",
            Self::BasicAuth => "kubernetes.io/basic-auth",
            Self::SshAuth => "kubernetes.io/ssh-auth",
            Self::BootstrapToken => "bootstrap.kubernetes.io/token",
            Self::Other(name) => name,
        }
    }

    /// What a person calls it; an unknown type is shown as its type string.
    pub fn label(&self) -> &str {
        match self {
            Self::Opaque => "Generic (key/value)",
            Self::Tls => "TLS certificate",
            Self::DockerConfigJson => "Docker registry",
            Self::DockerCfg => "Docker registry (legacy .dockercfg)",
            Self::ServiceAccountToken => "Service account token",
            Self::BasicAuth => "Basic authentication",
            Self::SshAuth => "SSH key",
            Self::BootstrapToken => "Bootstrap token",
            Self::Other(name) => name,
        }
    }

    /// Keys the apiserver requires unconditionally for this type.
    ///
    /// `basic-auth` is absent on purpose: it needs `username` *or*
    /// `password`, which one list cannot say — see [`Self::form_keys`] and
    /// [`check_required`].
    pub fn required_keys(&self) -> &'static [&'static str] {
        match self {
            Self::Tls => &["tls.crt", "tls.key"],
            Self::DockerConfigJson => &[".dockerconfigjson"],
            Self::DockerCfg => &[".dockercfg"],
            Self::SshAuth => &["ssh-privatekey"],
            _ => &[],
        }
    }

    /// The keys a form for this type starts with: the required ones plus
    /// those the consumers of the type read by convention.
    ///
    /// A service-account token starts empty: the token controller fills in
    /// `token`, `ca.crt` and `namespace`. A bootstrap token's keys are read
    /// by the bootstrap authenticator (`k8s.io/cluster-bootstrap`), not
    /// checked by the apiserver.
    pub fn form_keys(&self) -> &'static [&'static str] {
        match self {
            Self::BasicAuth => &["username", "password"],
            Self::BootstrapToken => &["token-id", "token-secret"],
            other => other.required_keys(),
        }
    }
}

/// What the apiserver would refuse about a Secret of `secret_type` with
/// these `data` entries (key and decoded value) and annotations; empty when
/// it would accept it. Messages name keys, never values.
///
/// Upstream rules (`ValidateSecret`, `switch secret.Type`):
/// - `kubernetes.io/service-account-token`: annotation
///   `kubernetes.io/service-account.name` non-empty;
/// - `kubernetes.io/dockercfg` / `kubernetes.io/dockerconfigjson`: key
///   `.dockercfg` / `.dockerconfigjson` present and `json.Unmarshal` into a
///   `map[string]interface{}` succeeds (so a JSON object, or `null`);
/// - `kubernetes.io/basic-auth`: `username` or `password` present (either
///   may be empty);
/// - `kubernetes.io/ssh-auth`: `ssh-privatekey` present *and non-empty*
///   (`len(...) == 0`);
/// - `kubernetes.io/tls`: `tls.crt` and `tls.key` present (may be empty);
/// - `Opaque`, `bootstrap.kubernetes.io/token` and anything else: nothing.
pub fn check_required(
    secret_type: &str,
    data: &[(&str, &[u8])],
    annotations: &[(String, String)],
) -> Vec<String> {
    let value = |key: &str| data.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let kind = SecretKind::from_type(secret_type);
    let type_name = kind.type_name();
    let mut problems = Vec::new();
    match kind {
        SecretKind::ServiceAccountToken => {
            let named = annotations
                .iter()
                .any(|(k, v)| k == SERVICE_ACCOUNT_NAME_ANNOTATION && !v.is_empty());
            if !named {
                problems.push(format!(
                    "a {type_name} Secret needs the annotation \
                     {SERVICE_ACCOUNT_NAME_ANNOTATION} naming its service account"
                ));
            }
        }
        SecretKind::DockerCfg | SecretKind::DockerConfigJson => {
            let key = kind.required_keys()[0];
            match value(key) {
                None => problems.push(missing(key, type_name)),
                Some(bytes) => {
                    if let Err(why) = check_json_object(bytes) {
                        problems.push(format!("{key} is not valid JSON: {why}"));
                    }
                }
            }
        }
        SecretKind::BasicAuth => {
            if value("username").is_none() && value("password").is_none() {
                problems.push(format!(
                    "a {type_name} Secret needs a username or a password key \
                     (either may be empty)"
                ));
            }
        }
        SecretKind::SshAuth => match value("ssh-privatekey") {
            None => problems.push(missing("ssh-privatekey", type_name)),
            Some([]) => problems.push(format!(
                "ssh-privatekey must not be empty in a {type_name} Secret"
            )),
            Some(_) => {}
        },
        SecretKind::Tls => {
            for key in kind.required_keys() {
                if value(key).is_none() {
                    problems.push(missing(key, type_name));
                }
            }
        }
        SecretKind::Opaque | SecretKind::BootstrapToken | SecretKind::Other(_) => {}
    }
    problems
}

fn missing(key: &str, type_name: &str) -> String {
    format!("a {type_name} Secret needs the key {key}")
}

/// Accepts what Go's `json.Unmarshal(b, &map[string]interface{}{})` accepts:
/// an object or `null`. Go reads invalid UTF-8 inside strings (replacing
/// it), so the bytes are read lossily first. Errors give a position only.
fn check_json_object(bytes: &[u8]) -> Result<(), String> {
    let text: Cow<str> = String::from_utf8_lossy(bytes);
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Object(_) | serde_json::Value::Null) => Ok(()),
        Ok(_) => Err("it must be a JSON object".into()),
        Err(e) => Err(format!(
            "syntax error at line {}, column {}",
            e.line(),
            e.column()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_strings_round_trip() {
        for kind in BUILT_IN {
            assert_eq!(SecretKind::from_type(kind.type_name()), kind);
            assert!(!kind.label().is_empty());
        }
        assert_eq!(SecretKind::from_type(""), SecretKind::Opaque);
        let other = SecretKind::from_type("example.com/thing");
        assert_eq!(other, SecretKind::Other("example.com/thing".into()));
        assert_eq!(other.type_name(), "example.com/thing");
        assert_eq!(other.label(), "example.com/thing");
        // Type strings are case-sensitive in the apiserver.
        assert_eq!(
            SecretKind::from_type("opaque"),
            SecretKind::Other("opaque".into())
        );
    }

    #[test]
    fn labels() {
        assert_eq!(SecretKind::Tls.label(), "TLS certificate");
        assert_eq!(SecretKind::DockerConfigJson.label(), "Docker registry");
    }

    #[test]
    fn keys_per_type() {
        assert_eq!(SecretKind::Tls.required_keys(), ["tls.crt", "tls.key"]);
        assert_eq!(SecretKind::SshAuth.required_keys(), ["ssh-privatekey"]);
        assert!(SecretKind::BasicAuth.required_keys().is_empty());
        assert_eq!(SecretKind::BasicAuth.form_keys(), ["username", "password"]);
        assert_eq!(
            SecretKind::BootstrapToken.form_keys(),
            ["token-id", "token-secret"]
        );
        assert_eq!(
            SecretKind::DockerConfigJson.form_keys(),
            [".dockerconfigjson"]
        );
        assert!(SecretKind::ServiceAccountToken.form_keys().is_empty());
    }

    fn sa(name: &str) -> Vec<(String, String)> {
        vec![(SERVICE_ACCOUNT_NAME_ANNOTATION.to_owned(), name.to_owned())]
    }

    #[test]
    fn check_required_mirrors_validate_secret() {
        let none: Vec<(String, String)> = Vec::new();
        // (type, data, annotations, number of problems, a word the first names)
        #[allow(clippy::type_complexity)]
        let cases: Vec<(&str, Vec<(&str, &[u8])>, Vec<(String, String)>, usize, &str)> = vec![
            ("Opaque", vec![], none.clone(), 0, ""),
            ("", vec![], none.clone(), 0, ""),
            ("example.com/custom", vec![], none.clone(), 0, ""),
            ("bootstrap.kubernetes.io/token", vec![], none.clone(), 0, ""),
            ("kubernetes.io/tls", vec![], none.clone(), 2, "tls.crt"),
            (
                "kubernetes.io/tls",
                vec![("tls.crt", b"x")],
                none.clone(),
                1,
                "tls.key",
            ),
            // Present but empty is fine for TLS: only existence is checked.
            (
                "kubernetes.io/tls",
                vec![("tls.crt", b""), ("tls.key", b"")],
                none.clone(),
                0,
                "",
            ),
            (
                "kubernetes.io/basic-auth",
                vec![],
                none.clone(),
                1,
                "username or a password",
            ),
            (
                "kubernetes.io/basic-auth",
                vec![("username", b"")],
                none.clone(),
                0,
                "",
            ),
            (
                "kubernetes.io/basic-auth",
                vec![("password", b"p")],
                none.clone(),
                0,
                "",
            ),
            (
                "kubernetes.io/basic-auth",
                vec![("other", b"p")],
                none.clone(),
                1,
                "username",
            ),
            (
                "kubernetes.io/ssh-auth",
                vec![],
                none.clone(),
                1,
                "ssh-privatekey",
            ),
            // Unlike TLS, ssh-auth checks the length.
            (
                "kubernetes.io/ssh-auth",
                vec![("ssh-privatekey", b"")],
                none.clone(),
                1,
                "empty",
            ),
            (
                "kubernetes.io/ssh-auth",
                vec![("ssh-privatekey", b"k")],
                none.clone(),
                0,
                "",
            ),
            (
                "kubernetes.io/service-account-token",
                vec![],
                none.clone(),
                1,
                SERVICE_ACCOUNT_NAME_ANNOTATION,
            ),
            (
                "kubernetes.io/service-account-token",
                vec![],
                sa(""),
                1,
                "annotation",
            ),
            (
                "kubernetes.io/service-account-token",
                vec![],
                sa("builder"),
                0,
                "",
            ),
            (
                "kubernetes.io/dockerconfigjson",
                vec![],
                none.clone(),
                1,
                ".dockerconfigjson",
            ),
            (
                "kubernetes.io/dockerconfigjson",
                vec![(".dockerconfigjson", b"{\"auths\":{}}")],
                none.clone(),
                0,
                "",
            ),
            (
                "kubernetes.io/dockerconfigjson",
                vec![(".dockerconfigjson", b"null")],
                none.clone(),
                0,
                "",
            ),
            (
                "kubernetes.io/dockerconfigjson",
                vec![(".dockerconfigjson", b" {} \n")],
                none.clone(),
                0,
                "",
            ),
            (
                "kubernetes.io/dockerconfigjson",
                vec![(".dockerconfigjson", b"[]")],
                none.clone(),
                1,
                "object",
            ),
            (
                "kubernetes.io/dockerconfigjson",
                vec![(".dockerconfigjson", b"")],
                none.clone(),
                1,
                "line 1",
            ),
            (
                "kubernetes.io/dockerconfigjson",
                vec![(".dockerconfigjson", b"{\"a\":\n}")],
                none.clone(),
                1,
                "line 2",
            ),
            // Go tolerates invalid UTF-8 inside strings.
            (
                "kubernetes.io/dockerconfigjson",
                vec![(".dockerconfigjson", b"{\"a\":\"\xff\"}")],
                none.clone(),
                0,
                "",
            ),
            (
                "kubernetes.io/dockercfg",
                vec![],
                none.clone(),
                1,
                ".dockercfg",
            ),
            (
                "kubernetes.io/dockercfg",
                vec![(".dockercfg", b"{}")],
                none.clone(),
                0,
                "",
            ),
            (
                "kubernetes.io/dockercfg",
                vec![(".dockercfg", b"{")],
                none.clone(),
                1,
                "JSON",
            ),
        ];
        for (secret_type, data, annotations, count, word) in cases {
            let problems = check_required(secret_type, &data, &annotations);
            assert_eq!(
                problems.len(),
                count,
                "{secret_type} {data:?}: {problems:?}"
            );
            if count > 0 {
                assert!(problems[0].contains(word), "{secret_type}: {problems:?}");
            }
        }
    }

    #[test]
    fn json_errors_do_not_quote_the_value() {
        let problems = check_required(
            "kubernetes.io/dockerconfigjson",
            &[(".dockerconfigjson", b"{\"auths\": hunter2}")],
            &[],
        );
        assert_eq!(problems.len(), 1);
        assert!(!problems[0].contains("hunter2"), "{problems:?}");
    }
}
