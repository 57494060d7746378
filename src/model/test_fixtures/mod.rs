//! Real keys, certificates and Helm release records for tests, made by
//! `tls/gen.sh`, `ssh/gen.sh` and `helm/gen.sh` in this folder (test keys only; they protect nothing).

pub const NOW: i64 = 1_800_000_000;
pub const RSA_CRT: &[u8] = include_bytes!("tls/rsa.crt");
pub const RSA_KEY: &[u8] = include_bytes!("tls/rsa.pkcs1.key");
pub const OTHER_KEY: &[u8] = include_bytes!("tls/other.key");
pub const EXPIRED_CRT: &[u8] = include_bytes!("tls/expired.crt");
pub const EC_CRT: &[u8] = include_bytes!("tls/ec.crt");
/// The certificate a Sealed Secrets v0.40.0 controller generated for itself
/// (`--key-size=2048`, from tests/e2e/support/sealed-secrets.mjs): an empty
/// subject, as the controller writes it.
pub const SEALED_SECRETS_CRT: &[u8] = include_bytes!("tls/sealed-secrets.crt");
pub const SSH_KEY: &[u8] = include_bytes!("ssh/id_ed25519");
pub const SSH_PUB: &[u8] = include_bytes!("ssh/id_ed25519.pub");

/// A Helm release record written by the real helm (`helm/gen.sh`): the
/// `release` key of `sh.helm.release.v1.demo.v1`, and its JSON inflated.
pub mod helm {
    pub const RECORD_V1: &[u8] = include_bytes!("helm/release.v1.b64");
    pub const RELEASE_V1_JSON: &[u8] = include_bytes!("helm/release.v1.json");
}

/// Lists captured from a real kube-apiserver by `apiserver/gen.sh` (objects
/// of `apiserver/manifests.yaml`, created by kubectl and filled in by the
/// controllers), and the check every purpose-made read struct passes.
pub mod apiserver {
    use serde::de::DeserializeOwned;
    use serde::Serialize;
    use serde_json::Value;

    pub const PODS: &str = include_str!("apiserver/pods.json");
    pub const REPLICA_SETS: &str = include_str!("apiserver/replicasets.json");
    pub const DEPLOYMENTS: &str = include_str!("apiserver/deployments.json");
    pub const STATEFUL_SETS: &str = include_str!("apiserver/statefulsets.json");
    pub const DAEMON_SETS: &str = include_str!("apiserver/daemonsets.json");
    pub const JOBS: &str = include_str!("apiserver/jobs.json");
    pub const CRON_JOBS: &str = include_str!("apiserver/cronjobs.json");
    pub const SERVICE_ACCOUNTS: &str = include_str!("apiserver/serviceaccounts.json");
    pub const INGRESSES: &str = include_str!("apiserver/ingresses.json");
    pub const ROLES: &str = include_str!("apiserver/roles.json");
    pub const ROLE_BINDINGS: &str = include_str!("apiserver/rolebindings.json");
    pub const CLUSTER_ROLES: &str = include_str!("apiserver/clusterroles.json");
    pub const CLUSTER_ROLE_BINDINGS: &str = include_str!("apiserver/clusterrolebindings.json");
    pub const NAMESPACES: &str = include_str!("apiserver/namespaces.json");
    // Custom resources, by `apiserver/gen-managers.mjs`: the SealedSecrets'
    // status is the real controller's, the others' as their Go types say.
    // Read as JSON by model::managed::source_state and model::seal.
    pub const EXTERNAL_SECRETS: &str = include_str!("apiserver/externalsecrets.json");
    pub const CERTIFICATES: &str = include_str!("apiserver/certificates.json");
    pub const SEALED_SECRETS: &str = include_str!("apiserver/sealedsecrets.json");
    /// The Secret the controller unsealed from `fixture-sealed`, metadata only.
    pub const SEALED_SECRET_METADATA: &str = include_str!("apiserver/sealed-secret-metadata.json");

    /// One item of a captured list, by name, as the apiserver sent it.
    pub fn item(list: &str, name: &str) -> Value {
        let list: Value = serde_json::from_str(list).expect("a captured list");
        let items = list["items"].as_array().expect("a list with items");
        let found = items.iter().find(|i| i["metadata"]["name"] == name);
        found.expect("the named item").clone()
    }

    /// Reads each item of a captured list as `T` and checks that nothing
    /// was misread: `T` written back must be part of the item as the
    /// apiserver sent it (same values at the same places, nothing invented),
    /// and every secret reference in the item (the manifests name secrets
    /// `fixture-…` and nothing else so) must still be there. A field name
    /// spelled wrong in `T` loses a reference and fails here.
    pub fn read_faithfully<T: DeserializeOwned + Serialize>(list: &str) -> Vec<T> {
        let list: Value = serde_json::from_str(list).expect("a captured list");
        let items = list["items"].as_array().expect("a list with items");
        assert!(!items.is_empty(), "the capture holds objects");
        items
            .iter()
            .map(|item| {
                let read: T = serde_json::from_value(item.clone()).expect("readable");
                let back = serde_json::to_value(&read).unwrap();
                let name = &item["metadata"]["name"];
                if let Err(at) = part_of(&back, item, String::new()) {
                    panic!("{name}: read differently at {at}");
                }
                let mut references = Vec::new();
                references_in(item, String::new(), &mut references);
                for (path, value) in references {
                    assert_eq!(
                        back.pointer(&path),
                        Some(&value),
                        "{name}: the reference {value} at {path} was not read"
                    );
                }
                read
            })
            .collect()
    }

    fn part_of(part: &Value, whole: &Value, at: String) -> Result<(), String> {
        match (part, whole) {
            // A field `T` read as None is written back as null; the
            // apiserver leaves such a field out.
            (Value::Object(p), Value::Object(w)) => p
                .iter()
                .filter(|(_, v)| !v.is_null())
                .try_for_each(|(k, v)| {
                    let there = w.get(k).ok_or_else(|| format!("{at}/{k} (not sent)"))?;
                    part_of(v, there, format!("{at}/{k}"))
                }),
            (Value::Array(p), Value::Array(w)) if p.len() == w.len() => p
                .iter()
                .zip(w)
                .enumerate()
                .try_for_each(|(i, (p, w))| part_of(p, w, format!("{at}/{i}"))),
            _ if part == whole => Ok(()),
            _ => Err(at),
        }
    }

    /// Every string value starting with `fixture-`, with its JSON pointer.
    fn references_in(value: &Value, at: String, out: &mut Vec<(String, Value)>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    // Which writer owns which field: never read.
                    if k != "managedFields" {
                        references_in(
                            v,
                            format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                            out,
                        );
                    }
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    references_in(v, format!("{at}/{i}"), out);
                }
            }
            Value::String(s) if s.starts_with("fixture-") => out.push((at, value.clone())),
            _ => {}
        }
    }
}
