//! The typed create forms (TLS, docker registry, basic auth, SSH,
//! service-account token) as plain data: what the user entered, checked, and
//! turned into the keys and annotations of a Secret of that type.
//!
//! Also the typed checks for the generic key/value editor, so editing a TLS
//! secret key by key still catches a key that no longer matches its
//! certificate.

use std::fmt;

use crate::model::problem::Problem;
use crate::model::secret::validation::validate_secret_name;
use crate::model::secret_types::docker::config::{
    build_docker_config_json, parse_docker_config, RegistryCredential, RegistryInput,
};
use crate::model::secret_types::kinds::{
    check_required, SecretKind, SERVICE_ACCOUNT_NAME_ANNOTATION,
};
use crate::model::secret_types::ssh::key::parse_ssh_private_key;
use crate::model::secret_types::tls::check::{check_tls, TlsField};

/// What one typed form holds.
#[derive(Clone, PartialEq, Eq)]
pub enum TypeFormInput {
    Tls { cert: Vec<u8>, key: Vec<u8> },
    Docker { registries: Vec<RegistryCredential> },
    BasicAuth { username: String, password: String },
    Ssh { private_key: Vec<u8> },
    ServiceAccountToken { service_account: String },
}

/// Redacted: every variant but the token's holds secret material.
impl fmt::Debug for TypeFormInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TypeFormInput::{:?} (values redacted)", self.kind())
    }
}

/// Which input of a typed form a problem belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeFormField {
    Certificate,
    Key,
    Registry(RegistryInput),
    /// The registry list as a whole (e.g. empty).
    Registries,
    Username,
    Password,
    SshKey,
    ServiceAccount,
}

/// The parts of the Secret a typed form decides.
#[derive(Clone, PartialEq, Eq)]
pub struct TypeFormOutput {
    pub secret_type: String,
    pub entries: Vec<(String, Vec<u8>)>,
    pub annotations: Vec<(String, String)>,
}

impl fmt::Debug for TypeFormOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys: Vec<&str> = self.entries.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("TypeFormOutput")
            .field("secret_type", &self.secret_type)
            .field("keys", &keys)
            .field("annotations", &self.annotations)
            .finish()
    }
}

impl TypeFormInput {
    /// An empty form of `kind`; `None` for kinds without a typed form.
    pub fn empty(kind: &SecretKind) -> Option<TypeFormInput> {
        Some(match kind {
            SecretKind::Tls => TypeFormInput::Tls {
                cert: Vec::new(),
                key: Vec::new(),
            },
            SecretKind::DockerConfigJson => TypeFormInput::Docker {
                registries: vec![RegistryCredential::default()],
            },
            SecretKind::BasicAuth => TypeFormInput::BasicAuth {
                username: String::new(),
                password: String::new(),
            },
            SecretKind::SshAuth => TypeFormInput::Ssh {
                private_key: Vec::new(),
            },
            SecretKind::ServiceAccountToken => TypeFormInput::ServiceAccountToken {
                service_account: String::new(),
            },
            _ => return None,
        })
    }

    pub fn kind(&self) -> SecretKind {
        match self {
            TypeFormInput::Tls { .. } => SecretKind::Tls,
            TypeFormInput::Docker { .. } => SecretKind::DockerConfigJson,
            TypeFormInput::BasicAuth { .. } => SecretKind::BasicAuth,
            TypeFormInput::Ssh { .. } => SecretKind::SshAuth,
            TypeFormInput::ServiceAccountToken { .. } => SecretKind::ServiceAccountToken,
        }
    }

    /// The bytes behind a pasted-or-uploaded input of this form (the TLS
    /// certificate and key, the SSH key); `None` for other fields.
    pub fn pem_input(&self, field: &TypeFormField) -> Option<&[u8]> {
        match (self, field) {
            (TypeFormInput::Tls { cert, .. }, TypeFormField::Certificate) => Some(cert),
            (TypeFormInput::Tls { key, .. }, TypeFormField::Key) => Some(key),
            (TypeFormInput::Ssh { private_key }, TypeFormField::SshKey) => Some(private_key),
            _ => None,
        }
    }

    /// Replaces the bytes of a pasted-or-uploaded input; other fields are
    /// left alone.
    pub fn set_pem_input(&mut self, field: &TypeFormField, bytes: Vec<u8>) {
        let slot = match (self, field) {
            (TypeFormInput::Tls { cert, .. }, TypeFormField::Certificate) => cert,
            (TypeFormInput::Tls { key, .. }, TypeFormField::Key) => key,
            (TypeFormInput::Ssh { private_key }, TypeFormField::SshKey) => private_key,
            _ => return,
        };
        *slot = bytes;
    }

    /// Every problem, blocking or not, each on its input. `now` (Unix
    /// seconds) dates certificates.
    pub fn check(&self, now: i64) -> Vec<Problem<TypeFormField>> {
        match self {
            TypeFormInput::Tls { cert, key } => check_tls_pair(cert, key, now),
            TypeFormInput::Docker { registries } => check_registries(registries),
            TypeFormInput::BasicAuth { username, password } => {
                let mut problems = Vec::new();
                if username.trim().is_empty() {
                    problems.push(Problem::error(
                        TypeFormField::Username,
                        "enter the username",
                    ));
                }
                if password.is_empty() {
                    problems.push(Problem::error(
                        TypeFormField::Password,
                        "enter the password",
                    ));
                }
                problems
            }
            TypeFormInput::Ssh { private_key } => check_ssh_key(private_key)
                .map(|m| vec![Problem::error(TypeFormField::SshKey, m)])
                .unwrap_or_default(),
            TypeFormInput::ServiceAccountToken { service_account } => {
                match validate_secret_name(service_account) {
                    Ok(()) => Vec::new(),
                    Err(_) if service_account.is_empty() => vec![Problem::error(
                        TypeFormField::ServiceAccount,
                        "choose the service account the token is for",
                    )],
                    Err(m) => vec![Problem::error(
                        TypeFormField::ServiceAccount,
                        format!("not a service account name: {m}"),
                    )],
                }
            }
        }
    }

    /// The type, keys and annotations to write. Call after [`Self::check`]
    /// found nothing blocking; the docker config of a list with errors is
    /// left empty.
    pub fn output(&self) -> TypeFormOutput {
        let kind = self.kind();
        let entries: Vec<(String, Vec<u8>)> = match self {
            TypeFormInput::Tls { cert, key } => vec![
                ("tls.crt".into(), cert.clone()),
                ("tls.key".into(), key.clone()),
            ],
            TypeFormInput::Docker { registries } => vec![(
                ".dockerconfigjson".into(),
                build_docker_config_json(registries).unwrap_or_default(),
            )],
            TypeFormInput::BasicAuth { username, password } => vec![
                ("username".into(), username.trim().as_bytes().to_vec()),
                ("password".into(), password.as_bytes().to_vec()),
            ],
            TypeFormInput::Ssh { private_key } => {
                vec![("ssh-privatekey".into(), private_key.clone())]
            }
            TypeFormInput::ServiceAccountToken { .. } => Vec::new(),
        };
        let annotations = match self {
            TypeFormInput::ServiceAccountToken { service_account } => vec![(
                SERVICE_ACCOUNT_NAME_ANNOTATION.to_string(),
                service_account.clone(),
            )],
            _ => Vec::new(),
        };
        TypeFormOutput {
            secret_type: kind.type_name().to_string(),
            entries,
            annotations,
        }
    }
}

fn check_tls_pair(cert: &[u8], key: &[u8], now: i64) -> Vec<Problem<TypeFormField>> {
    let mut problems = Vec::new();
    if cert.iter().all(u8::is_ascii_whitespace) {
        problems.push(Problem::error(
            TypeFormField::Certificate,
            "paste or upload the certificate (PEM)",
        ));
    }
    if key.iter().all(u8::is_ascii_whitespace) {
        problems.push(Problem::error(
            TypeFormField::Key,
            "paste or upload the private key (PEM)",
        ));
    }
    if !problems.is_empty() {
        return problems;
    }
    check_tls(cert, key, now)
        .problems
        .into_iter()
        .map(|p| {
            p.map_field(|field| match field {
                TlsField::Certificate => TypeFormField::Certificate,
                TlsField::Key => TypeFormField::Key,
            })
        })
        .collect()
}

fn check_registries(registries: &[RegistryCredential]) -> Vec<Problem<TypeFormField>> {
    if registries.is_empty() {
        return vec![Problem::error(
            TypeFormField::Registries,
            "add at least one registry",
        )];
    }
    match build_docker_config_json(registries) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .into_iter()
            .map(|e| e.map_field(TypeFormField::Registry))
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

/// The typed checks for a secret edited key by key: the apiserver's required
/// keys, plus what it does not check (a TLS key that does not match its
/// certificate, a docker config that will not parse, an unreadable SSH key).
/// Each problem is on the value of its key, or on the secret as a whole
/// (`None`).
pub fn check_type_rules(
    secret_type: &str,
    entries: &[(&str, &[u8])],
    annotations: &[(String, String)],
    now: i64,
) -> Vec<Problem<Option<String>>> {
    let mut problems: Vec<Problem<Option<String>>> =
        check_required(secret_type, entries, annotations)
            .into_iter()
            .map(|message| {
                // A problem with a present key's content (".dockerconfigjson is
                // not valid JSON") sits at that key's value, like the typed forms'.
                let at = entries
                    .iter()
                    .map(|(k, _)| *k)
                    .find(|k| message.starts_with(&format!("{k} is not ")));
                Problem::error(at.map(str::to_string), message)
            })
            .collect();
    if !problems.is_empty() {
        return problems;
    }
    let value = |key: &str| entries.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let on = |key: &str| Some(key.to_string());
    match SecretKind::from_type(secret_type) {
        SecretKind::Tls => {
            let (cert, key) = (
                value("tls.crt").unwrap_or(&[]),
                value("tls.key").unwrap_or(&[]),
            );
            problems.extend(check_tls_pair(cert, key, now).into_iter().map(|p| {
                p.map_field(|field| match field {
                    TypeFormField::Key => on("tls.key"),
                    _ => on("tls.crt"),
                })
            }));
        }
        kind @ (SecretKind::DockerConfigJson | SecretKind::DockerCfg) => {
            let key = kind.required_keys()[0];
            let legacy = kind == SecretKind::DockerCfg;
            if let Err(why) = parse_docker_config(value(key).unwrap_or(&[]), legacy) {
                problems.push(Problem::error(on(key), why));
            }
        }
        SecretKind::SshAuth => {
            if let Some(why) = check_ssh_key(value("ssh-privatekey").unwrap_or(&[])) {
                problems.push(Problem::error(on("ssh-privatekey"), why));
            }
        }
        _ => {}
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::secret_types::docker::config::RegistryField;
    use crate::model::test_fixtures::{
        EXPIRED_CRT, NOW, OTHER_KEY, RSA_CRT, RSA_KEY, SSH_KEY, SSH_PUB,
    };

    fn blocking(problems: &[Problem<TypeFormField>]) -> Vec<(TypeFormField, String)> {
        problems
            .iter()
            .filter(|p| p.is_error())
            .map(|p| (p.field.clone(), p.message.clone()))
            .collect()
    }

    fn tls(cert: &[u8], key: &[u8]) -> TypeFormInput {
        TypeFormInput::Tls {
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
            vec![TypeFormField::Certificate, TypeFormField::Key]
        );
        let mismatch = blocking(&tls(RSA_CRT, OTHER_KEY).check(NOW));
        assert_eq!(mismatch.len(), 1);
        assert_eq!(mismatch[0].0, TypeFormField::Key);
        assert!(
            mismatch[0].1.contains("does not match"),
            "{}",
            mismatch[0].1
        );
        let truncated = &RSA_CRT[..RSA_CRT.len() / 2];
        let cut = blocking(&tls(truncated, RSA_KEY).check(NOW));
        assert_eq!(cut[0].0, TypeFormField::Certificate);
    }

    #[test]
    fn an_expired_certificate_is_a_warning_not_a_block() {
        let problems = tls(EXPIRED_CRT, OTHER_KEY).check(NOW);
        assert!(problems.iter().any(|p| !p.is_error()
            && p.field == TypeFormField::Certificate
            && p.message.contains("expired")));
    }

    #[test]
    fn docker_errors_name_the_registry_and_input() {
        let input = TypeFormInput::Docker {
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
            TypeFormField::Registry(RegistryInput {
                row: 0,
                column: RegistryField::Server
            })
        );
        let none = TypeFormInput::Docker { registries: vec![] };
        assert_eq!(blocking(&none.check(NOW))[0].0, TypeFormField::Registries);
    }

    #[test]
    fn docker_output_is_the_dockerconfigjson() {
        let creds = vec![RegistryCredential {
            server: "registry.example.com".into(),
            username: "bob".into(),
            password: "hunter2".into(),
            email: "bob@example.com".into(),
        }];
        let input = TypeFormInput::Docker {
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
        let input = TypeFormInput::BasicAuth {
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
        let empty = TypeFormInput::BasicAuth {
            username: " ".into(),
            password: String::new(),
        };
        assert_eq!(
            blocking(&empty.check(NOW))
                .into_iter()
                .map(|(f, _)| f)
                .collect::<Vec<_>>(),
            vec![TypeFormField::Username, TypeFormField::Password]
        );
    }

    #[test]
    fn ssh_needs_a_private_key_not_a_public_one() {
        let good = TypeFormInput::Ssh {
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
                &TypeFormInput::Ssh {
                    private_key: bad.to_vec(),
                }
                .check(NOW),
            );
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].0, TypeFormField::SshKey);
        }
    }

    #[test]
    fn a_token_secret_names_its_service_account_in_an_annotation() {
        let input = TypeFormInput::ServiceAccountToken {
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
            let input = TypeFormInput::ServiceAccountToken {
                service_account: bad.into(),
            };
            assert_eq!(
                blocking(&input.check(NOW))[0].0,
                TypeFormField::ServiceAccount
            );
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
            assert_eq!(TypeFormInput::empty(&kind).unwrap().kind(), kind);
        }
        assert!(TypeFormInput::empty(&SecretKind::Opaque).is_none());
    }

    #[test]
    fn pem_inputs_reach_the_right_bytes_and_nothing_else() {
        let mut tls = TypeFormInput::empty(&SecretKind::Tls).unwrap();
        tls.set_pem_input(&TypeFormField::Key, b"key".to_vec());
        tls.set_pem_input(&TypeFormField::SshKey, b"ignored".to_vec());
        assert_eq!(tls.pem_input(&TypeFormField::Key), Some(&b"key"[..]));
        assert_eq!(tls.pem_input(&TypeFormField::Certificate), Some(&b""[..]));
        assert_eq!(tls.pem_input(&TypeFormField::SshKey), None);
        let mut ssh = TypeFormInput::empty(&SecretKind::SshAuth).unwrap();
        ssh.set_pem_input(&TypeFormField::SshKey, SSH_KEY.to_vec());
        assert_eq!(ssh.pem_input(&TypeFormField::SshKey), Some(SSH_KEY));
    }

    #[test]
    fn debug_output_never_shows_values() {
        let input = TypeFormInput::BasicAuth {
            username: "admin".into(),
            password: "hunter2".into(),
        };
        let out = format!("{:?} {:?}", input, input.output());
        assert!(!out.contains("hunter2") && !out.contains("admin"), "{out}");
    }

    #[test]
    fn key_by_key_edits_of_a_tls_secret_are_checked_as_a_pair() {
        let ok = check_type_rules(
            "kubernetes.io/tls",
            &[("tls.crt", RSA_CRT), ("tls.key", RSA_KEY)],
            &[],
            NOW,
        );
        assert!(ok.is_empty(), "{ok:?}");
        let bad = check_type_rules(
            "kubernetes.io/tls",
            &[("tls.crt", RSA_CRT), ("tls.key", OTHER_KEY)],
            &[],
            NOW,
        );
        assert_eq!(bad[0].field.as_deref(), Some("tls.key"));
        assert!(bad[0].is_error());
        let missing = check_type_rules("kubernetes.io/tls", &[("tls.crt", RSA_CRT)], &[], NOW);
        assert_eq!(missing[0].field, None);
        assert!(missing[0].message.contains("tls.key"));
    }

    #[test]
    fn key_by_key_edits_of_docker_and_ssh_secrets_are_parsed() {
        let bad = check_type_rules(
            "kubernetes.io/dockerconfigjson",
            &[(".dockerconfigjson", b"{\"auths\": {")],
            &[],
            NOW,
        );
        // The apiserver's JSON rule comes first, and sits at the file's value.
        assert_eq!(bad[0].field.as_deref(), Some(".dockerconfigjson"));
        assert!(bad[0].message.contains("not valid JSON"));
        let bad_ssh = check_type_rules(
            "kubernetes.io/ssh-auth",
            &[("ssh-privatekey", SSH_PUB)],
            &[],
            NOW,
        );
        assert_eq!(bad_ssh[0].field.as_deref(), Some("ssh-privatekey"));
        assert!(check_type_rules("Opaque", &[("a", b"b")], &[], NOW).is_empty());
    }
}
