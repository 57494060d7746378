//! Requests for the objects that can use a secret (pods, their owners,
//! service accounts, ingresses) and for restarting a workload.

use super::request::{ApiRequest, Method, FIELD_MANAGER};
use super::resource_path::Resource;
use crate::model::usage::consumers::RESTART_PATCH_CONTENT_TYPE;

/// The kinds Keyhole reads to find a secret's consumers, with their API path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkloadResource {
    Pods,
    ReplicaSets,
    Deployments,
    StatefulSets,
    DaemonSets,
    Jobs,
    CronJobs,
    ServiceAccounts,
    Ingresses,
}

impl WorkloadResource {
    pub const ALL: [WorkloadResource; 9] = [
        WorkloadResource::Pods,
        WorkloadResource::ReplicaSets,
        WorkloadResource::Deployments,
        WorkloadResource::StatefulSets,
        WorkloadResource::DaemonSets,
        WorkloadResource::Jobs,
        WorkloadResource::CronJobs,
        WorkloadResource::ServiceAccounts,
        WorkloadResource::Ingresses,
    ];

    /// Where the kind lives in the API.
    pub fn resource(self) -> Resource {
        let (prefix, plural) = match self {
            WorkloadResource::Pods => ("/api/v1", "pods"),
            WorkloadResource::ServiceAccounts => ("/api/v1", "serviceaccounts"),
            WorkloadResource::ReplicaSets => ("/apis/apps/v1", "replicasets"),
            WorkloadResource::Deployments => ("/apis/apps/v1", "deployments"),
            WorkloadResource::StatefulSets => ("/apis/apps/v1", "statefulsets"),
            WorkloadResource::DaemonSets => ("/apis/apps/v1", "daemonsets"),
            WorkloadResource::Jobs => ("/apis/batch/v1", "jobs"),
            WorkloadResource::CronJobs => ("/apis/batch/v1", "cronjobs"),
            WorkloadResource::Ingresses => ("/apis/networking.k8s.io/v1", "ingresses"),
        };
        Resource::namespaced(prefix, plural)
    }
}

/// Lists one kind in a namespace.
pub fn list(resource: WorkloadResource, namespace: &str) -> ApiRequest {
    ApiRequest::get(resource.resource().collection(namespace))
}

/// What `kubectl rollout restart` does: a strategic-merge patch of the pod
/// template's `kubectl.kubernetes.io/restartedAt` annotation.
pub fn restart(
    resource: WorkloadResource,
    namespace: &str,
    name: &str,
    patch: &serde_json::Value,
) -> ApiRequest {
    let path = resource.resource().item(namespace, name);
    let req = ApiRequest::json_write(
        Method::Patch,
        path,
        RESTART_PATCH_CONTENT_TYPE,
        patch.to_string(),
    );
    req.with_query("fieldManager", FIELD_MANAGER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_use_each_kind_s_group() {
        assert_eq!(
            list(WorkloadResource::Pods, "default").path,
            "/api/v1/namespaces/default/pods"
        );
        assert_eq!(
            list(WorkloadResource::CronJobs, "team-a").path,
            "/apis/batch/v1/namespaces/team-a/cronjobs"
        );
        assert_eq!(
            list(WorkloadResource::Ingresses, "x").path,
            "/apis/networking.k8s.io/v1/namespaces/x/ingresses"
        );
    }

    #[test]
    fn restart_is_a_strategic_merge_patch() {
        let req = restart(
            WorkloadResource::Deployments,
            "default",
            "web",
            &serde_json::json!({}),
        );
        assert_eq!(req.method, Method::Patch);
        assert_eq!(req.path, "/apis/apps/v1/namespaces/default/deployments/web");
        assert_eq!(
            req.query,
            [("fieldManager".to_string(), "keyhole".to_string())]
        );
        assert_eq!(
            req.content_type,
            Some("application/strategic-merge-patch+json")
        );
    }
}
