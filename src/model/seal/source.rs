//! What is sealed, taken from a Secret (the opened one, the create form's
//! checked draft, or an imported document): its identity and metadata for
//! the manifest, and its decoded values for the cipher.

use super::manifest::SealTarget;
use super::scope::SealScope;
use k8s_openapi::api::core::v1::Secret;
use std::collections::BTreeMap;

/// One secret ready to seal. Holds values: no `Debug`, never printed.
#[derive(Clone, PartialEq)]
pub struct SealInput {
    pub target: SealTarget,
    /// Key → the value's bytes (`data` decoded, `stringData` on top, as the
    /// apiserver would merge them).
    pub values: BTreeMap<String, Vec<u8>>,
}

impl SealInput {
    /// `namespace` is where the Secret is or would be created: a form's or
    /// an import's draft may not name one.
    pub fn from_secret(secret: &Secret, namespace: &str) -> SealInput {
        let meta = &secret.metadata;
        let mut values: BTreeMap<String, Vec<u8>> = secret
            .data
            .iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v.0.clone()))
            .collect();
        for (k, v) in secret.string_data.iter().flatten() {
            values.insert(k.clone(), v.clone().into_bytes());
        }
        SealInput {
            target: SealTarget {
                name: meta.name.clone().unwrap_or_default(),
                namespace: meta
                    .namespace
                    .clone()
                    .filter(|ns| !ns.is_empty())
                    .unwrap_or_else(|| namespace.to_string()),
                secret_type: secret.type_.clone().unwrap_or_else(|| "Opaque".into()),
                labels: meta.labels.clone().unwrap_or_default(),
                annotations: meta.annotations.clone().unwrap_or_default(),
                immutable: secret.immutable == Some(true),
                scope: SealScope::Strict,
            },
            values,
        }
    }

    /// Key names and sizes: all the page shows of the values.
    pub fn key_sizes(&self) -> Vec<(String, usize)> {
        self.values
            .iter()
            .map(|(k, v)| (k.clone(), v.len()))
            .collect()
    }
}

/// The download's file name: `<name>-sealed.yaml` for one secret.
pub fn file_name(inputs: &[SealInput]) -> String {
    match inputs {
        [one] => one.target.file_name(),
        _ => "sealed-secrets.yaml".into(),
    }
}

/// Several manifests as one YAML stream.
pub fn join_documents(documents: &[String]) -> String {
    documents
        .iter()
        .map(|d| d.trim_end().to_string() + "\n")
        .collect::<Vec<_>>()
        .join("---\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::ByteString;

    fn secret() -> Secret {
        let mut s = Secret::default();
        s.metadata.name = Some("db".into());
        s.type_ = Some("kubernetes.io/basic-auth".into());
        s.immutable = Some(true);
        s.data = Some(BTreeMap::from([
            ("username".into(), ByteString(b"admin".to_vec())),
            ("bin".into(), ByteString(vec![0, 0xff])),
        ]));
        s.string_data = Some(BTreeMap::from([("username".into(), "root".into())]));
        s
    }

    #[test]
    fn takes_values_and_metadata_and_the_browsed_namespace() {
        let input = SealInput::from_secret(&secret(), "team-a");
        assert_eq!(input.target.namespace, "team-a");
        assert_eq!(input.target.name, "db");
        assert_eq!(input.target.secret_type, "kubernetes.io/basic-auth");
        assert!(input.target.immutable);
        assert_eq!(input.target.scope, SealScope::Strict);
        assert_eq!(input.values["username"], b"root");
        assert_eq!(input.values["bin"], vec![0, 0xff]);
        assert_eq!(
            input.key_sizes(),
            vec![("bin".into(), 2), ("username".into(), 4)]
        );
    }

    #[test]
    fn its_own_namespace_wins() {
        let mut s = secret();
        s.metadata.namespace = Some("team-b".into());
        assert_eq!(
            SealInput::from_secret(&s, "team-a").target.namespace,
            "team-b"
        );
    }

    #[test]
    fn names_the_download_and_joins_documents() {
        let one = SealInput::from_secret(&secret(), "a");
        assert_eq!(file_name(std::slice::from_ref(&one)), "db-sealed.yaml");
        assert_eq!(file_name(&[one.clone(), one]), "sealed-secrets.yaml");
        assert_eq!(
            join_documents(&["a: 1\n".into(), "b: 2".into()]),
            "a: 1\n---\nb: 2\n"
        );
    }
}
