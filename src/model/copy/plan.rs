//! What a copy of a secret carries to another namespace. It keeps what the
//! secret *is* (type, data, immutability, the user's own labels and
//! annotations) and drops what belongs to the original object: its identity
//! and history, and the markers by which a manager (Helm, External Secrets,
//! cert-manager, …) claims it — a copy nobody manages must not look managed,
//! and a manager must not adopt or prune it.

use crate::model::editing::rebase::HIDDEN_ANNOTATIONS;
use crate::model::managed::manager::{
    ARGO_TRACKING_ID, CERT_FAO_LABEL, CERT_PREFIX, ESO_DATA_HASH, ESO_MANAGED_LABEL,
    FLUX_HR_PREFIX, FLUX_KS_PREFIX, HELM_META_PREFIX, MANAGED_BY_LABEL, SEALED_PREFIX,
    SERVICE_ACCOUNT_TOKEN,
};
use k8s_openapi::api::core::v1::Secret;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use std::collections::BTreeMap;
use std::fmt;

/// One thing the copy leaves behind. Names only: an annotation's value can
/// hold secret values (`last-applied-configuration` repeats every one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dropped {
    /// A metadata field of the original object, e.g. `uid`.
    Field(&'static str),
    Annotation(String),
    Label(String),
}

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dropped::Field(name) => write!(f, "{name}"),
            Dropped::Annotation(key) => write!(f, "annotation {key}"),
            Dropped::Label(key) => write!(f, "label {key}"),
        }
    }
}

/// Why a secret is not copied at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyRefused {
    /// The token controller fills a token secret for one service account
    /// of its own namespace: a copy elsewhere names an account that is not
    /// there, and would hold a token the controller neither fills nor revokes.
    ServiceAccountToken,
}

impl fmt::Display for CopyRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CopyRefused::ServiceAccountToken => write!(
                f,
                "A service-account token cannot be copied: the token controller fills it for \
                 one service account of this namespace, and would not fill a copy for an \
                 account in another. Create a token secret in the target namespace instead."
            ),
        }
    }
}

/// The copy to send (its namespace is set per target) and what it dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyPlan {
    pub secret: Secret,
    pub dropped: Vec<Dropped>,
}

impl CopyPlan {
    /// The copy as written into `namespace`.
    pub fn into_namespace(&self, namespace: &str) -> Secret {
        let mut secret = self.secret.clone();
        secret.metadata.namespace = Some(namespace.to_string());
        secret
    }

    /// The note shown before copying: exactly what stays behind.
    pub fn dropped_note(&self) -> Option<String> {
        (!self.dropped.is_empty()).then(|| {
            let names: Vec<String> = self.dropped.iter().map(ToString::to_string).collect();
            format!("Not copied: {}.", names.join(", "))
        })
    }
}

/// The copy of `secret`, under `new_name` if one is given.
pub fn copy_plan(secret: &Secret, new_name: Option<&str>) -> Result<CopyPlan, CopyRefused> {
    if secret.type_.as_deref() == Some(SERVICE_ACCOUNT_TOKEN) {
        return Err(CopyRefused::ServiceAccountToken);
    }
    let original = &secret.metadata;
    let mut dropped = dropped_fields(original);
    let labels = keep(original.labels.as_ref(), |key, value| {
        let managed = is_manager_label(key, value);
        if managed {
            dropped.push(Dropped::Label(key.to_string()));
        }
        !managed
    });
    let annotations = keep(original.annotations.as_ref(), |key, _| {
        let belongs = is_original_annotation(key);
        if belongs {
            dropped.push(Dropped::Annotation(key.to_string()));
        }
        !belongs
    });
    let name = new_name
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .or_else(|| original.name.clone());
    Ok(CopyPlan {
        secret: Secret {
            metadata: ObjectMeta {
                name,
                labels,
                annotations,
                ..ObjectMeta::default()
            },
            type_: secret.type_.clone(),
            data: secret.data.clone(),
            // A read never holds stringData; should it, it is data already.
            string_data: None,
            immutable: secret.immutable,
        },
        dropped,
    })
}

/// The original's own metadata fields that are set, in the order a manifest
/// shows them.
fn dropped_fields(meta: &ObjectMeta) -> Vec<Dropped> {
    let present: [(&'static str, bool); 10] = [
        ("uid", meta.uid.is_some()),
        ("resourceVersion", meta.resource_version.is_some()),
        ("generation", meta.generation.is_some()),
        ("creationTimestamp", meta.creation_timestamp.is_some()),
        ("deletionTimestamp", meta.deletion_timestamp.is_some()),
        (
            "ownerReferences",
            meta.owner_references
                .as_ref()
                .is_some_and(|o| !o.is_empty()),
        ),
        (
            "finalizers",
            meta.finalizers.as_ref().is_some_and(|f| !f.is_empty()),
        ),
        (
            "managedFields",
            meta.managed_fields.as_ref().is_some_and(|m| !m.is_empty()),
        ),
        ("generateName", meta.generate_name.is_some()),
        ("selfLink", meta.self_link.is_some()),
    ];
    present
        .into_iter()
        .filter(|(_, set)| *set)
        .map(|(name, _)| Dropped::Field(name))
        .collect()
}

fn keep(
    map: Option<&BTreeMap<String, String>>,
    mut kept: impl FnMut(&str, &str) -> bool,
) -> Option<BTreeMap<String, String>> {
    let out: BTreeMap<String, String> = map?
        .iter()
        .filter(|(k, v)| kept(k, v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    (!out.is_empty()).then_some(out)
}

fn is_manager_label(key: &str, value: &str) -> bool {
    key == ESO_MANAGED_LABEL
        || key == CERT_FAO_LABEL
        || (key == MANAGED_BY_LABEL && value == "Helm")
        || key.starts_with(FLUX_KS_PREFIX)
        || key.starts_with(FLUX_HR_PREFIX)
}

fn is_original_annotation(key: &str) -> bool {
    HIDDEN_ANNOTATIONS.contains(&key)
        || key == ESO_DATA_HASH
        || key == ARGO_TRACKING_ID
        || [
            SEALED_PREFIX,
            CERT_PREFIX,
            HELM_META_PREFIX,
            FLUX_KS_PREFIX,
            FLUX_HR_PREFIX,
        ]
        .iter()
        .any(|prefix| key.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn secret(value: serde_json::Value) -> Secret {
        serde_json::from_value(value).unwrap()
    }

    /// An applied, owned, Helm- and Flux-managed secret, as the apiserver
    /// returns it.
    fn managed_original() -> Secret {
        secret(json!({
            "apiVersion": "v1", "kind": "Secret", "type": "Opaque", "immutable": true,
            "metadata": {
                "name": "db", "namespace": "apps", "uid": "u-1", "resourceVersion": "42",
                "creationTimestamp": "2026-01-01T00:00:00Z",
                "ownerReferences": [{"apiVersion": "v1", "kind": "ConfigMap", "name": "o", "uid": "u-2"}],
                "managedFields": [{"manager": "kubectl", "operation": "Apply"}],
                "labels": {
                    "app": "db",
                    "app.kubernetes.io/managed-by": "Helm",
                    "kustomize.toolkit.fluxcd.io/name": "apps",
                    "reconcile.external-secrets.io/managed": "true",
                    "controller.cert-manager.io/fao": "true"
                },
                "annotations": {
                    "team": "payments",
                    "kubectl.kubernetes.io/last-applied-configuration": "{\"data\":{\"password\":\"czNjcjN0\"}}",
                    "meta.helm.sh/release-name": "db",
                    "argocd.argoproj.io/tracking-id": "app:/Secret:apps/db",
                    "sealedsecrets.bitnami.com/managed": "true",
                    "cert-manager.io/certificate-name": "web",
                    "reconcile.external-secrets.io/data-hash": "abc",
                    "helm.toolkit.fluxcd.io/name": "db"
                }
            },
            "data": {"password": "czNjcjN0", "bin": "AP8="}
        }))
    }

    #[test]
    fn the_copy_keeps_type_data_immutability_and_the_users_own_metadata() {
        let original = managed_original();
        let plan = copy_plan(&original, None).unwrap();
        let copy = plan.into_namespace("team-b");
        assert_eq!(copy.type_.as_deref(), Some("Opaque"));
        assert_eq!(copy.immutable, Some(true));
        assert_eq!(copy.data, original.data);
        assert_eq!(copy.metadata.name.as_deref(), Some("db"));
        assert_eq!(copy.metadata.namespace.as_deref(), Some("team-b"));
        assert_eq!(
            serde_json::to_value(&copy.metadata).unwrap(),
            json!({"name": "db", "namespace": "team-b",
                "labels": {"app": "db"}, "annotations": {"team": "payments"}})
        );
    }

    #[test]
    fn the_note_lists_exactly_what_was_dropped() {
        let plan = copy_plan(&managed_original(), None).unwrap();
        assert_eq!(
            plan.dropped_note().unwrap(),
            "Not copied: uid, resourceVersion, creationTimestamp, ownerReferences, \
             managedFields, label app.kubernetes.io/managed-by, \
             label controller.cert-manager.io/fao, label kustomize.toolkit.fluxcd.io/name, \
             label reconcile.external-secrets.io/managed, \
             annotation argocd.argoproj.io/tracking-id, \
             annotation cert-manager.io/certificate-name, \
             annotation helm.toolkit.fluxcd.io/name, \
             annotation kubectl.kubernetes.io/last-applied-configuration, \
             annotation meta.helm.sh/release-name, \
             annotation reconcile.external-secrets.io/data-hash, \
             annotation sealedsecrets.bitnami.com/managed."
        );
        // Names only: the last-applied value repeats the data.
        assert!(!format!("{:?}", plan.dropped).contains("czNjcjN0"));
    }

    #[test]
    fn a_new_name_replaces_the_original_one() {
        let plan = copy_plan(&managed_original(), Some("db-copy")).unwrap();
        assert_eq!(plan.secret.metadata.name.as_deref(), Some("db-copy"));
        // An empty field means "keep the name".
        let plan = copy_plan(&managed_original(), Some("")).unwrap();
        assert_eq!(plan.secret.metadata.name.as_deref(), Some("db"));
    }

    #[test]
    fn a_hand_made_secret_drops_only_its_identity() {
        let plain = secret(json!({
            "type": "kubernetes.io/tls",
            "metadata": {"name": "web", "uid": "u", "resourceVersion": "1",
                "labels": {"app.kubernetes.io/managed-by": "kustomize"}},
            "data": {"tls.crt": "", "tls.key": ""}
        }));
        let plan = copy_plan(&plain, None).unwrap();
        assert_eq!(
            plan.dropped,
            [Dropped::Field("uid"), Dropped::Field("resourceVersion")]
        );
        // managed-by is only Helm's marker when it says Helm.
        assert_eq!(
            plan.secret.metadata.labels.unwrap()["app.kubernetes.io/managed-by"],
            "kustomize"
        );
        assert_eq!(plan.secret.immutable, None);
        let bare = secret(json!({"metadata": {"name": "x"}}));
        assert_eq!(copy_plan(&bare, None).unwrap().dropped_note(), None);
    }

    #[test]
    fn a_service_account_token_is_refused_with_the_reason() {
        let token = secret(json!({
            "type": "kubernetes.io/service-account-token",
            "metadata": {"name": "t", "annotations": {"kubernetes.io/service-account.name": "builder"}}
        }));
        let refused = copy_plan(&token, None).unwrap_err();
        assert_eq!(refused, CopyRefused::ServiceAccountToken);
        assert!(refused.to_string().contains("token controller"));
    }
}
