//! Requests for Roles and RoleBindings (and reading the cluster-wide ones),
//! for granting access to one secret and for answering who can read it.

use super::request::{ApiRequest, Method, WriteParams};
use super::resource_path::Resource;
use super::ApiError;
use serde::Serialize;

const RBAC: &str = "/apis/rbac.authorization.k8s.io/v1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RbacKind {
    Role,
    RoleBinding,
    ClusterRole,
    ClusterRoleBinding,
}

impl RbacKind {
    pub fn plural(self) -> &'static str {
        match self {
            RbacKind::Role => "roles",
            RbacKind::RoleBinding => "rolebindings",
            RbacKind::ClusterRole => "clusterroles",
            RbacKind::ClusterRoleBinding => "clusterrolebindings",
        }
    }

    fn resource(self) -> Resource {
        match self {
            RbacKind::Role | RbacKind::RoleBinding => Resource::namespaced(RBAC, self.plural()),
            RbacKind::ClusterRole | RbacKind::ClusterRoleBinding => {
                Resource::cluster(RBAC, self.plural())
            }
        }
    }
}

/// Lists one kind (namespaced kinds in `namespace`; cluster kinds ignore it).
pub fn list(kind: RbacKind, namespace: &str) -> ApiRequest {
    ApiRequest::get(kind.resource().collection(namespace))
}

pub fn get(kind: RbacKind, namespace: &str, name: &str) -> ApiRequest {
    ApiRequest::get(kind.resource().item(namespace, name))
}

pub fn create(
    kind: RbacKind,
    namespace: &str,
    object: &impl Serialize,
    params: WriteParams,
) -> Result<ApiRequest, ApiError> {
    let path = kind.resource().collection(namespace);
    ApiRequest::object_write(Method::Post, path, object, params)
}

/// Replaces an object; it carries the resourceVersion it was based on.
pub fn replace(
    kind: RbacKind,
    namespace: &str,
    name: &str,
    object: &impl Serialize,
    params: WriteParams,
) -> Result<ApiRequest, ApiError> {
    let path = kind.resource().item(namespace, name);
    ApiRequest::object_write(Method::Put, path, object, params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaced_and_cluster_paths() {
        assert_eq!(
            list(RbacKind::Role, "default").path,
            "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles"
        );
        assert_eq!(
            list(RbacKind::ClusterRoleBinding, "ignored").path,
            "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings"
        );
        assert_eq!(
            get(RbacKind::RoleBinding, "a", "b").path,
            "/apis/rbac.authorization.k8s.io/v1/namespaces/a/rolebindings/b"
        );
    }

    #[test]
    fn writes_can_be_dry_runs() {
        let role = serde_json::json!({"kind": "Role"});
        let req = create(RbacKind::Role, "default", &role, WriteParams::DRY_RUN).unwrap();
        assert_eq!(req.method, Method::Post);
        assert_eq!(
            req.url(),
            "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles?fieldManager=keyhole&dryRun=All"
        );
        let req = replace(RbacKind::Role, "default", "r", &role, WriteParams::SAVE).unwrap();
        assert_eq!(req.method, Method::Put);
        assert_eq!(
            req.url(),
            "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles/r?fieldManager=keyhole"
        );
    }
}
