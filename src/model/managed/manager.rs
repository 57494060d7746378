//! Recognising who manages a secret. Every marker is the one its project
//! writes (checked against their sources):
//! - External Secrets: owner `ExternalSecret` (`external-secrets.io`), label
//!   `reconcile.external-secrets.io/managed`, annotation
//!   `reconcile.external-secrets.io/data-hash`;
//! - Sealed Secrets: owner `SealedSecret` (`bitnami.com`), annotations
//!   `sealedsecrets.bitnami.com/*`;
//! - cert-manager: annotations `cert-manager.io/certificate-name`,
//!   `cert-manager.io/issuer-name` / `-kind`, label `controller.cert-manager.io/fao`;
//! - Helm (chart-rendered): label `app.kubernetes.io/managed-by: Helm`,
//!   annotations `meta.helm.sh/release-name` / `-namespace`;
//! - Argo CD: annotation `argocd.argoproj.io/tracking-id` (or the tracking
//!   label `app.kubernetes.io/instance`), and Argo's own secrets by the label
//!   `argocd.argoproj.io/secret-type`;
//! - Flux: labels `kustomize.toolkit.fluxcd.io/name` / `namespace` and
//!   `helm.toolkit.fluxcd.io/name` / `namespace`;
//! - the service-account token controller: type
//!   `kubernetes.io/service-account-token`.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};
use std::collections::BTreeMap;

pub const ESO_MANAGED_LABEL: &str = "reconcile.external-secrets.io/managed";
pub const ESO_DATA_HASH: &str = "reconcile.external-secrets.io/data-hash";
pub const SEALED_PREFIX: &str = "sealedsecrets.bitnami.com/";
/// Every annotation cert-manager writes on its secrets.
pub const CERT_PREFIX: &str = "cert-manager.io/";
pub const CERT_NAME: &str = "cert-manager.io/certificate-name";
pub const CERT_ISSUER_NAME: &str = "cert-manager.io/issuer-name";
pub const CERT_ISSUER_KIND: &str = "cert-manager.io/issuer-kind";
pub const CERT_FAO_LABEL: &str = "controller.cert-manager.io/fao";
pub const MANAGED_BY_LABEL: &str = "app.kubernetes.io/managed-by";
pub const HELM_META_PREFIX: &str = "meta.helm.sh/";
pub const HELM_RELEASE_NAME: &str = "meta.helm.sh/release-name";
pub const HELM_RELEASE_NAMESPACE: &str = "meta.helm.sh/release-namespace";
pub const ARGO_TRACKING_ID: &str = "argocd.argoproj.io/tracking-id";
pub const ARGO_INSTANCE_LABEL: &str = "app.kubernetes.io/instance";
pub const ARGO_SECRET_TYPE: &str = "argocd.argoproj.io/secret-type";
pub const FLUX_KS_PREFIX: &str = "kustomize.toolkit.fluxcd.io/";
pub const FLUX_HR_PREFIX: &str = "helm.toolkit.fluxcd.io/";
pub const FLUX_KS_NAME: &str = "kustomize.toolkit.fluxcd.io/name";
pub const FLUX_KS_NAMESPACE: &str = "kustomize.toolkit.fluxcd.io/namespace";
pub const FLUX_HR_NAME: &str = "helm.toolkit.fluxcd.io/name";
pub const FLUX_HR_NAMESPACE: &str = "helm.toolkit.fluxcd.io/namespace";
/// Set on the object in Git (and so on the secret) to stop Flux reverting it.
pub const FLUX_RECONCILE: &str = "kustomize.toolkit.fluxcd.io/reconcile";
pub const SERVICE_ACCOUNT_TOKEN: &str = "kubernetes.io/service-account-token";
pub const HELM_RELEASE_RECORD: &str = "helm.sh/release.v1";
const SERVICE_ACCOUNT_NAME: &str = "kubernetes.io/service-account.name";

/// An object the manager keeps the secret from: where to make a lasting change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub api_version: String,
    pub kind: String,
    pub namespace: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Manager {
    ExternalSecrets {
        source: Option<Source>,
    },
    SealedSecrets {
        source: Option<Source>,
    },
    CertManager {
        certificate: Option<Source>,
        issuer: Option<String>,
    },
    /// Rendered by a Helm chart (not a release record).
    Helm {
        release: Option<String>,
        release_namespace: Option<String>,
    },
    ArgoCd {
        application: Option<String>,
    },
    /// One of Argo CD's own secrets (a cluster, a repository, repo credentials).
    ArgoCdConfig {
        secret_type: String,
    },
    Flux {
        kind: FluxKind,
        name: String,
        namespace: String,
        reconcile_disabled: bool,
    },
    ServiceAccountToken {
        account: Option<Source>,
    },
    /// Helm's own record of one release revision (type `helm.sh/release.v1`,
    /// labels `name` and `version` as Helm's storage driver writes them).
    HelmReleaseRecord {
        release: Option<String>,
        revision: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FluxKind {
    Kustomization,
    HelmRelease,
}

impl Manager {
    /// The short name for a badge.
    pub fn label(&self) -> &'static str {
        match self {
            Manager::ExternalSecrets { .. } => "External Secrets",
            Manager::SealedSecrets { .. } => "Sealed Secrets",
            Manager::CertManager { .. } => "cert-manager",
            Manager::Helm { .. } => "Helm",
            Manager::ArgoCd { .. } => "Argo CD",
            Manager::ArgoCdConfig { .. } => "Argo CD settings",
            Manager::Flux { .. } => "Flux",
            Manager::ServiceAccountToken { .. } => "token controller",
            Manager::HelmReleaseRecord { .. } => "Helm release record",
        }
    }

    /// The object to open for the lasting change, when one is known.
    pub fn source(&self) -> Option<Source> {
        match self {
            Manager::ExternalSecrets { source } | Manager::SealedSecrets { source } => {
                source.clone()
            }
            Manager::CertManager { certificate, .. } => certificate.clone(),
            Manager::Flux {
                kind,
                name,
                namespace,
                ..
            } => Some(match kind {
                FluxKind::Kustomization => Source {
                    api_version: "kustomize.toolkit.fluxcd.io/v1".into(),
                    kind: "Kustomization".into(),
                    namespace: namespace.clone(),
                    name: name.clone(),
                },
                FluxKind::HelmRelease => Source {
                    api_version: "helm.toolkit.fluxcd.io/v2".into(),
                    kind: "HelmRelease".into(),
                    namespace: namespace.clone(),
                    name: name.clone(),
                },
            }),
            Manager::ServiceAccountToken { account } => account.clone(),
            Manager::Helm { .. }
            | Manager::ArgoCd { .. }
            | Manager::ArgoCdConfig { .. }
            | Manager::HelmReleaseRecord { .. } => None,
        }
    }
}

/// Everyone who manages the secret, most direct first: an owner that writes
/// it (External Secrets, Sealed Secrets, cert-manager) before the GitOps or
/// Helm layer that may have created that owner's output.
pub fn managers_of(meta: &ObjectMeta, secret_type: &str) -> Vec<Manager> {
    let empty = BTreeMap::new();
    let labels = meta.labels.as_ref().unwrap_or(&empty);
    let annotations = meta.annotations.as_ref().unwrap_or(&empty);
    let owners = meta.owner_references.as_deref().unwrap_or_default();
    let namespace = meta.namespace.clone().unwrap_or_default();
    let owned_by = |group: &str, kind: &str| {
        owners
            .iter()
            .find(|o| o.kind == kind && group_of(&o.api_version) == group)
            .map(|o| source_of(o, &namespace))
    };
    let mut found = Vec::new();

    let eso = owned_by("external-secrets.io", "ExternalSecret");
    if eso.is_some()
        || labels.contains_key(ESO_MANAGED_LABEL)
        || annotations.contains_key(ESO_DATA_HASH)
    {
        found.push(Manager::ExternalSecrets { source: eso });
    }
    let sealed = owned_by("bitnami.com", "SealedSecret");
    if sealed.is_some() || annotations.keys().any(|k| k.starts_with(SEALED_PREFIX)) {
        found.push(Manager::SealedSecrets { source: sealed });
    }
    let certificate = annotations.get(CERT_NAME);
    if certificate.is_some()
        || annotations.contains_key(CERT_ISSUER_NAME)
        || labels.contains_key(CERT_FAO_LABEL)
    {
        let issuer =
            annotations
                .get(CERT_ISSUER_NAME)
                .map(|name| match annotations.get(CERT_ISSUER_KIND) {
                    Some(kind) => format!("{kind} {name}"),
                    None => format!("Issuer {name}"),
                });
        found.push(Manager::CertManager {
            certificate: certificate.map(|name| Source {
                api_version: "cert-manager.io/v1".into(),
                kind: "Certificate".into(),
                namespace: namespace.clone(),
                name: name.clone(),
            }),
            issuer,
        });
    }
    for (kind, name_key, ns_key) in [
        (FluxKind::Kustomization, FLUX_KS_NAME, FLUX_KS_NAMESPACE),
        (FluxKind::HelmRelease, FLUX_HR_NAME, FLUX_HR_NAMESPACE),
    ] {
        if let Some(name) = labels.get(name_key) {
            found.push(Manager::Flux {
                kind,
                name: name.clone(),
                namespace: labels
                    .get(ns_key)
                    .cloned()
                    .unwrap_or_else(|| namespace.clone()),
                reconcile_disabled: annotations
                    .get(FLUX_RECONCILE)
                    .is_some_and(|v| v == "disabled")
                    || labels.get(FLUX_RECONCILE).is_some_and(|v| v == "disabled"),
            });
        }
    }
    if let Some(secret_type) = labels.get(ARGO_SECRET_TYPE) {
        found.push(Manager::ArgoCdConfig {
            secret_type: secret_type.clone(),
        });
    } else if let Some(id) = annotations.get(ARGO_TRACKING_ID) {
        // `<app>:<group>/<kind>:<namespace>/<name>`; the app may be `<ns>_<app>`.
        let application = id
            .split(':')
            .next()
            .filter(|a| !a.is_empty())
            .map(str::to_string);
        found.push(Manager::ArgoCd { application });
    }
    let release = annotations.get(HELM_RELEASE_NAME);
    if labels.get(MANAGED_BY_LABEL).is_some_and(|v| v == "Helm") || release.is_some() {
        found.push(Manager::Helm {
            release: release.cloned(),
            release_namespace: annotations.get(HELM_RELEASE_NAMESPACE).cloned(),
        });
    } else if let (true, None, Some(app)) = (
        found.is_empty(),
        labels.get(MANAGED_BY_LABEL),
        labels.get(ARGO_INSTANCE_LABEL),
    ) {
        // Argo CD's default tracking is this label alone. Helm charts and
        // other tools set it too, so it only counts when nothing else
        // explains the secret.
        found.push(Manager::ArgoCd {
            application: Some(app.clone()),
        });
    }
    if secret_type == HELM_RELEASE_RECORD {
        found.push(Manager::HelmReleaseRecord {
            release: labels.get("name").cloned(),
            revision: labels.get("version").cloned(),
        });
    }
    if secret_type == SERVICE_ACCOUNT_TOKEN {
        found.push(Manager::ServiceAccountToken {
            account: annotations.get(SERVICE_ACCOUNT_NAME).map(|name| Source {
                api_version: "v1".into(),
                kind: "ServiceAccount".into(),
                namespace: namespace.clone(),
                name: name.clone(),
            }),
        });
    }
    found
}

fn group_of(api_version: &str) -> &str {
    api_version.split_once('/').map(|(g, _)| g).unwrap_or("")
}

fn source_of(owner: &OwnerReference, namespace: &str) -> Source {
    Source {
        api_version: owner.api_version.clone(),
        kind: owner.kind.clone(),
        namespace: namespace.to_string(),
        name: owner.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn meta(value: serde_json::Value) -> ObjectMeta {
        let mut value = value;
        value["namespace"] = json!("apps");
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn an_external_secret_owner_is_the_manager_and_the_source() {
        let m = meta(json!({
            "labels": {ESO_MANAGED_LABEL: "true"},
            "annotations": {ESO_DATA_HASH: "abc"},
            "ownerReferences": [{"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret",
                "name": "db", "uid": "u", "controller": true}]
        }));
        let found = managers_of(&m, "Opaque");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].label(), "External Secrets");
        let source = found[0].source().unwrap();
        assert_eq!(
            (
                source.kind.as_str(),
                source.name.as_str(),
                source.namespace.as_str()
            ),
            ("ExternalSecret", "db", "apps")
        );
    }

    #[test]
    fn the_label_alone_is_enough_for_external_secrets() {
        let found = managers_of(
            &meta(json!({"labels": {ESO_MANAGED_LABEL: "true"}})),
            "Opaque",
        );
        assert_eq!(found, vec![Manager::ExternalSecrets { source: None }]);
    }

    #[test]
    fn sealed_secrets_by_owner_or_annotation() {
        let owned = meta(
            json!({"ownerReferences": [{"apiVersion": "bitnami.com/v1alpha1",
            "kind": "SealedSecret", "name": "s", "uid": "u"}]}),
        );
        assert_eq!(managers_of(&owned, "Opaque")[0].label(), "Sealed Secrets");
        let annotated = meta(json!({"annotations": {"sealedsecrets.bitnami.com/managed": "true"}}));
        assert_eq!(
            managers_of(&annotated, "Opaque"),
            vec![Manager::SealedSecrets { source: None }]
        );
        // A kind of the same name in another group is not Sealed Secrets.
        let other = meta(json!({"ownerReferences": [{"apiVersion": "example.com/v1",
            "kind": "SealedSecret", "name": "s", "uid": "u"}]}));
        assert!(managers_of(&other, "Opaque").is_empty());
    }

    #[test]
    fn cert_manager_names_its_certificate_and_issuer() {
        let m = meta(json!({
            "labels": {CERT_FAO_LABEL: "true"},
            "annotations": {CERT_NAME: "web", CERT_ISSUER_NAME: "letsencrypt", CERT_ISSUER_KIND: "ClusterIssuer"}
        }));
        let found = managers_of(&m, "kubernetes.io/tls");
        let Manager::CertManager {
            certificate,
            issuer,
        } = &found[0]
        else {
            panic!("{found:?}")
        };
        assert_eq!(certificate.as_ref().unwrap().name, "web");
        assert_eq!(issuer.as_deref(), Some("ClusterIssuer letsencrypt"));
    }

    #[test]
    fn helm_rendered_secrets_name_their_release() {
        let m = meta(json!({
            "labels": {MANAGED_BY_LABEL: "Helm", ARGO_INSTANCE_LABEL: "demo"},
            "annotations": {HELM_RELEASE_NAME: "demo", HELM_RELEASE_NAMESPACE: "apps"}
        }));
        assert_eq!(
            managers_of(&m, "Opaque"),
            vec![Manager::Helm {
                release: Some("demo".into()),
                release_namespace: Some("apps".into())
            }]
        );
    }

    #[test]
    fn argo_cd_by_tracking_id_or_its_own_secret_type() {
        let tracked = meta(json!({"annotations": {ARGO_TRACKING_ID: "guestbook:/Secret:apps/db"}}));
        assert_eq!(
            managers_of(&tracked, "Opaque"),
            vec![Manager::ArgoCd {
                application: Some("guestbook".into())
            }]
        );
        let own = meta(json!({"labels": {ARGO_SECRET_TYPE: "repository"}}));
        assert_eq!(
            managers_of(&own, "Opaque"),
            vec![Manager::ArgoCdConfig {
                secret_type: "repository".into()
            }]
        );
        let labelled = meta(json!({"labels": {ARGO_INSTANCE_LABEL: "guestbook"}}));
        assert_eq!(
            managers_of(&labelled, "Opaque"),
            vec![Manager::ArgoCd {
                application: Some("guestbook".into())
            }]
        );
    }

    #[test]
    fn flux_names_its_kustomization_and_whether_reconciling_is_off() {
        let m = meta(json!({
            "labels": {FLUX_KS_NAME: "apps", FLUX_KS_NAMESPACE: "flux-system"},
            "annotations": {FLUX_RECONCILE: "disabled"}
        }));
        assert_eq!(
            managers_of(&m, "Opaque"),
            vec![Manager::Flux {
                kind: FluxKind::Kustomization,
                name: "apps".into(),
                namespace: "flux-system".into(),
                reconcile_disabled: true
            }]
        );
    }

    #[test]
    fn an_external_secret_deployed_by_flux_lists_both_the_writer_first() {
        let m = meta(json!({
            "labels": {ESO_MANAGED_LABEL: "true", FLUX_KS_NAME: "apps", FLUX_KS_NAMESPACE: "flux-system"}
        }));
        let labels: Vec<&str> = managers_of(&m, "Opaque")
            .iter()
            .map(Manager::label)
            .collect();
        assert_eq!(labels, ["External Secrets", "Flux"]);
    }

    #[test]
    fn helm_release_records_name_their_release_and_revision() {
        let m = meta(
            json!({"labels": {"owner": "helm", "name": "demo", "version": "3", "status": "deployed"}}),
        );
        assert_eq!(
            managers_of(&m, HELM_RELEASE_RECORD),
            vec![Manager::HelmReleaseRecord {
                release: Some("demo".into()),
                revision: Some("3".into())
            }]
        );
    }

    #[test]
    fn service_account_tokens_and_hand_made_secrets() {
        let token = meta(json!({"annotations": {"kubernetes.io/service-account.name": "builder"}}));
        let found = managers_of(&token, SERVICE_ACCOUNT_TOKEN);
        assert_eq!(found[0].label(), "token controller");
        assert_eq!(found[0].source().unwrap().name, "builder");
        assert!(managers_of(&meta(json!({"labels": {"app": "web"}})), "Opaque").is_empty());
    }
}
