//! A SealedSecret read from the cluster, as its page shows it: the Secret
//! the controller writes from it, where it may be unsealed, and whether the
//! controller managed to (its `Synced` condition). Read from the object's
//! JSON (no `k8s-openapi` type), taking only these fields.

use super::scope::{SealScope, CLUSTER_WIDE_ANNOTATION, NAMESPACE_WIDE_ANNOTATION};
use serde_json::Value;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealedSummary {
    pub name: String,
    pub namespace: String,
    /// The Secret's type from the template (`Opaque` when unset).
    pub secret_type: String,
    pub scope: SealScope,
    /// Names of the sealed keys (values are ciphertexts; not shown).
    pub keys: Vec<String>,
    pub synced: Option<Synced>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Synced {
    pub ok: bool,
    /// The controller's words, e.g. "no key could decrypt secret (password)".
    pub message: String,
    pub at: Option<String>,
}

/// The scope the controller decrypts with: `SealedSecret.Scope()` reads the
/// annotations of `spec.template`, not of the SealedSecret itself (kubeseal
/// writes both).
pub fn scope_of(object: &Value) -> SealScope {
    let flag = |key: &str| {
        object
            .pointer("/spec/template/metadata/annotations")
            .and_then(|a| a.get(key))
            .and_then(Value::as_str)
            == Some("true")
    };
    if flag(CLUSTER_WIDE_ANNOTATION) {
        SealScope::ClusterWide
    } else if flag(NAMESPACE_WIDE_ANNOTATION) {
        SealScope::NamespaceWide
    } else {
        SealScope::Strict
    }
}

pub fn sealed_summary(object: &Value) -> SealedSummary {
    let text = |pointer: &str| {
        object
            .pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let keys = object
        .pointer("/spec/encryptedData")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let synced = object
        .pointer("/status/conditions")
        .and_then(Value::as_array)
        .and_then(|cs| {
            cs.iter()
                .find(|c| c.get("type").and_then(Value::as_str) == Some("Synced"))
        })
        .map(|c| {
            let field = |k: &str| c.get(k).and_then(Value::as_str).map(str::to_string);
            Synced {
                ok: field("status").as_deref() == Some("True"),
                message: field("message").unwrap_or_default(),
                at: field("lastUpdateTime").or_else(|| field("lastTransitionTime")),
            }
        });
    let secret_type = Some(text("/spec/template/type"))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "Opaque".into());
    SealedSummary {
        name: text("/metadata/name"),
        namespace: text("/metadata/namespace"),
        secret_type,
        scope: scope_of(object),
        keys,
        synced,
    }
}

impl Synced {
    /// "Synced", or why not.
    pub fn sentence(&self) -> String {
        match (self.ok, self.message.is_empty()) {
            (true, _) => "The controller unsealed it and wrote the Secret.".into(),
            (false, true) => "The controller could not unseal it.".into(),
            (false, false) => format!("The controller could not unseal it: {}", self.message),
        }
    }
}

/// The Secret a SealedSecret produces (same name, same namespace), as read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Produced {
    /// Not there (yet): the controller has not unsealed it, or cannot.
    Missing,
    /// There, owned by this SealedSecret.
    Owned,
    /// There, but not owned by it: the controller leaves such a Secret alone
    /// (unless it carries `sealedsecrets.bitnami.com/managed: "true"`).
    NotOwned,
}

/// From the Secret's metadata (`None`: not found).
pub fn produced(secret_metadata: Option<&Value>, sealed_name: &str) -> Produced {
    let Some(meta) = secret_metadata else {
        return Produced::Missing;
    };
    let owned = meta
        .get("ownerReferences")
        .and_then(Value::as_array)
        .is_some_and(|owners| {
            owners.iter().any(|o| {
                o.get("kind").and_then(Value::as_str) == Some("SealedSecret")
                    && o.get("name").and_then(Value::as_str) == Some(sealed_name)
                    && o.get("apiVersion")
                        .and_then(Value::as_str)
                        .is_some_and(|v| v.starts_with("bitnami.com/"))
            })
        });
    if owned {
        Produced::Owned
    } else {
        Produced::NotOwned
    }
}

impl Produced {
    pub fn sentence(self) -> &'static str {
        match self {
            Produced::Missing => "does not exist (yet): the controller has not unsealed it.",
            Produced::Owned => "exists, written by this SealedSecret.",
            Produced::NotOwned => "exists but was not written by this SealedSecret: the controller will not overwrite it unless it is annotated sealedsecrets.bitnami.com/managed: \"true\".",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_what_the_controller_reports() {
        // The shape the v0.40.0 controller writes (tests/e2e/seal-controller).
        let object = json!({
            "metadata": {"name": "db", "namespace": "team-a",
                "annotations": {"sealedsecrets.bitnami.com/cluster-wide": "true"}},
            "spec": {
                "encryptedData": {"password": "AgB…", "user": "AgC…"},
                "template": {"type": "kubernetes.io/basic-auth",
                    "metadata": {"annotations": {"sealedsecrets.bitnami.com/cluster-wide": "true"}}}
            },
            "status": {"conditions": [{"type": "Synced", "status": "False",
                "message": "no key could decrypt secret (password, user)",
                "lastUpdateTime": "2026-12-03T10:00:00Z"}]}
        });
        let s = sealed_summary(&object);
        assert_eq!((s.name.as_str(), s.namespace.as_str()), ("db", "team-a"));
        assert_eq!(s.secret_type, "kubernetes.io/basic-auth");
        assert_eq!(s.scope, SealScope::ClusterWide);
        assert_eq!(s.keys, vec!["password", "user"]);
        let synced = s.synced.unwrap();
        assert!(!synced.ok);
        assert!(synced.sentence().contains("no key could decrypt"));
        assert_eq!(synced.at.as_deref(), Some("2026-12-03T10:00:00Z"));
    }

    #[test]
    fn scope_comes_from_the_template_only() {
        let only_outer = json!({"metadata": {"annotations": {
            "sealedsecrets.bitnami.com/namespace-wide": "true"}}});
        assert_eq!(scope_of(&only_outer), SealScope::Strict);
        let inner = json!({"spec": {"template": {"metadata": {"annotations": {
            "sealedsecrets.bitnami.com/namespace-wide": "true"}}}}});
        assert_eq!(scope_of(&inner), SealScope::NamespaceWide);
    }

    #[test]
    fn tells_whether_the_secret_is_its_own() {
        let owned = json!({"ownerReferences": [{"apiVersion": "bitnami.com/v1alpha1",
            "kind": "SealedSecret", "name": "db", "uid": "u", "controller": true}]});
        assert_eq!(produced(Some(&owned), "db"), Produced::Owned);
        assert_eq!(produced(Some(&owned), "other"), Produced::NotOwned);
        assert_eq!(produced(Some(&json!({})), "db"), Produced::NotOwned);
        assert_eq!(produced(None, "db"), Produced::Missing);
    }

    #[test]
    fn an_object_not_yet_seen_by_a_controller() {
        let s = sealed_summary(&json!({"metadata": {"name": "x"}}));
        assert_eq!(s.synced, None);
        assert_eq!(s.secret_type, "Opaque");
        assert!(s.keys.is_empty());
    }

    #[test]
    fn the_real_controllers_sealed_secrets_and_the_secret_it_wrote() {
        use crate::model::test_fixtures::apiserver;
        let by_name = |n: &str| sealed_summary(&apiserver::item(apiserver::SEALED_SECRETS, n));
        let ok = by_name("fixture-sealed");
        assert_eq!(ok.namespace, "managers-fixture");
        assert_eq!(ok.secret_type, "kubernetes.io/basic-auth");
        assert_eq!(ok.scope, SealScope::ClusterWide);
        assert_eq!(ok.keys, vec!["password", "username"]);
        let synced = ok.synced.unwrap();
        assert!(synced.ok);
        assert!(synced.at.is_some());
        let failed = by_name("fixture-undecryptable");
        assert_eq!(
            (failed.scope, failed.secret_type.as_str()),
            (SealScope::Strict, "Opaque")
        );
        assert_eq!(failed.keys, vec!["token"]);
        assert_eq!(
            failed.synced.unwrap().sentence(),
            "The controller could not unseal it: no key could decrypt secret (token)"
        );
        let written: Value = serde_json::from_str(apiserver::SEALED_SECRET_METADATA).unwrap();
        let meta = written.get("metadata");
        assert_eq!(produced(meta, "fixture-sealed"), Produced::Owned);
        assert_eq!(produced(meta, "fixture-undecryptable"), Produced::NotOwned);
    }
}
