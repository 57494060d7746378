//! Reading the RBAC objects that decide who may touch a secret, all four
//! lists at once. Anything that could not be read is recorded with why, so
//! the answer can say it is incomplete and not mistake a failure for a
//! permission.

use crate::api::list_reads::read_list;
use crate::api::rbac::{self, RbacKind};
use crate::model::rbac::access::RbacObjects;
use crate::model::unread_lists::UnreadLists;
use web_sys::AbortSignal;

#[derive(Clone)]
pub struct RbacData {
    pub objects: RbacObjects,
    pub missing: UnreadLists,
}

pub async fn load(namespace: &str, signal: Option<&AbortSignal>) -> RbacData {
    let req = |kind| rbac::list(kind, namespace);
    let (roles, role_bindings, cluster_roles, cluster_role_bindings) = futures::join!(
        read_list(req(RbacKind::Role), signal),
        read_list(req(RbacKind::RoleBinding), signal),
        read_list(req(RbacKind::ClusterRole), signal),
        read_list(req(RbacKind::ClusterRoleBinding), signal),
    );
    let mut missing = UnreadLists::default();
    let objects = RbacObjects {
        roles: missing.keep(roles, "Roles"),
        role_bindings: missing.keep(role_bindings, "RoleBindings"),
        cluster_roles: missing.keep(cluster_roles, "ClusterRoles"),
        cluster_role_bindings: missing.keep(cluster_role_bindings, "ClusterRoleBindings"),
    };
    RbacData { objects, missing }
}
