//! The RBAC objects that decide who may touch a secret: the four lists to
//! read, and what their answers make. Anything that could not be read is
//! recorded with why, so the answer can say it is incomplete and not
//! mistake a failure for a permission.

use crate::api::list_reads::items;
use crate::api::rbac::{self, RbacKind};
use crate::api::ApiRequest;
use crate::model::rbac::access::{
    RbacObjects, CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, ROLES, ROLE_BINDINGS,
};
use crate::model::unread_lists::{Unread, UnreadLists};

#[derive(Clone)]
pub struct RbacData {
    pub objects: RbacObjects,
    pub missing: UnreadLists,
}

/// Roles, RoleBindings, ClusterRoles, ClusterRoleBindings, in that order.
pub fn requests(namespace: &str) -> [ApiRequest; 4] {
    [
        RbacKind::Role,
        RbacKind::RoleBinding,
        RbacKind::ClusterRole,
        RbacKind::ClusterRoleBinding,
    ]
    .map(|kind| rbac::list(kind, namespace))
}

/// The answers to [`requests`], in the same order.
pub fn from_answers(answers: [Result<String, Unread>; 4]) -> RbacData {
    let [roles, role_bindings, cluster_roles, cluster_role_bindings] = answers;
    let mut missing = UnreadLists::default();
    let objects = RbacObjects {
        roles: missing.keep(items(roles), ROLES),
        role_bindings: missing.keep(items(role_bindings), ROLE_BINDINGS),
        cluster_roles: missing.keep(items(cluster_roles), CLUSTER_ROLES),
        cluster_role_bindings: missing.keep(items(cluster_role_bindings), CLUSTER_ROLE_BINDINGS),
    };
    RbacData { objects, missing }
}
