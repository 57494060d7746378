//! Reading the RBAC objects that decide who may touch a secret. Anything the
//! user may not list is recorded, so the answer can say it is incomplete.

use crate::api::client;
use crate::api::rbac::{self, RbacKind};
use crate::model::rbac::access::{Completeness, RbacObjects};

#[derive(Clone)]
pub struct RbacData {
    pub objects: RbacObjects,
    pub completeness: Completeness,
}

pub async fn load(namespace: &str) -> RbacData {
    let roles = client::send_list(&rbac::list(RbacKind::Role, namespace))
        .await
        .ok();
    let role_bindings = client::send_list(&rbac::list(RbacKind::RoleBinding, namespace))
        .await
        .ok();
    let cluster_roles = client::send_list(&rbac::list(RbacKind::ClusterRole, namespace))
        .await
        .ok();
    let cluster_role_bindings =
        client::send_list(&rbac::list(RbacKind::ClusterRoleBinding, namespace))
            .await
            .ok();
    RbacData {
        completeness: Completeness {
            roles: roles.is_some(),
            role_bindings: role_bindings.is_some(),
            cluster_roles: cluster_roles.is_some(),
            cluster_role_bindings: cluster_role_bindings.is_some(),
        },
        objects: RbacObjects {
            roles: roles.unwrap_or_default(),
            role_bindings: role_bindings.unwrap_or_default(),
            cluster_roles: cluster_roles.unwrap_or_default(),
            cluster_role_bindings: cluster_role_bindings.unwrap_or_default(),
        },
    }
}
