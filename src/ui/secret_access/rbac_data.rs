//! Reading the RBAC objects that decide who may touch a secret. Anything the
//! user may not list is recorded, so the answer can say it is incomplete.

use crate::api::client;
use crate::api::rbac::{self, RbacKind};
use crate::model::rbac_access::{Completeness, RbacObjects};
use k8s_openapi::List;
use serde::de::DeserializeOwned;

#[derive(Clone)]
pub struct RbacData {
    pub objects: RbacObjects,
    pub completeness: Completeness,
}

async fn read<T>(kind: RbacKind, namespace: &str) -> Option<Vec<T>>
where
    T: DeserializeOwned + k8s_openapi::ListableResource,
{
    client::send_json::<List<T>>(&rbac::list(kind, namespace))
        .await
        .ok()
        .map(|l| l.items)
}

pub async fn load(namespace: &str) -> RbacData {
    let roles = read(RbacKind::Role, namespace).await;
    let role_bindings = read(RbacKind::RoleBinding, namespace).await;
    let cluster_roles = read(RbacKind::ClusterRole, namespace).await;
    let cluster_role_bindings = read(RbacKind::ClusterRoleBinding, namespace).await;
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
