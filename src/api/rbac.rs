//! Requests for Roles and RoleBindings (and reading the cluster-wide ones),
//! for granting access to one secret and for answering who can read it.

use super::request::{ApiRequest, Method, JSON};
use crate::model::page::url_encoding::encode_component;

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

    fn collection(self, namespace: &str) -> String {
        match self {
            RbacKind::Role | RbacKind::RoleBinding => format!(
                "{RBAC}/namespaces/{}/{}",
                encode_component(namespace),
                self.plural()
            ),
            RbacKind::ClusterRole | RbacKind::ClusterRoleBinding => {
                format!("{RBAC}/{}", self.plural())
            }
        }
    }
}

/// Lists one kind (namespaced kinds in `namespace`; cluster kinds ignore it).
pub fn list(kind: RbacKind, namespace: &str) -> ApiRequest {
    ApiRequest::get(kind.collection(namespace))
}

pub fn get(kind: RbacKind, namespace: &str, name: &str) -> ApiRequest {
    ApiRequest::get(format!(
        "{}/{}",
        kind.collection(namespace),
        encode_component(name)
    ))
}

pub fn create(kind: RbacKind, namespace: &str, body: String, dry_run: bool) -> ApiRequest {
    ApiRequest::json_write(Method::Post, kind.collection(namespace), JSON, body).dry_run_if(dry_run)
}

/// Replaces an object; the body carries the resourceVersion it was based on.
pub fn replace(
    kind: RbacKind,
    namespace: &str,
    name: &str,
    body: String,
    dry_run: bool,
) -> ApiRequest {
    let path = format!("{}/{}", kind.collection(namespace), encode_component(name));
    ApiRequest::json_write(Method::Put, path, JSON, body).dry_run_if(dry_run)
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
        let req = create(RbacKind::Role, "default", "{}".into(), true);
        assert_eq!(req.method, Method::Post);
        assert_eq!(
            req.url(),
            "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles?dryRun=All"
        );
        let req = replace(RbacKind::Role, "default", "r", "{}".into(), false);
        assert_eq!(req.method, Method::Put);
        assert_eq!(
            req.url(),
            "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles/r"
        );
    }
}
