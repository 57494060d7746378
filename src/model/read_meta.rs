//! The `metadata` Keyhole reads from objects it only analyses (workloads,
//! RBAC objects, namespaces): who the object is, its labels and annotations,
//! and which controller owns it. One purpose-made struct instead of
//! `k8s-openapi`'s `ObjectMeta` (which also carries managed fields and
//! timestamps), so these reads bring one small deserializer into the bundle.
//! Secrets, which Keyhole writes, keep `ObjectMeta`.

use serde::Deserialize;
use std::collections::BTreeMap;

/// The part of `metadata` the analyses use. Field names and optionality as
/// in the API (and `ObjectMeta`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Meta {
    pub name: Option<String>,
    pub namespace: Option<String>,
    pub labels: Option<BTreeMap<String, String>>,
    pub annotations: Option<BTreeMap<String, String>>,
    pub owner_references: Option<Vec<OwnerReference>>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct OwnerReference {
    pub api_version: String,
    pub kind: String,
    pub name: String,
    pub controller: Option<bool>,
}
