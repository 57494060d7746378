//! The SealedSecret manifest as kubeseal writes it (`NewSealedSecret`): the
//! Secret's metadata copied into `spec.template` (without the kubectl
//! last-applied copy, which would hold the values in clear, and without
//! owners), its type and immutability, one ciphertext per key in
//! `spec.encryptedData`, and the scope annotation on both the SealedSecret
//! and the template.

use super::scope::SealScope;
use crate::model::secret::yaml::to_yaml;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// kubectl's copy of the applied object: the values in clear.
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// What is sealed: the Secret's identity and metadata, and where it may be
/// unsealed. The values themselves are already ciphertexts by now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SealTarget {
    pub name: String,
    pub namespace: String,
    pub secret_type: String,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
    pub immutable: bool,
    pub scope: SealScope,
}

impl SealTarget {
    /// The OAEP label every value of this secret is sealed with.
    pub fn label(&self) -> Vec<u8> {
        self.scope.label(&self.namespace, &self.name)
    }

    /// `<name>-sealed.yaml`, the download's file name.
    pub fn file_name(&self) -> String {
        format!("{}-sealed.yaml", self.name)
    }
}

/// The manifest as YAML for `kubectl apply -f` and Git. `encrypted` maps each
/// key to its [`super::envelope::encode`]d ciphertext.
pub fn sealed_secret_yaml(target: &SealTarget, encrypted: &BTreeMap<String, String>) -> String {
    to_yaml(&sealed_secret(target, encrypted))
}

pub fn sealed_secret(target: &SealTarget, encrypted: &BTreeMap<String, String>) -> Value {
    let scope_annotation = target.scope.annotation();
    let mut annotations: Map<String, Value> = target
        .annotations
        .iter()
        .filter(|(k, _)| k.as_str() != LAST_APPLIED)
        .filter(|(k, _)| !is_scope_annotation(k))
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    if let Some(a) = scope_annotation {
        annotations.insert(a.into(), json!("true"));
    }

    let mut template_meta = Map::new();
    template_meta.insert("name".into(), json!(target.name));
    template_meta.insert("namespace".into(), json!(target.namespace));
    if !target.labels.is_empty() {
        template_meta.insert("labels".into(), json!(target.labels));
    }
    if !annotations.is_empty() {
        template_meta.insert("annotations".into(), Value::Object(annotations));
    }
    let mut template = Map::new();
    template.insert("metadata".into(), Value::Object(template_meta));
    template.insert("type".into(), json!(target.secret_type));
    if target.immutable {
        template.insert("immutable".into(), json!(true));
    }

    let mut metadata = Map::new();
    metadata.insert("name".into(), json!(target.name));
    metadata.insert("namespace".into(), json!(target.namespace));
    if let Some(a) = scope_annotation {
        metadata.insert("annotations".into(), json!({ a: "true" }));
    }

    json!({
        "apiVersion": "bitnami.com/v1alpha1",
        "kind": "SealedSecret",
        "metadata": metadata,
        "spec": {
            "encryptedData": encrypted,
            "template": template,
        },
    })
}

/// A scope annotation the Secret carried is replaced by the chosen scope's
/// (`UpdateScopeAnnotations` deletes both first).
fn is_scope_annotation(key: &str) -> bool {
    SealScope::ALL.iter().any(|s| s.annotation() == Some(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(scope: SealScope) -> SealTarget {
        SealTarget {
            name: "db".into(),
            namespace: "team-a".into(),
            secret_type: "Opaque".into(),
            labels: BTreeMap::from([("app".into(), "db".into())]),
            annotations: BTreeMap::from([
                (
                    LAST_APPLIED.into(),
                    "{\"data\":{\"password\":\"c2VjcmV0\"}}".into(),
                ),
                (
                    "sealedsecrets.bitnami.com/cluster-wide".into(),
                    "true".into(),
                ),
                ("team".into(), "a".into()),
            ]),
            immutable: true,
            scope,
        }
    }

    fn encrypted() -> BTreeMap<String, String> {
        BTreeMap::from([("password".into(), "AgBy…".into())])
    }

    #[test]
    fn strict_manifest_has_no_scope_annotation_and_no_last_applied() {
        let value = sealed_secret(&target(SealScope::Strict), &encrypted());
        assert_eq!(value["apiVersion"], "bitnami.com/v1alpha1");
        assert_eq!(value["kind"], "SealedSecret");
        assert_eq!(
            value["metadata"],
            json!({"name": "db", "namespace": "team-a"})
        );
        assert_eq!(value["spec"]["encryptedData"]["password"], "AgBy…");
        let template = &value["spec"]["template"];
        assert_eq!(template["type"], "Opaque");
        assert_eq!(template["immutable"], true);
        assert_eq!(template["metadata"]["labels"]["app"], "db");
        assert_eq!(template["metadata"]["annotations"], json!({"team": "a"}));
    }

    #[test]
    fn wider_scopes_annotate_both_objects() {
        let value = sealed_secret(&target(SealScope::NamespaceWide), &encrypted());
        let key = "sealedsecrets.bitnami.com/namespace-wide";
        assert_eq!(value["metadata"]["annotations"][key], "true");
        assert_eq!(
            value["spec"]["template"]["metadata"]["annotations"][key],
            "true"
        );
        assert!(value["spec"]["template"]["metadata"]["annotations"]
            .get("sealedsecrets.bitnami.com/cluster-wide")
            .is_none());
    }

    #[test]
    fn yaml_parses_back_to_the_manifest() {
        let t = target(SealScope::ClusterWide);
        let yaml = sealed_secret_yaml(&t, &encrypted());
        let back: Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(back, sealed_secret(&t, &encrypted()));
        assert_eq!(t.file_name(), "db-sealed.yaml");
        assert_eq!(t.label(), b"");
    }
}
