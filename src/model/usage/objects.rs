//! The objects "who uses this secret" reads, as purpose-made structs that
//! hold only the fields the analysis looks at.
//!
//! Keyhole never writes these kinds (a restart is a small JSON patch), so it
//! does not need `k8s-openapi`'s complete types for them: a Pod spec there
//! brings the deserializers of every volume source, probe and security
//! setting into the bundle. Field names and optionality follow the API (and
//! `k8s-openapi`) exactly, so the analysis reads the same; everything else
//! in an object is skipped unread. The tests read JSON captured from a real
//! kube-apiserver (`fixtures/`) and check that nothing the analysis needs is
//! lost on the way.

pub use crate::model::read_meta::{Meta, OwnerReference};
use serde::Deserialize;

/// A service account's `secrets` entry (an ObjectReference: only its name
/// matters, the secret is always in the account's namespace).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct NameReference {
    pub name: Option<String>,
}

/// An `imagePullSecrets` entry.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct LocalObjectReference {
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Pod {
    pub metadata: Meta,
    pub spec: Option<PodSpec>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct PodTemplateSpec {
    pub spec: Option<PodSpec>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct PodSpec {
    pub containers: Vec<Container>,
    pub init_containers: Option<Vec<Container>>,
    /// Ephemeral containers have the same env and mount fields as the others.
    pub ephemeral_containers: Option<Vec<Container>>,
    pub volumes: Option<Vec<Volume>>,
    pub image_pull_secrets: Option<Vec<LocalObjectReference>>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Container {
    pub name: String,
    pub env: Option<Vec<EnvVar>>,
    pub env_from: Option<Vec<EnvFromSource>>,
    pub volume_mounts: Option<Vec<VolumeMount>>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct EnvVar {
    pub name: String,
    pub value_from: Option<EnvVarSource>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct EnvVarSource {
    pub secret_key_ref: Option<SecretKeySelector>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct SecretKeySelector {
    pub name: String,
    pub key: String,
    pub optional: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct EnvFromSource {
    pub prefix: Option<String>,
    pub secret_ref: Option<SecretReference>,
}

/// `envFrom[].secretRef`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct SecretReference {
    pub name: String,
    pub optional: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct VolumeMount {
    pub name: String,
    pub mount_path: String,
    pub sub_path: Option<String>,
    pub sub_path_expr: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Volume {
    pub name: String,
    pub secret: Option<SecretVolumeSource>,
    pub projected: Option<ProjectedVolumeSource>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct SecretVolumeSource {
    pub secret_name: Option<String>,
    pub items: Option<Vec<KeyToPath>>,
    pub optional: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct ProjectedVolumeSource {
    pub sources: Option<Vec<VolumeProjection>>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct VolumeProjection {
    pub secret: Option<SecretProjection>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct SecretProjection {
    pub name: String,
    pub items: Option<Vec<KeyToPath>>,
    pub optional: Option<bool>,
}

/// A volume's `items` entry; only the key matters here, not the file path.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct KeyToPath {
    pub key: String,
}

/// Deployment, StatefulSet and DaemonSet: a pod template, always present.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Workload {
    pub metadata: Meta,
    pub spec: TemplateSpec,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct TemplateSpec {
    pub template: PodTemplateSpec,
}

/// ReplicaSet: its template is optional in the API.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct ReplicaSet {
    pub metadata: Meta,
    pub spec: ReplicaSetSpec,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct ReplicaSetSpec {
    pub template: Option<PodTemplateSpec>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Job {
    pub metadata: Meta,
    pub spec: Option<TemplateSpec>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct CronJob {
    pub metadata: Meta,
    pub spec: CronJobSpec,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct CronJobSpec {
    pub job_template: JobTemplateSpec,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct JobTemplateSpec {
    pub spec: Option<TemplateSpec>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct ServiceAccount {
    pub metadata: Meta,
    pub secrets: Option<Vec<NameReference>>,
    pub image_pull_secrets: Option<Vec<LocalObjectReference>>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Ingress {
    pub metadata: Meta,
    pub spec: Option<IngressSpec>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct IngressSpec {
    pub tls: Option<Vec<IngressTls>>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct IngressTls {
    pub hosts: Option<Vec<String>>,
    pub secret_name: Option<String>,
}

#[cfg(test)]
mod tests {
    use crate::model::test_fixtures::apiserver::{self, read_faithfully};
    use crate::model::usage::consumers::{consumers_of, NamespaceObjects, OwnerKind};

    fn captured() -> NamespaceObjects {
        NamespaceObjects {
            pods: read_faithfully(apiserver::PODS),
            replica_sets: read_faithfully(apiserver::REPLICA_SETS),
            deployments: read_faithfully(apiserver::DEPLOYMENTS),
            stateful_sets: read_faithfully(apiserver::STATEFUL_SETS),
            daemon_sets: read_faithfully(apiserver::DAEMON_SETS),
            jobs: read_faithfully(apiserver::JOBS),
            cron_jobs: read_faithfully(apiserver::CRON_JOBS),
            service_accounts: read_faithfully(apiserver::SERVICE_ACCOUNTS),
            ingresses: read_faithfully(apiserver::INGRESSES),
        }
    }

    fn found(secret: &str, keys: &[&str]) -> Vec<(OwnerKind, String, Vec<String>)> {
        let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        consumers_of(secret, &keys, &captured())
            .into_iter()
            .map(|c| {
                let usages = c.usages.iter().map(|u| u.to_string()).collect();
                (c.owner.kind, c.owner.name, usages)
            })
            .collect()
    }

    #[test]
    fn the_controllers_pods_are_read_with_their_owners() {
        let objects = captured();
        // The ReplicaSet, StatefulSet and Job controllers made pods, and the
        // owner references are theirs.
        let owners: Vec<&str> = objects
            .pods
            .iter()
            .filter_map(|p| p.metadata.owner_references.as_ref())
            .flatten()
            .map(|r| r.kind.as_str())
            .collect();
        for kind in ["ReplicaSet", "StatefulSet", "Job"] {
            assert!(owners.contains(&kind), "{kind} in {owners:?}");
        }
    }

    #[test]
    fn every_way_of_using_a_secret_in_real_objects_is_found() {
        assert_eq!(
            found("fixture-db", &["username", "password"]),
            [
                (
                    OwnerKind::Deployment,
                    "web".into(),
                    vec![
                        "env DB_USER ← key username, container migrate".to_string(),
                        "env DB_PASSWORD ← key password, container app".into(),
                        "envFrom, container sidecar".into(),
                        "volume creds, app at /etc/creds/password (subPath password: never updated) (optional)".into(),
                    ]
                ),
                (
                    OwnerKind::StatefulSet,
                    "db".into(),
                    vec!["env POSTGRES_PASSWORD ← key password, container postgres".to_string()]
                ),
            ]
        );
        let reloaded = consumers_of("fixture-db", &[], &captured());
        assert!(reloaded[0].reloader, "Reloader's annotation is read");

        assert_eq!(
            found("fixture-tls", &["tls.crt", "tls.key"]),
            [
                (
                    OwnerKind::Deployment,
                    "web".into(),
                    vec!["volume tls (keys tls.crt, tls.key), app at /etc/tls, sidecar at /tls (subPath $(POD_NAME): never updated)".to_string()]
                ),
                (
                    OwnerKind::DaemonSet,
                    "agent".into(),
                    vec!["volume certs, agent at /certs".to_string()]
                ),
                (
                    OwnerKind::Ingress,
                    "site".into(),
                    vec!["TLS for www.example.test, example.test".to_string()]
                ),
            ]
        );
        assert_eq!(
            found("fixture-api", &["token"]),
            [
                (
                    OwnerKind::Deployment,
                    "web".into(),
                    vec![
                        "envFrom, prefix API_, container app (optional)".to_string(),
                        "projected volume bundle (keys token), app at /etc/bundle (optional)"
                            .into(),
                    ]
                ),
                (
                    OwnerKind::Job,
                    "seed".into(),
                    vec!["env TOKEN ← key token, container seed".to_string()]
                ),
            ]
        );
        assert_eq!(
            found("fixture-registry", &[]),
            [
                (
                    OwnerKind::Deployment,
                    "web".into(),
                    vec!["imagePullSecrets".to_string()]
                ),
                (
                    OwnerKind::ServiceAccount,
                    "builder".into(),
                    vec!["service account imagePullSecrets".to_string()]
                ),
            ]
        );
        assert_eq!(
            found("fixture-backup", &[]),
            [(
                OwnerKind::CronJob,
                "backup".into(),
                vec!["envFrom, container backup".to_string()]
            )]
        );
        assert_eq!(
            found("fixture-kubeconfig", &["config"]),
            [(
                OwnerKind::Pod,
                "debug".into(),
                vec!["volume kubeconfig (keys config), shell at /root/.kube".to_string()]
            )]
        );
        assert_eq!(
            found("fixture-builder-token", &[]),
            [(
                OwnerKind::ServiceAccount,
                "builder".into(),
                vec!["service account secrets".to_string()]
            )]
        );
    }
}
