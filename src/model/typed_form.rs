//! The typed create forms (TLS, docker registry, basic auth, SSH,
//! service-account token) as plain data: what the user entered, checked, and
//! turned into the keys and annotations of a Secret of that type.
//!
//! Also the typed checks for the generic key/value editor, so editing a TLS
//! secret key by key still catches a key that no longer matches its
//! certificate.

use std::fmt;

use super::docker_config::{
    build_docker_config_json, parse_docker_config, RegistryCredential, RegistryField,
};
use super::ssh_key::parse_ssh_private_key;
use super::tls_check::{check_tls, Severity, TlsField};
use super::typed_secret::{check_required, SecretKind, SERVICE_ACCOUNT_NAME_ANNOTATION};
use super::validation::validate_secret_name;

/// What one typed form holds.
#[derive(Clone, PartialEq, Eq)]
pub enum TypedInput {
    Tls { cert: Vec<u8>, key: Vec<u8> },
    Docker { registries: Vec<RegistryCredential> },
    BasicAuth { username: String, password: String },
    Ssh { private_key: Vec<u8> },
    ServiceAccountToken { service_account: String },
}

/// Redacted: every variant but the token's holds secret material.
impl fmt::Debug for TypedInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TypedInput::{:?} (values redacted)", self.kind())
    }
}

/// Which input of a typed form a problem belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypedField {
    Certificate,
    Key,
    Registry(usize, RegistryField),
    /// The registry list as a whole (e.g. empty).
    Registries,
    Username,
    Password,
    SshKey,
    ServiceAccount,
}

/// A problem found in a typed form. Blocking ones stop the write; the others
/// (an expiring certificate) are shown and written on the user's word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedProblem {
    pub field: TypedField,
    pub message: String,
    pub blocking: bool,
}

impl TypedProblem {
    fn error(field: TypedField, message: impl Into<String>) -> Self {
        TypedProblem {
            field,
            message: message.into(),
            blocking: true,
        }
    }
}

/// The parts of the Secret a typed form decides.
#[derive(Clone, PartialEq, Eq)]
pub struct TypedOutput {
    pub secret_type: String,
    pub entries: Vec<(String, Vec<u8>)>,
    pub annotations: Vec<(String, String)>,
}

impl fmt::Debug for TypedOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys: Vec<&str> = self.entries.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("TypedOutput")
            .field("secret_type", &self.secret_type)
            .field("keys", &keys)
            .field("annotations", &self.annotations)
            .finish()
    }
}

impl TypedInput {
    /// An empty form of `kind`; `None` for kinds without a typed form.
    pub fn empty(kind: &SecretKind) -> Option<TypedInput> {
        Some(match kind {
            SecretKind::Tls => TypedInput::Tls {
                cert: Vec::new(),
                key: Vec::new(),
            },
            SecretKind::DockerConfigJson => TypedInput::Docker {
                registries: vec![RegistryCredential::default()],
            },
            SecretKind::BasicAuth => TypedInput::BasicAuth {
                username: String::new(),
                password: String::new(),
            },
            SecretKind::SshAuth => TypedInput::Ssh {
                private_key: Vec::new(),
            },
            SecretKind::ServiceAccountToken => TypedInput::ServiceAccountToken {
                service_account: String::new(),
            },
            _ => return None,
        })
    }

    pub fn kind(&self) -> SecretKind {
        match self {
            TypedInput::Tls { .. } => SecretKind::Tls,
            TypedInput::Docker { .. } => SecretKind::DockerConfigJson,
            TypedInput::BasicAuth { .. } => SecretKind::BasicAuth,
            TypedInput::Ssh { .. } => SecretKind::SshAuth,
            TypedInput::ServiceAccountToken { .. } => SecretKind::ServiceAccountToken,
        }
    }

    /// The bytes behind a pasted-or-uploaded input of this form (the TLS
    /// certificate and key, the SSH key); `None` for other fields.
    pub fn pem_input(&self, field: &TypedField) -> Option<&[u8]> {
        match (self, field) {
            (TypedInput::Tls { cert, .. }, TypedField::Certificate) => Some(cert),
            (TypedInput::Tls { key, .. }, TypedField::Key) => Some(key),
            (TypedInput::Ssh { private_key }, TypedField::SshKey) => Some(private_key),
            _ => None,
        }
    }

    /// Replaces the bytes of a pasted-or-uploaded input; other fields are
    /// left alone.
    pub fn set_pem_input(&mut self, field: &TypedField, bytes: Vec<u8>) {
        let slot = match (self, field) {
            (TypedInput::Tls { cert, .. }, TypedField::Certificate) => cert,
            (TypedInput::Tls { key, .. }, TypedField::Key) => key,
            (TypedInput::Ssh { private_key }, TypedField::SshKey) => private_key,
            _ => return,
        };
        *slot = bytes;
    }

    /// Every problem, blocking or not, each on its input. `now` (Unix
    /// seconds) dates certificates.
    pub fn check(&self, now: i64) -> Vec<TypedProblem> {
        match self {
            TypedInput::Tls { cert, key } => check_tls_pair(cert, key, now),
            TypedInput::Docker { registries } => check_registries(registries),
            TypedInput::BasicAuth { username, password } => {
                let mut problems = Vec::new();
                if username.trim().is_empty() {
                    problems.push(TypedProblem::error(
                        TypedField::Username,
                        "enter the username",
                    ));
                }
                if password.is_empty() {
                    problems.push(TypedProblem::error(
                        TypedField::Password,
                        "enter the password",
                    ));
                }
                problems
            }
            TypedInput::Ssh { private_key } => check_ssh_key(private_key)
                .map(|m| vec![TypedProblem::error(TypedField::SshKey, m)])
                .unwrap_or_default(),
            TypedInput::ServiceAccountToken { service_account } => {
                match validate_secret_name(service_account) {
                    Ok(()) => Vec::new(),
                    Err(_) if service_account.is_empty() => vec![TypedProblem::error(
                        TypedField::ServiceAccount,
                        "choose the service account the token is for",
                    )],
                    Err(m) => vec![TypedProblem::error(
                        TypedField::ServiceAccount,
                        format!("not a service account name: {m}"),
                    )],
                }
            }
        }
    }

    /// The type, keys and annotations to write. Call after [`Self::check`]
    /// found nothing blocking; the docker config of a list with errors is
    /// left empty.
    pub fn output(&self) -> TypedOutput {
        let kind = self.kind();
        let entries: Vec<(String, Vec<u8>)> = match self {
            TypedInput::Tls { cert, key } => vec![
                ("tls.crt".into(), cert.clone()),
                ("tls.key".into(), key.clone()),
            ],
            TypedInput::Docker { registries } => vec![(
                ".dockerconfigjson".into(),
                build_docker_config_json(registries).unwrap_or_default(),
            )],
            TypedInput::BasicAuth { username, password } => vec![
                ("username".into(), username.trim().as_bytes().to_vec()),
                ("password".into(), password.as_bytes().to_vec()),
            ],
            TypedInput::Ssh { private_key } => {
                vec![("ssh-privatekey".into(), private_key.clone())]
            }
            TypedInput::ServiceAccountToken { .. } => Vec::new(),
        };
        let annotations = match self {
            TypedInput::ServiceAccountToken { service_account } => vec![(
                SERVICE_ACCOUNT_NAME_ANNOTATION.to_string(),
                service_account.clone(),
            )],
            _ => Vec::new(),
        };
        TypedOutput {
            secret_type: kind.type_name().to_string(),
            entries,
            annotations,
        }
    }
}

fn check_tls_pair(cert: &[u8], key: &[u8], now: i64) -> Vec<TypedProblem> {
    let mut problems = Vec::new();
    if cert.iter().all(u8::is_ascii_whitespace) {
        problems.push(TypedProblem::error(
            TypedField::Certificate,
            "paste or upload the certificate (PEM)",
        ));
    }
    if key.iter().all(u8::is_ascii_whitespace) {
        problems.push(TypedProblem::error(
            TypedField::Key,
            "paste or upload the private key (PEM)",
        ));
    }
    if !problems.is_empty() {
        return problems;
    }
    check_tls(cert, key, now)
        .problems
        .into_iter()
        .map(|p| TypedProblem {
            field: match p.field {
                TlsField::Certificate => TypedField::Certificate,
                TlsField::Key => TypedField::Key,
            },
            message: p.message,
            blocking: p.severity == Severity::Error,
        })
        .collect()
}

fn check_registries(registries: &[RegistryCredential]) -> Vec<TypedProblem> {
    if registries.is_empty() {
        return vec![TypedProblem::error(
            TypedField::Registries,
            "add at least one registry",
        )];
    }
    match build_docker_config_json(registries) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .into_iter()
            .map(|e| TypedProblem::error(TypedField::Registry(e.index, e.field), e.message))
            .collect(),
    }
}

/// `None` if the bytes are an SSH private key we can read.
fn check_ssh_key(private_key: &[u8]) -> Option<String> {
    if private_key.iter().all(u8::is_ascii_whitespace) {
        return Some("paste or upload the SSH private key".into());
    }
    parse_ssh_private_key(private_key)
        .err()
        .map(|why| format!("not a usable SSH private key: {why}"))
}

/// A problem the generic key/value editor shows for a typed secret: on the
/// value of `key`, or on the secret as a whole when `key` is `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryProblem {
    pub key: Option<String>,
    pub message: String,
    pub blocking: bool,
}

/// The typed checks for a secret edited key by key: the apiserver's required
/// keys, plus what it does not check (a TLS key that does not match its
/// certificate, a docker config that will not parse, an unreadable SSH key).
pub fn check_typed_entries(
    secret_type: &str,
    entries: &[(&str, &[u8])],
    annotations: &[(String, String)],
    now: i64,
) -> Vec<EntryProblem> {
    let mut problems: Vec<EntryProblem> = check_required(secret_type, entries, annotations)
        .into_iter()
        .map(|message| EntryProblem {
            key: None,
            message,
            blocking: true,
        })
        .collect();
    if !problems.is_empty() {
        return problems;
    }
    let value = |key: &str| entries.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let on = |key: &str, message: String, blocking: bool| EntryProblem {
        key: Some(key.to_string()),
        message,
        blocking,
    };
    match SecretKind::from_type(secret_type) {
        SecretKind::Tls => {
            let (cert, key) = (
                value("tls.crt").unwrap_or(&[]),
                value("tls.key").unwrap_or(&[]),
            );
            for p in check_tls_pair(cert, key, now) {
                let target = match p.field {
                    TypedField::Key => "tls.key",
                    _ => "tls.crt",
                };
                problems.push(on(target, p.message, p.blocking));
            }
        }
        kind @ (SecretKind::DockerConfigJson | SecretKind::DockerCfg) => {
            let key = kind.required_keys()[0];
            let legacy = kind == SecretKind::DockerCfg;
            if let Err(why) = parse_docker_config(value(key).unwrap_or(&[]), legacy) {
                problems.push(on(key, why, true));
            }
        }
        SecretKind::SshAuth => {
            if let Some(why) = check_ssh_key(value("ssh-privatekey").unwrap_or(&[])) {
                problems.push(on("ssh-privatekey", why, true));
            }
        }
        _ => {}
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_fixtures::{
        EXPIRED_CRT, NOW, OTHER_KEY, RSA_CRT, RSA_KEY, SSH_KEY, SSH_PUB,
    };

    fn blocking(problems: &[TypedProblem]) -> Vec<(TypedField, String)> {
        problems
            .iter()
            .filter(|p| p.blocking)
            .map(|p| (p.field.clone(), p.message.clone()))
            .collect()
    }

    fn tls(cert: &[u8], key: &[u8]) -> TypedInput {
        TypedInput::Tls {
            cert: cert.to_vec(),
            key: key.to_vec(),
        }
    }

    #[test]
    fn a_matching_tls_pair_writes_tls_crt_and_tls_key() {
        let input = tls(RSA_CRT, RSA_KEY);
        assert!(blocking(&input.check(NOW)).is_empty());
        let out = input.output();
        assert_eq!(out.secret_type, "kubernetes.io/tls");
        assert_eq!(
            out.entries,
            vec![
                ("tls.crt".to_string(), RSA_CRT.to_vec()),
                ("tls.key".to_string(), RSA_KEY.to_vec())
            ]
        );
    }

    #[test]
    fn tls_problems_land_on_their_field() {
        let empty = blocking(&tls(b"", b" \n").check(NOW));
        assert_eq!(
            empty.iter().map(|(f, _)| f.clone()).collect::<Vec<_>>(),
            vec![TypedField::Certificate, TypedField::Key]
        );
        let mismatch = blocking(&tls(RSA_CRT, OTHER_KEY).check(NOW));
        assert_eq!(mismatch.len(), 1);
        assert_eq!(mismatch[0].0, TypedField::Key);
        assert!(
            mismatch[0].1.contains("does not match"),
            "{}",
            mismatch[0].1
        );
        let truncated = &RSA_CRT[..RSA_CRT.len() / 2];
        let cut = blocking(&tls(truncated, RSA_KEY).check(NOW));
        assert_eq!(cut[0].0, TypedField::Certificate);
    }

    #[test]
    fn an_expired_certificate_is_a_warning_not_a_block() {
        let problems = tls(EXPIRED_CRT, OTHER_KEY).check(NOW);
        assert!(problems.iter().any(|p| !p.blocking
            && p.field == TypedField::Certificate
            && p.message.contains("expired")));
    }

    #[test]
    fn docker_errors_name_the_registry_and_input() {
        let input = TypedInput::Docker {
            registries: vec![RegistryCredential {
                server: String::new(),
                username: "u".into(),
                password: "p".into(),
                email: String::new(),
            }],
        };
        let problems = blocking(&input.check(NOW));
        assert_eq!(
            problems[0].0,
            TypedField::Registry(0, RegistryField::Server)
        );
        let none = TypedInput::Docker { registries: vec![] };
        assert_eq!(blocking(&none.check(NOW))[0].0, TypedField::Registries);
    }

    #[test]
    fn docker_output_is_the_dockerconfigjson() {
        let creds = vec![RegistryCredential {
            server: "registry.example.com".into(),
            username: "bob".into(),
            password: "hunter2".into(),
            email: "bob@example.com".into(),
        }];
        let input = TypedInput::Docker {
            registries: creds.clone(),
        };
        assert!(input.check(NOW).is_empty());
        let out = input.output();
        assert_eq!(out.secret_type, "kubernetes.io/dockerconfigjson");
        assert_eq!(out.entries[0].0, ".dockerconfigjson");
        let parsed = parse_docker_config(&out.entries[0].1, false).unwrap();
        assert_eq!(parsed.credentials, creds);
    }

    #[test]
    fn basic_auth_needs_both_and_keeps_the_password_exactly() {
        let input = TypedInput::BasicAuth {
            username: " admin ".into(),
            password: " spaced ".into(),
        };
        assert!(input.check(NOW).is_empty());
        let out = input.output();
        assert_eq!(out.secret_type, "kubernetes.io/basic-auth");
        assert_eq!(
            out.entries,
            vec![
                ("username".to_string(), b"admin".to_vec()),
                ("password".to_string(), b" spaced ".to_vec())
            ]
        );
        let empty = TypedInput::BasicAuth {
            username: " ".into(),
            password: String::new(),
        };
        assert_eq!(
            blocking(&empty.check(NOW))
                .into_iter()
                .map(|(f, _)| f)
                .collect::<Vec<_>>(),
            vec![TypedField::Username, TypedField::Password]
        );
    }

    #[test]
    fn ssh_needs_a_private_key_not_a_public_one() {
        let good = TypedInput::Ssh {
            private_key: SSH_KEY.to_vec(),
        };
        assert!(good.check(NOW).is_empty());
        assert_eq!(good.output().entries[0].0, "ssh-privatekey");
        for bad in [
            &b""[..],
            SSH_PUB,
            b"-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA",
        ] {
            let problems = blocking(
                &TypedInput::Ssh {
                    private_key: bad.to_vec(),
                }
                .check(NOW),
            );
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].0, TypedField::SshKey);
        }
    }

    #[test]
    fn a_token_secret_names_its_service_account_in_an_annotation() {
        let input = TypedInput::ServiceAccountToken {
            service_account: "builder".into(),
        };
        assert!(input.check(NOW).is_empty());
        let out = input.output();
        assert!(out.entries.is_empty());
        assert_eq!(
            out.annotations,
            vec![(
                SERVICE_ACCOUNT_NAME_ANNOTATION.to_string(),
                "builder".to_string()
            )]
        );
        for bad in ["", "Builder", "a b"] {
            let input = TypedInput::ServiceAccountToken {
                service_account: bad.into(),
            };
            assert_eq!(blocking(&input.check(NOW))[0].0, TypedField::ServiceAccount);
        }
    }

    #[test]
    fn every_typed_kind_has_an_empty_form_and_others_do_not() {
        for kind in [
            SecretKind::Tls,
            SecretKind::DockerConfigJson,
            SecretKind::BasicAuth,
            SecretKind::SshAuth,
            SecretKind::ServiceAccountToken,
        ] {
            assert_eq!(TypedInput::empty(&kind).unwrap().kind(), kind);
        }
        assert!(TypedInput::empty(&SecretKind::Opaque).is_none());
    }

    #[test]
    fn pem_inputs_reach_the_right_bytes_and_nothing_else() {
        let mut tls = TypedInput::empty(&SecretKind::Tls).unwrap();
        tls.set_pem_input(&TypedField::Key, b"key".to_vec());
        tls.set_pem_input(&TypedField::SshKey, b"ignored".to_vec());
        assert_eq!(tls.pem_input(&TypedField::Key), Some(&b"key"[..]));
        assert_eq!(tls.pem_input(&TypedField::Certificate), Some(&b""[..]));
        assert_eq!(tls.pem_input(&TypedField::SshKey), None);
        let mut ssh = TypedInput::empty(&SecretKind::SshAuth).unwrap();
        ssh.set_pem_input(&TypedField::SshKey, SSH_KEY.to_vec());
        assert_eq!(ssh.pem_input(&TypedField::SshKey), Some(SSH_KEY));
    }

    #[test]
    fn debug_output_never_shows_values() {
        let input = TypedInput::BasicAuth {
            username: "admin".into(),
            password: "hunter2".into(),
        };
        let out = format!("{:?} {:?}", input, input.output());
        assert!(!out.contains("hunter2") && !out.contains("admin"), "{out}");
    }

    #[test]
    fn key_by_key_edits_of_a_tls_secret_are_checked_as_a_pair() {
        let ok = check_typed_entries(
            "kubernetes.io/tls",
            &[("tls.crt", RSA_CRT), ("tls.key", RSA_KEY)],
            &[],
            NOW,
        );
        assert!(ok.is_empty(), "{ok:?}");
        let bad = check_typed_entries(
            "kubernetes.io/tls",
            &[("tls.crt", RSA_CRT), ("tls.key", OTHER_KEY)],
            &[],
            NOW,
        );
        assert_eq!(bad[0].key.as_deref(), Some("tls.key"));
        assert!(bad[0].blocking);
        let missing = check_typed_entries("kubernetes.io/tls", &[("tls.crt", RSA_CRT)], &[], NOW);
        assert_eq!(missing[0].key, None);
        assert!(missing[0].message.contains("tls.key"));
    }

    #[test]
    fn key_by_key_edits_of_docker_and_ssh_secrets_are_parsed() {
        let bad = check_typed_entries(
            "kubernetes.io/dockerconfigjson",
            &[(".dockerconfigjson", b"{\"auths\": {")],
            &[],
            NOW,
        );
        assert_eq!(bad[0].key, None, "the apiserver's JSON rule comes first");
        let bad_ssh = check_typed_entries(
            "kubernetes.io/ssh-auth",
            &[("ssh-privatekey", SSH_PUB)],
            &[],
            NOW,
        );
        assert_eq!(bad_ssh[0].key.as_deref(), Some("ssh-privatekey"));
        assert!(check_typed_entries("Opaque", &[("a", b"b")], &[], NOW).is_empty());
    }
}
