//! "Who uses this secret, and how": the pods, workload templates, service
//! accounts and ingresses of a namespace that reference one secret, grouped
//! under what the user would restart, and whether a rotated value reaches
//! them without a restart. Names and keys only: values never come here.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{json, Value};

use super::objects::{
    Container, CronJob, EnvFromSource, EnvVar, Ingress, Job, KeyToPath, Meta, OwnerReference, Pod,
    PodSpec, PodTemplateSpec, ReplicaSet, ServiceAccount, VolumeMount, Workload,
};

use super::reloader::reloader_restarts;

/// The annotation `kubectl rollout restart` stamps on a pod template; any
/// change to the template makes the controller replace the pods.
pub const RESTARTED_AT_ANNOTATION: &str = "kubectl.kubernetes.io/restartedAt";

/// The content type `kubectl rollout restart` sends [`restart_patch`] with.
pub const RESTART_PATCH_CONTENT_TYPE: &str = "application/strategic-merge-patch+json";

/// What was listed in the secret's namespace. A list the user may not read
/// stays empty: the answer is then "who uses it, as far as I can see".
#[derive(Debug, Clone, Default)]
pub struct NamespaceObjects {
    pub pods: Vec<Pod>,
    pub replica_sets: Vec<ReplicaSet>,
    pub deployments: Vec<Workload>,
    pub stateful_sets: Vec<Workload>,
    pub daemon_sets: Vec<Workload>,
    pub jobs: Vec<Job>,
    pub cron_jobs: Vec<CronJob>,
    pub service_accounts: Vec<ServiceAccount>,
    pub ingresses: Vec<Ingress>,
}

/// The kinds a consumer is reported as, in the order they are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OwnerKind {
    Deployment,
    StatefulSet,
    DaemonSet,
    Job,
    CronJob,
    ReplicaSet,
    Pod,
    ServiceAccount,
    Ingress,
}

impl OwnerKind {
    /// Whether `kubectl rollout restart` applies: only these controllers
    /// replace their pods when the pod template changes.
    pub fn is_restartable(self) -> bool {
        matches!(
            self,
            OwnerKind::Deployment | OwnerKind::StatefulSet | OwnerKind::DaemonSet
        )
    }

    /// The `apiVersion` objects of this kind are served under.
    pub fn api_version(self) -> &'static str {
        match self {
            OwnerKind::Deployment
            | OwnerKind::StatefulSet
            | OwnerKind::DaemonSet
            | OwnerKind::ReplicaSet => "apps/v1",
            OwnerKind::Job | OwnerKind::CronJob => "batch/v1",
            OwnerKind::Pod | OwnerKind::ServiceAccount => "v1",
            OwnerKind::Ingress => "networking.k8s.io/v1",
        }
    }

    /// The kind as an owner reference names it, with its `apiVersion`.
    fn from_reference(api_version: &str, kind: &str) -> Option<OwnerKind> {
        Some(match (api_version, kind) {
            ("apps/v1", "Deployment") => OwnerKind::Deployment,
            ("apps/v1", "StatefulSet") => OwnerKind::StatefulSet,
            ("apps/v1", "DaemonSet") => OwnerKind::DaemonSet,
            ("apps/v1", "ReplicaSet") => OwnerKind::ReplicaSet,
            ("batch/v1", "Job") => OwnerKind::Job,
            ("batch/v1", "CronJob") => OwnerKind::CronJob,
            _ => return None,
        })
    }
}

impl fmt::Display for OwnerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// What the user would look at, or restart, for a usage.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Owner {
    pub kind: OwnerKind,
    pub name: String,
}

/// Where a container mounts a volume that holds the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    pub container: String,
    pub mount_path: String,
    /// `subPath`, or the unexpanded `subPathExpr`. A sub-path mount is a bind
    /// mount of one file taken when the container starts: it never sees an
    /// update of the secret.
    pub sub_path: Option<String>,
}

/// One way a pod spec, service account or ingress refers to the secret.
/// `optional` is the reference's own `optional: true`: a pod then starts even
/// when the secret or the key is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsageKind {
    /// `env[].valueFrom.secretKeyRef`.
    EnvKey {
        container: String,
        env_var: String,
        key: String,
        optional: bool,
    },
    /// `envFrom[].secretRef`: every key becomes a variable, `prefix` first.
    EnvFrom {
        container: String,
        prefix: Option<String>,
        optional: bool,
    },
    /// `volumes[].secret`; `keys` are the `items` (None: every key).
    Volume {
        volume: String,
        mounts: Vec<Mount>,
        keys: Option<Vec<String>>,
        optional: bool,
    },
    /// `volumes[].projected.sources[].secret`; fields as for [`UsageKind::Volume`].
    ProjectedVolume {
        volume: String,
        mounts: Vec<Mount>,
        keys: Option<Vec<String>>,
        optional: bool,
    },
    /// The pod's `imagePullSecrets`.
    ImagePullSecret,
    /// Listed in the service account's `secrets` (legacy token, or a secret
    /// its pods may mount when `kubernetes.io/enforce-mountable-secrets` is set).
    ServiceAccountSecret,
    /// Listed in the service account's `imagePullSecrets`: admission copies it
    /// into every new pod that runs as this account.
    ServiceAccountImagePullSecret,
    /// `spec.tls[].secretName` of an ingress, for these hosts.
    IngressTls { hosts: Vec<String> },
}

impl fmt::Display for UsageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let optional = |o: &bool| if *o { " (optional)" } else { "" };
        match self {
            UsageKind::EnvKey {
                container,
                env_var,
                key,
                optional: o,
            } => write!(
                f,
                "env {env_var} ← key {key}, container {container}{}",
                optional(o)
            ),
            UsageKind::EnvFrom {
                container,
                prefix,
                optional: o,
            } => match prefix {
                Some(p) => write!(
                    f,
                    "envFrom, prefix {p}, container {container}{}",
                    optional(o)
                ),
                None => write!(f, "envFrom, container {container}{}", optional(o)),
            },
            UsageKind::Volume {
                volume,
                mounts,
                keys,
                optional: o,
            }
            | UsageKind::ProjectedVolume {
                volume,
                mounts,
                keys,
                optional: o,
            } => {
                let what = match self {
                    UsageKind::Volume { .. } => "volume",
                    _ => "projected volume",
                };
                write!(f, "{what} {volume}")?;
                if let Some(keys) = keys {
                    write!(f, " (keys {})", keys.join(", "))?;
                }
                for m in mounts {
                    write!(f, ", {} at {}", m.container, m.mount_path)?;
                    if let Some(sub) = &m.sub_path {
                        write!(f, " (subPath {sub}: never updated)")?;
                    }
                }
                if mounts.is_empty() {
                    write!(f, ", not mounted")?;
                }
                write!(f, "{}", optional(o))
            }
            UsageKind::ImagePullSecret => write!(f, "imagePullSecrets"),
            UsageKind::ServiceAccountSecret => write!(f, "service account secrets"),
            UsageKind::ServiceAccountImagePullSecret => {
                write!(f, "service account imagePullSecrets")
            }
            UsageKind::IngressTls { hosts } if hosts.is_empty() => write!(f, "TLS"),
            UsageKind::IngressTls { hosts } => write!(f, "TLS for {}", hosts.join(", ")),
        }
    }
}

/// Whether a running pod (or the object) sees a new value of the secret
/// without being restarted.
pub fn updates_without_restart(kind: &UsageKind) -> bool {
    match kind {
        // Environment variables are set once, when the container starts.
        UsageKind::EnvKey { .. } | UsageKind::EnvFrom { .. } => false,
        // The kubelet rewrites mounted secret files on its sync (about a
        // minute), except under a subPath bind mount.
        UsageKind::Volume { mounts, .. } | UsageKind::ProjectedVolume { mounts, .. } => {
            mounts.iter().all(|m| m.sub_path.is_none())
        }
        // Read at image pull time, by admission, or by the ingress controller's
        // own watch: nothing running holds a copy.
        UsageKind::ImagePullSecret
        | UsageKind::ServiceAccountSecret
        | UsageKind::ServiceAccountImagePullSecret
        | UsageKind::IngressTls { .. } => true,
    }
}

/// A key the consumer refers to that the secret does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingKey {
    pub key: String,
    /// Every reference to it is `optional: true`: pods still start, without it.
    pub optional: bool,
}

/// One owner and every distinct way it (its template or its pods) uses the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consumer {
    pub owner: Owner,
    pub usages: Vec<UsageKind>,
    /// Sorted by key.
    pub missing_keys: Vec<MissingKey>,
    /// Stakater Reloader watches this workload for this secret and restarts
    /// it when the secret changes.
    pub reloader: bool,
}

/// Everything in `objects` that refers to `secret_name`, one consumer per
/// owner, sorted by kind then name.
///
/// Pods are reported under their controller, following owner references:
/// Pod → ReplicaSet → Deployment and Pod → Job → CronJob as far as the
/// ReplicaSets and Jobs are known, Pod → StatefulSet / DaemonSet directly.
/// Workload templates count on their own, so a Deployment scaled to zero is
/// still a consumer; the templates of ReplicaSets a Deployment controls do
/// not, since old revisions linger there. `secret_keys` are the secret's
/// keys, to flag references to keys it lacks.
pub fn consumers_of(
    secret_name: &str,
    secret_keys: &[String],
    objects: &NamespaceObjects,
) -> Vec<Consumer> {
    let mut found: BTreeMap<Owner, Vec<UsageKind>> = BTreeMap::new();
    let mut reloaded: Vec<Owner> = Vec::new();
    let mut note_reloader = |kind: OwnerKind, meta: &Meta| {
        if reloader_restarts(meta.annotations.as_ref(), secret_name) {
            reloaded.push(owner(kind, meta));
        }
    };
    let mut add = |owner: Owner, usages: Vec<UsageKind>| {
        if usages.is_empty() {
            return;
        }
        let known = found.entry(owner).or_default();
        for usage in usages {
            if !known.contains(&usage) {
                known.push(usage);
            }
        }
    };
    let template = |t: Option<&PodTemplateSpec>| {
        t.and_then(|t| t.spec.as_ref())
            .map(|spec| pod_spec_usages(spec, secret_name))
            .unwrap_or_default()
    };

    for d in &objects.deployments {
        note_reloader(OwnerKind::Deployment, &d.metadata);
        let t = Some(&d.spec.template);
        add(owner(OwnerKind::Deployment, &d.metadata), template(t));
    }
    for s in &objects.stateful_sets {
        note_reloader(OwnerKind::StatefulSet, &s.metadata);
        let t = Some(&s.spec.template);
        add(owner(OwnerKind::StatefulSet, &s.metadata), template(t));
    }
    for d in &objects.daemon_sets {
        note_reloader(OwnerKind::DaemonSet, &d.metadata);
        let t = Some(&d.spec.template);
        add(owner(OwnerKind::DaemonSet, &d.metadata), template(t));
    }
    for c in &objects.cron_jobs {
        let t = c.spec.job_template.spec.as_ref().map(|s| &s.template);
        add(owner(OwnerKind::CronJob, &c.metadata), template(t));
    }
    for j in &objects.jobs {
        let t = j.spec.as_ref().map(|s| &s.template);
        add(
            top_owner(owner(OwnerKind::Job, &j.metadata), objects),
            template(t),
        );
    }
    for rs in &objects.replica_sets {
        let rs_owner = top_owner(owner(OwnerKind::ReplicaSet, &rs.metadata), objects);
        if rs_owner.kind == OwnerKind::ReplicaSet {
            add(rs_owner, template(rs.spec.template.as_ref()));
        }
    }
    for pod in &objects.pods {
        if let Some(spec) = &pod.spec {
            add(pod_owner(pod, objects), pod_spec_usages(spec, secret_name));
        }
    }
    for sa in &objects.service_accounts {
        let mut usages = Vec::new();
        // A service account can only name secrets of its own namespace.
        if sa
            .secrets
            .iter()
            .flatten()
            .any(|r| r.name.as_deref() == Some(secret_name))
        {
            usages.push(UsageKind::ServiceAccountSecret);
        }
        if sa
            .image_pull_secrets
            .iter()
            .flatten()
            .any(|r| r.name == secret_name)
        {
            usages.push(UsageKind::ServiceAccountImagePullSecret);
        }
        add(owner(OwnerKind::ServiceAccount, &sa.metadata), usages);
    }
    for ing in &objects.ingresses {
        let tls = ing.spec.as_ref().and_then(|s| s.tls.as_ref());
        let usages = tls
            .into_iter()
            .flatten()
            .filter(|t| t.secret_name.as_deref() == Some(secret_name))
            .map(|t| UsageKind::IngressTls {
                hosts: t.hosts.clone().unwrap_or_default(),
            })
            .collect();
        add(owner(OwnerKind::Ingress, &ing.metadata), usages);
    }

    found
        .into_iter()
        .map(|(owner, usages)| Consumer {
            missing_keys: missing_keys(&usages, secret_keys),
            reloader: reloaded.contains(&owner),
            owner,
            usages,
        })
        .collect()
}

/// What a consumer needs after the secret's values change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterRotation {
    /// Every usage picks up the new value by itself.
    UpdatesItself,
    /// `kubectl rollout restart` (see [`restart_patch`]) replaces its pods.
    RolloutRestart,
    /// Its pods keep the old value until they are deleted and recreated:
    /// a bare pod, a ReplicaSet's pods, a Job's pods.
    RecreatePods,
    /// A CronJob: runs already started keep the old value, the next reads the new.
    NextRun,
    /// Stakater Reloader restarts it when the secret changes: no restart to offer.
    ReloaderRestarts,
}

pub fn after_rotation(consumer: &Consumer) -> AfterRotation {
    if consumer.usages.iter().all(updates_without_restart) {
        return AfterRotation::UpdatesItself;
    }
    match consumer.owner.kind {
        kind if kind.is_restartable() && consumer.reloader => AfterRotation::ReloaderRestarts,
        kind if kind.is_restartable() => AfterRotation::RolloutRestart,
        OwnerKind::CronJob => AfterRotation::NextRun,
        _ => AfterRotation::RecreatePods,
    }
}

/// Exactly the strategic-merge patch `kubectl rollout restart` sends (with
/// [`RESTART_PATCH_CONTENT_TYPE`]); `now_rfc3339` as Go's `time.RFC3339`
/// prints it, e.g. `2024-05-01T12:00:00Z`.
pub fn restart_patch(now_rfc3339: &str) -> Value {
    json!({
        "spec": {
            "template": {
                "metadata": {
                    "annotations": { RESTARTED_AT_ANNOTATION: now_rfc3339 }
                }
            }
        }
    })
}

fn owner(kind: OwnerKind, meta: &Meta) -> Owner {
    Owner {
        kind,
        name: meta.name.clone().unwrap_or_default(),
    }
}

/// The object's managing controller: the owner reference marked
/// `controller`, else the first of a kind we know.
fn controller_of(meta: &Meta) -> Option<Owner> {
    let refs = meta.owner_references.as_deref().unwrap_or_default();
    let known = |r: &&OwnerReference| OwnerKind::from_reference(&r.api_version, &r.kind).is_some();
    let chosen = refs
        .iter()
        .find(|r| r.controller == Some(true))
        .or_else(|| refs.iter().find(known))?;
    Some(Owner {
        kind: OwnerKind::from_reference(&chosen.api_version, &chosen.kind)?,
        name: chosen.name.clone(),
    })
}

fn pod_owner(pod: &Pod, objects: &NamespaceObjects) -> Owner {
    match controller_of(&pod.metadata) {
        Some(controller) => top_owner(controller, objects),
        None => owner(OwnerKind::Pod, &pod.metadata),
    }
}

/// One step up from a ReplicaSet to its Deployment, or from a Job to its
/// CronJob, when the ReplicaSet or Job is known; anything else is the top.
fn top_owner(owner: Owner, objects: &NamespaceObjects) -> Owner {
    let (parent_kind, meta) = match owner.kind {
        OwnerKind::ReplicaSet => (
            OwnerKind::Deployment,
            objects
                .replica_sets
                .iter()
                .map(|rs| &rs.metadata)
                .find(|m| m.name.as_deref() == Some(&owner.name)),
        ),
        OwnerKind::Job => (
            OwnerKind::CronJob,
            objects
                .jobs
                .iter()
                .map(|j| &j.metadata)
                .find(|m| m.name.as_deref() == Some(&owner.name)),
        ),
        _ => return owner,
    };
    meta.and_then(controller_of)
        .filter(|parent| parent.kind == parent_kind)
        .unwrap_or(owner)
}

/// What the three container lists have in common.
struct ContainerRefs<'a> {
    name: &'a str,
    env: &'a [EnvVar],
    env_from: &'a [EnvFromSource],
    mounts: &'a [VolumeMount],
}

impl<'a> From<&'a Container> for ContainerRefs<'a> {
    fn from(c: &'a Container) -> Self {
        ContainerRefs {
            name: &c.name,
            env: c.env.as_deref().unwrap_or_default(),
            env_from: c.env_from.as_deref().unwrap_or_default(),
            mounts: c.volume_mounts.as_deref().unwrap_or_default(),
        }
    }
}

fn pod_spec_usages(spec: &PodSpec, secret: &str) -> Vec<UsageKind> {
    let containers: Vec<ContainerRefs> = spec
        .init_containers
        .iter()
        .flatten()
        .chain(&spec.containers)
        .map(ContainerRefs::from)
        .chain(
            spec.ephemeral_containers
                .iter()
                .flatten()
                .map(ContainerRefs::from),
        )
        .collect();
    let mut usages = Vec::new();

    for c in &containers {
        for env in c.env {
            let selector = env
                .value_from
                .as_ref()
                .and_then(|v| v.secret_key_ref.as_ref());
            if let Some(sel) = selector.filter(|s| s.name == secret) {
                usages.push(UsageKind::EnvKey {
                    container: c.name.to_string(),
                    env_var: env.name.clone(),
                    key: sel.key.clone(),
                    optional: sel.optional == Some(true),
                });
            }
        }
        for source in c.env_from {
            if let Some(r) = source.secret_ref.as_ref().filter(|r| r.name == secret) {
                usages.push(UsageKind::EnvFrom {
                    container: c.name.to_string(),
                    prefix: source.prefix.clone().filter(|p| !p.is_empty()),
                    optional: r.optional == Some(true),
                });
            }
        }
    }

    for volume in spec.volumes.iter().flatten() {
        let mounts = || mounts_of(&volume.name, &containers);
        if let Some(s) = &volume.secret {
            if s.secret_name.as_deref() == Some(secret) {
                usages.push(UsageKind::Volume {
                    volume: volume.name.clone(),
                    mounts: mounts(),
                    keys: item_keys(s.items.as_deref()),
                    optional: s.optional == Some(true),
                });
            }
        }
        let sources = volume.projected.as_ref().and_then(|p| p.sources.as_ref());
        for s in sources
            .into_iter()
            .flatten()
            .filter_map(|p| p.secret.as_ref())
        {
            if s.name == secret {
                usages.push(UsageKind::ProjectedVolume {
                    volume: volume.name.clone(),
                    mounts: mounts(),
                    keys: item_keys(s.items.as_deref()),
                    optional: s.optional == Some(true),
                });
            }
        }
    }

    if spec
        .image_pull_secrets
        .iter()
        .flatten()
        .any(|r| r.name == secret)
    {
        usages.push(UsageKind::ImagePullSecret);
    }
    usages
}

fn mounts_of(volume: &str, containers: &[ContainerRefs]) -> Vec<Mount> {
    containers
        .iter()
        .flat_map(|c| c.mounts.iter().map(move |m| (c.name, m)))
        .filter(|(_, m)| m.name == volume)
        .map(|(container, m)| Mount {
            container: container.to_string(),
            mount_path: m.mount_path.clone(),
            // An empty subPath is the same as none.
            sub_path: [&m.sub_path, &m.sub_path_expr]
                .into_iter()
                .flatten()
                .find(|p| !p.is_empty())
                .cloned(),
        })
        .collect()
}

/// The keys a volume's `items` select; without items (or with an empty
/// list) the kubelet projects every key.
fn item_keys(items: Option<&[KeyToPath]>) -> Option<Vec<String>> {
    items
        .filter(|items| !items.is_empty())
        .map(|items| items.iter().map(|i| i.key.clone()).collect())
}

fn missing_keys(usages: &[UsageKind], secret_keys: &[String]) -> Vec<MissingKey> {
    let mut missing: BTreeMap<&str, bool> = BTreeMap::new();
    for usage in usages {
        let (keys, optional): (Vec<&String>, bool) = match usage {
            UsageKind::EnvKey { key, optional, .. } => (vec![key], *optional),
            UsageKind::Volume { keys, optional, .. }
            | UsageKind::ProjectedVolume { keys, optional, .. } => {
                (keys.iter().flatten().collect(), *optional)
            }
            _ => continue,
        };
        for key in keys.into_iter().filter(|k| !secret_keys.contains(k)) {
            let all_optional = missing.entry(key).or_insert(true);
            *all_optional &= optional;
        }
    }
    missing
        .into_iter()
        .map(|(key, optional)| MissingKey {
            key: key.to_string(),
            optional,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;

    fn from<T: DeserializeOwned>(value: Value) -> T {
        serde_json::from_value(value).expect("a valid object")
    }

    fn keys(names: &[&str]) -> Vec<String> {
        names.iter().map(|k| k.to_string()).collect()
    }

    fn named(kind: OwnerKind, name: &str) -> Owner {
        Owner {
            kind,
            name: name.into(),
        }
    }

    fn owner_ref(api_version: &str, kind: &str, name: &str) -> Value {
        json!({
            "apiVersion": api_version, "kind": kind, "name": name,
            "uid": format!("uid-{name}"), "controller": true
        })
    }

    /// A pod spec that reads `password` of `secret` into one variable.
    fn env_spec(secret: &str) -> Value {
        json!({
            "containers": [{
                "name": "app", "image": "app:1",
                "env": [{
                    "name": "DB_PASSWORD",
                    "valueFrom": {"secretKeyRef": {"name": secret, "key": "password"}}
                }]
            }]
        })
    }

    fn env_usage() -> UsageKind {
        UsageKind::EnvKey {
            container: "app".into(),
            env_var: "DB_PASSWORD".into(),
            key: "password".into(),
            optional: false,
        }
    }

    fn pod(name: &str, owner: Option<Value>, spec: Value) -> Pod {
        let mut meta = json!({"name": name, "namespace": "default"});
        if let Some(owner) = owner {
            meta["ownerReferences"] = json!([owner]);
        }
        from(json!({"metadata": meta, "spec": spec}))
    }

    fn deployment(name: &str, replicas: i32, spec: Value) -> Workload {
        from(json!({
            "metadata": {"name": name, "namespace": "default"},
            "spec": {
                "replicas": replicas,
                "selector": {"matchLabels": {"app": name}},
                "template": {"metadata": {"labels": {"app": name}}, "spec": spec}
            }
        }))
    }

    fn replica_set(name: &str, owner: Value, spec: Value) -> ReplicaSet {
        from(json!({
            "metadata": {"name": name, "namespace": "default", "ownerReferences": [owner]},
            "spec": {
                "selector": {"matchLabels": {"app": "x"}},
                "template": {"metadata": {"labels": {"app": "x"}}, "spec": spec}
            }
        }))
    }

    const ALL_KEYS: &[&str] = &["password", "username", "tls.crt", "tls.key"];

    fn consumers(objects: &NamespaceObjects) -> Vec<Consumer> {
        consumers_of("db-credentials", &keys(ALL_KEYS), objects)
    }

    #[test]
    fn every_pod_spec_reference_kind() {
        let spec = json!({
            "initContainers": [{
                "name": "migrate", "image": "app:1",
                "env": [
                    {"name": "DB_USER", "valueFrom": {"secretKeyRef": {"name": "db-credentials", "key": "username"}}},
                    {"name": "OTHER", "valueFrom": {"secretKeyRef": {"name": "other", "key": "username"}}},
                    {"name": "PLAIN", "value": "x"},
                    {"name": "CM", "valueFrom": {"configMapKeyRef": {"name": "db-credentials", "key": "username"}}}
                ]
            }],
            "containers": [{
                "name": "app", "image": "app:1",
                "envFrom": [
                    {"prefix": "DB_", "secretRef": {"name": "db-credentials", "optional": true}},
                    {"configMapRef": {"name": "db-credentials"}},
                    {"secretRef": {"name": "other"}}
                ],
                "volumeMounts": [
                    {"name": "creds", "mountPath": "/etc/creds", "readOnly": true},
                    {"name": "tls", "mountPath": "/etc/tls"}
                ]
            }, {
                "name": "sidecar", "image": "side:1",
                "envFrom": [{"secretRef": {"name": "db-credentials"}}],
                "volumeMounts": [
                    {"name": "creds", "mountPath": "/app/password", "subPath": "password"}
                ]
            }],
            "ephemeralContainers": [{
                "name": "debugger", "image": "busybox",
                "env": [{"name": "PW", "valueFrom": {"secretKeyRef": {"name": "db-credentials", "key": "password", "optional": true}}}]
            }],
            "volumes": [
                {"name": "creds", "secret": {"secretName": "db-credentials", "items": [{"key": "password", "path": "pw"}]}},
                {"name": "unused", "secret": {"secretName": "db-credentials"}},
                {"name": "tls", "projected": {"sources": [
                    {"configMap": {"name": "ca"}},
                    {"secret": {"name": "db-credentials", "optional": true}},
                    {"secret": {"name": "other"}}
                ]}},
                {"name": "scratch", "emptyDir": {}}
            ],
            "imagePullSecrets": [{"name": "regcred"}, {"name": "db-credentials"}]
        });
        let objects = NamespaceObjects {
            pods: vec![pod("web", None, spec)],
            ..Default::default()
        };
        let found = consumers(&objects);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].owner, named(OwnerKind::Pod, "web"));
        assert_eq!(found[0].missing_keys, []);
        assert_eq!(
            found[0].usages,
            [
                UsageKind::EnvKey {
                    container: "migrate".into(),
                    env_var: "DB_USER".into(),
                    key: "username".into(),
                    optional: false,
                },
                UsageKind::EnvFrom {
                    container: "app".into(),
                    prefix: Some("DB_".into()),
                    optional: true,
                },
                UsageKind::EnvFrom {
                    container: "sidecar".into(),
                    prefix: None,
                    optional: false,
                },
                UsageKind::EnvKey {
                    container: "debugger".into(),
                    env_var: "PW".into(),
                    key: "password".into(),
                    optional: true,
                },
                UsageKind::Volume {
                    volume: "creds".into(),
                    mounts: vec![
                        Mount {
                            container: "app".into(),
                            mount_path: "/etc/creds".into(),
                            sub_path: None,
                        },
                        Mount {
                            container: "sidecar".into(),
                            mount_path: "/app/password".into(),
                            sub_path: Some("password".into()),
                        },
                    ],
                    keys: Some(keys(&["password"])),
                    optional: false,
                },
                UsageKind::Volume {
                    volume: "unused".into(),
                    mounts: vec![],
                    keys: None,
                    optional: false,
                },
                UsageKind::ProjectedVolume {
                    volume: "tls".into(),
                    mounts: vec![Mount {
                        container: "app".into(),
                        mount_path: "/etc/tls".into(),
                        sub_path: None,
                    }],
                    keys: None,
                    optional: true,
                },
                UsageKind::ImagePullSecret,
            ]
        );
    }

    #[test]
    fn projected_items_and_sub_path_expr_are_kept() {
        let spec = json!({
            "containers": [{
                "name": "app", "image": "app:1",
                "volumeMounts": [{"name": "all", "mountPath": "/etc/x", "subPathExpr": "$(POD_NAME)"}]
            }],
            "volumes": [{"name": "all", "projected": {"sources": [
                {"secret": {"name": "db-credentials", "items": [{"key": "tls.crt", "path": "a"}, {"key": "tls.key", "path": "b"}]}}
            ]}}]
        });
        let objects = NamespaceObjects {
            pods: vec![pod("p", None, spec)],
            ..Default::default()
        };
        let usage = &consumers(&objects)[0].usages[0];
        assert_eq!(
            usage,
            &UsageKind::ProjectedVolume {
                volume: "all".into(),
                mounts: vec![Mount {
                    container: "app".into(),
                    mount_path: "/etc/x".into(),
                    sub_path: Some("$(POD_NAME)".into()),
                }],
                keys: Some(keys(&["tls.crt", "tls.key"])),
                optional: false,
            }
        );
        assert!(!updates_without_restart(usage));
    }

    #[test]
    fn service_accounts_and_ingresses() {
        let objects = NamespaceObjects {
            service_accounts: vec![
                from(json!({
                    "metadata": {"name": "builder"},
                    "secrets": [{"name": "db-credentials"}],
                    "imagePullSecrets": [{"name": "db-credentials"}]
                })),
                from(
                    json!({"metadata": {"name": "default"}, "secrets": [{"name": "default-token"}]}),
                ),
            ],
            ingresses: vec![
                from(json!({
                    "metadata": {"name": "web"},
                    "spec": {"tls": [
                        {"hosts": ["a.example.com", "b.example.com"], "secretName": "db-credentials"},
                        {"hosts": ["c.example.com"], "secretName": "other"}
                    ]}
                })),
                from(
                    json!({"metadata": {"name": "bare"}, "spec": {"tls": [{"secretName": "db-credentials"}]}}),
                ),
            ],
            ..Default::default()
        };
        let found = consumers(&objects);
        let summary: Vec<(Owner, Vec<UsageKind>)> =
            found.into_iter().map(|c| (c.owner, c.usages)).collect();
        assert_eq!(
            summary,
            [
                (
                    named(OwnerKind::ServiceAccount, "builder"),
                    vec![
                        UsageKind::ServiceAccountSecret,
                        UsageKind::ServiceAccountImagePullSecret
                    ]
                ),
                (
                    named(OwnerKind::Ingress, "bare"),
                    vec![UsageKind::IngressTls { hosts: vec![] }]
                ),
                (
                    named(OwnerKind::Ingress, "web"),
                    vec![UsageKind::IngressTls {
                        hosts: keys(&["a.example.com", "b.example.com"])
                    }]
                ),
            ]
        );
    }

    #[test]
    fn pods_are_grouped_under_their_controllers() {
        let deploy_ref = owner_ref("apps/v1", "Deployment", "api");
        let objects = NamespaceObjects {
            pods: vec![
                pod(
                    "api-7d4b9-x1",
                    Some(owner_ref("apps/v1", "ReplicaSet", "api-7d4b9")),
                    env_spec("db-credentials"),
                ),
                pod(
                    "orphan-rs-abc",
                    Some(owner_ref("apps/v1", "ReplicaSet", "unknown-rs")),
                    env_spec("db-credentials"),
                ),
                pod(
                    "db-0",
                    Some(owner_ref("apps/v1", "StatefulSet", "db")),
                    env_spec("db-credentials"),
                ),
                pod(
                    "agent-q2",
                    Some(owner_ref("apps/v1", "DaemonSet", "agent")),
                    env_spec("db-credentials"),
                ),
                pod(
                    "backup-28000-zz",
                    Some(owner_ref("batch/v1", "Job", "backup-28000")),
                    env_spec("db-credentials"),
                ),
                pod(
                    "one-off-zz",
                    Some(owner_ref("batch/v1", "Job", "one-off")),
                    env_spec("db-credentials"),
                ),
                pod(
                    "custom-1",
                    Some(owner_ref("example.com/v1", "Widget", "w")),
                    env_spec("db-credentials"),
                ),
                pod("bare", None, env_spec("db-credentials")),
                pod("unrelated", None, env_spec("other")),
            ],
            replica_sets: vec![replica_set(
                "api-7d4b9",
                deploy_ref,
                json!({"containers": []}),
            )],
            // Known, so its pods climb on to its CronJob; "one-off" is not.
            jobs: vec![from(json!({
                "metadata": {"name": "backup-28000", "ownerReferences": [owner_ref("batch/v1", "CronJob", "backup")]},
                "spec": {"template": {"spec": {"containers": [], "restartPolicy": "Never"}}}
            }))],
            ..Default::default()
        };
        let owners: Vec<Owner> = consumers(&objects).into_iter().map(|c| c.owner).collect();
        assert_eq!(
            owners,
            [
                named(OwnerKind::Deployment, "api"),
                named(OwnerKind::StatefulSet, "db"),
                named(OwnerKind::DaemonSet, "agent"),
                named(OwnerKind::Job, "one-off"),
                named(OwnerKind::CronJob, "backup"),
                named(OwnerKind::ReplicaSet, "unknown-rs"),
                named(OwnerKind::Pod, "bare"),
                named(OwnerKind::Pod, "custom-1"),
            ]
        );
    }

    #[test]
    fn a_deployment_scaled_to_zero_still_uses_the_secret() {
        let objects = NamespaceObjects {
            deployments: vec![
                deployment("idle", 0, env_spec("db-credentials")),
                deployment("elsewhere", 0, env_spec("other")),
            ],
            ..Default::default()
        };
        let found = consumers(&objects);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].owner, named(OwnerKind::Deployment, "idle"));
        assert_eq!(found[0].usages, [env_usage()]);
    }

    #[test]
    fn workload_templates_of_every_kind_count() {
        let template = json!({"spec": env_spec("db-credentials")});
        let objects = NamespaceObjects {
            stateful_sets: vec![from(json!({
                "metadata": {"name": "db"},
                "spec": {"selector": {}, "serviceName": "db", "template": template}
            }))],
            daemon_sets: vec![from(json!({
                "metadata": {"name": "agent"},
                "spec": {"selector": {}, "template": template}
            }))],
            cron_jobs: vec![from(json!({
                "metadata": {"name": "backup"},
                "spec": {"schedule": "@daily", "jobTemplate": {"spec": {"template": template}}}
            }))],
            jobs: vec![from(
                json!({"metadata": {"name": "once"}, "spec": {"template": template}}),
            )],
            replica_sets: vec![
                from(
                    json!({"metadata": {"name": "bare-rs"}, "spec": {"selector": {}, "template": template}}),
                ),
                // An old revision of a Deployment: not a current user.
                replica_set(
                    "api-old",
                    owner_ref("apps/v1", "Deployment", "api"),
                    env_spec("db-credentials"),
                ),
            ],
            ..Default::default()
        };
        let owners: Vec<Owner> = consumers(&objects).into_iter().map(|c| c.owner).collect();
        assert_eq!(
            owners,
            [
                named(OwnerKind::StatefulSet, "db"),
                named(OwnerKind::DaemonSet, "agent"),
                named(OwnerKind::Job, "once"),
                named(OwnerKind::CronJob, "backup"),
                named(OwnerKind::ReplicaSet, "bare-rs"),
            ]
        );
    }

    #[test]
    fn template_and_pods_are_counted_once() {
        let rs_ref = owner_ref("apps/v1", "ReplicaSet", "api-1");
        let objects = NamespaceObjects {
            deployments: vec![deployment("api", 2, env_spec("db-credentials"))],
            replica_sets: vec![replica_set(
                "api-1",
                owner_ref("apps/v1", "Deployment", "api"),
                env_spec("db-credentials"),
            )],
            pods: vec![
                pod("api-1-a", Some(rs_ref.clone()), env_spec("db-credentials")),
                pod("api-1-b", Some(rs_ref), env_spec("db-credentials")),
            ],
            ..Default::default()
        };
        let found = consumers(&objects);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].owner, named(OwnerKind::Deployment, "api"));
        assert_eq!(found[0].usages, [env_usage()]);
    }

    #[test]
    fn missing_keys_are_flagged_with_their_optional_flag() {
        let spec = json!({
            "containers": [{
                "name": "app", "image": "app:1",
                "env": [
                    {"name": "A", "valueFrom": {"secretKeyRef": {"name": "db-credentials", "key": "api-key"}}},
                    {"name": "B", "valueFrom": {"secretKeyRef": {"name": "db-credentials", "key": "extra", "optional": true}}},
                    {"name": "C", "valueFrom": {"secretKeyRef": {"name": "db-credentials", "key": "password"}}}
                ]
            }],
            "volumes": [
                {"name": "v", "secret": {"secretName": "db-credentials", "optional": true, "items": [
                    {"key": "api-key", "path": "k"}, {"key": "ca.crt", "path": "ca"}, {"key": "username", "path": "u"}
                ]}}
            ]
        });
        let objects = NamespaceObjects {
            pods: vec![pod("p", None, spec)],
            ..Default::default()
        };
        assert_eq!(
            consumers(&objects)[0].missing_keys,
            [
                // Required by the env var even though the volume is optional.
                MissingKey {
                    key: "api-key".into(),
                    optional: false
                },
                MissingKey {
                    key: "ca.crt".into(),
                    optional: true
                },
                MissingKey {
                    key: "extra".into(),
                    optional: true
                },
            ]
        );
    }

    #[test]
    fn what_updates_without_restart() {
        let mount = |sub_path: Option<&str>| Mount {
            container: "app".into(),
            mount_path: "/etc/x".into(),
            sub_path: sub_path.map(String::from),
        };
        let volume = |mounts: Vec<Mount>| UsageKind::Volume {
            volume: "v".into(),
            mounts,
            keys: None,
            optional: false,
        };
        assert!(!updates_without_restart(&env_usage()));
        assert!(!updates_without_restart(&UsageKind::EnvFrom {
            container: "app".into(),
            prefix: None,
            optional: false
        }));
        assert!(updates_without_restart(&volume(vec![mount(None)])));
        assert!(!updates_without_restart(&volume(vec![
            mount(None),
            mount(Some("password"))
        ])));
        assert!(updates_without_restart(&UsageKind::ImagePullSecret));
        assert!(updates_without_restart(&UsageKind::ServiceAccountSecret));
        assert!(updates_without_restart(
            &UsageKind::ServiceAccountImagePullSecret
        ));
        assert!(updates_without_restart(&UsageKind::IngressTls {
            hosts: vec![]
        }));
    }

    #[test]
    fn a_sub_path_mount_needs_a_restart() {
        let volume_spec = |sub_path: Option<&str>| {
            let mut mount = json!({"name": "creds", "mountPath": "/etc/app/password"});
            if let Some(sub_path) = sub_path {
                mount["subPath"] = json!(sub_path);
            }
            json!({
                "containers": [{"name": "app", "image": "app:1", "volumeMounts": [mount]}],
                "volumes": [{"name": "creds", "secret": {"secretName": "db-credentials"}}]
            })
        };
        let objects = NamespaceObjects {
            deployments: vec![
                deployment("files", 1, volume_spec(None)),
                deployment("one-file", 1, volume_spec(Some("password"))),
                // An empty subPath is no subPath.
                deployment("empty-sub", 1, volume_spec(Some(""))),
            ],
            ..Default::default()
        };
        let found = consumers(&objects);
        let plans: Vec<(&str, AfterRotation)> = found
            .iter()
            .map(|c| (c.owner.name.as_str(), after_rotation(c)))
            .collect();
        assert_eq!(
            plans,
            [
                ("empty-sub", AfterRotation::UpdatesItself),
                ("files", AfterRotation::UpdatesItself),
                ("one-file", AfterRotation::RolloutRestart)
            ]
        );
        let one_file = found.iter().find(|c| c.owner.name == "one-file").unwrap();
        assert_eq!(
            one_file.usages[0].to_string(),
            "volume creds, app at /etc/app/password (subPath password: never updated)"
        );
    }

    #[test]
    fn what_each_owner_needs_after_rotation() {
        let consumer = |kind: OwnerKind, usage: UsageKind| Consumer {
            owner: named(kind, "x"),
            usages: vec![UsageKind::ImagePullSecret, usage],
            missing_keys: vec![],
            reloader: false,
        };
        for (kind, plan) in [
            (OwnerKind::Deployment, AfterRotation::RolloutRestart),
            (OwnerKind::StatefulSet, AfterRotation::RolloutRestart),
            (OwnerKind::DaemonSet, AfterRotation::RolloutRestart),
            (OwnerKind::CronJob, AfterRotation::NextRun),
            (OwnerKind::Job, AfterRotation::RecreatePods),
            (OwnerKind::ReplicaSet, AfterRotation::RecreatePods),
            (OwnerKind::Pod, AfterRotation::RecreatePods),
        ] {
            assert_eq!(after_rotation(&consumer(kind, env_usage())), plan, "{kind}");
            assert_eq!(
                after_rotation(&consumer(kind, UsageKind::ImagePullSecret)),
                AfterRotation::UpdatesItself,
                "{kind}"
            );
        }
    }

    #[test]
    fn a_workload_reloader_watches_needs_no_restart_from_us() {
        let mut watched = deployment("watched", 1, env_spec("db"));
        watched.metadata.annotations = Some(BTreeMap::from([(
            "secret.reloader.stakater.com/reload".to_string(),
            "db".to_string(),
        )]));
        let objects = NamespaceObjects {
            deployments: vec![watched, deployment("plain", 1, env_spec("db"))],
            ..Default::default()
        };
        let found = consumers_of("db", &keys(&["password"]), &objects);
        let plans: Vec<(&str, AfterRotation)> = found
            .iter()
            .map(|c| (c.owner.name.as_str(), after_rotation(c)))
            .collect();
        assert_eq!(
            plans,
            [
                ("plain", AfterRotation::RolloutRestart),
                ("watched", AfterRotation::ReloaderRestarts)
            ]
        );
    }

    #[test]
    fn restart_patch_is_what_kubectl_sends() {
        assert_eq!(
            restart_patch("2024-05-01T12:00:00Z").to_string(),
            r#"{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2024-05-01T12:00:00Z"}}}}}"#
        );
    }

    #[test]
    fn usages_read_as_text() {
        let texts = [
            (env_usage(), "env DB_PASSWORD ← key password, container app"),
            (
                UsageKind::EnvFrom {
                    container: "app".into(),
                    prefix: Some("DB_".into()),
                    optional: true,
                },
                "envFrom, prefix DB_, container app (optional)",
            ),
            (
                UsageKind::ProjectedVolume {
                    volume: "tls".into(),
                    mounts: vec![],
                    keys: Some(keys(&["tls.crt", "tls.key"])),
                    optional: false,
                },
                "projected volume tls (keys tls.crt, tls.key), not mounted",
            ),
            (
                UsageKind::IngressTls {
                    hosts: keys(&["a.example.com"]),
                },
                "TLS for a.example.com",
            ),
        ];
        for (usage, text) in texts {
            assert_eq!(usage.to_string(), text);
        }
    }
}
