//! The RBAC objects "who can access this secret" lists, as purpose-made
//! structs: the analysis only reads them, so they need no `k8s-openapi`
//! ClusterRole or ClusterRoleBinding (with aggregation rules and label
//! selectors) in the bundle. Rules, role references and subjects keep
//! `k8s-openapi`'s types: the grant, which reads an existing Role and
//! RoleBinding to update them, has their deserializers in the bundle anyway.

use crate::model::read_meta::Meta;
use k8s_openapi::api::rbac::v1::{PolicyRule, RoleRef, Subject};
use serde::Deserialize;

/// A Role, or a ClusterRole (which may also have an aggregation rule).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Role {
    pub metadata: Meta,
    pub rules: Option<Vec<PolicyRule>>,
    /// Only whether it is there matters: an aggregated ClusterRole's rules
    /// are filled in by its controller.
    pub aggregation_rule: Option<serde_json::Value>,
}

/// A RoleBinding, or a ClusterRoleBinding.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct RoleBinding {
    pub metadata: Meta,
    pub role_ref: RoleRef,
    pub subjects: Option<Vec<Subject>>,
}

/// Same fields as a Role; the lists are kept apart by where they came from.
pub type ClusterRole = Role;

/// Same fields as a RoleBinding (a ClusterRoleBinding has no namespace).
pub type ClusterRoleBinding = RoleBinding;

#[cfg(test)]
mod tests {
    use crate::model::rbac::access::{who_can_access, RbacObjects};
    use crate::model::rbac::unbound::unbound_roles;
    use crate::model::test_fixtures::apiserver::{self, read_faithfully};
    use crate::model::unread_lists::UnreadLists;

    fn captured() -> RbacObjects {
        RbacObjects {
            roles: read_faithfully(apiserver::ROLES),
            role_bindings: read_faithfully(apiserver::ROLE_BINDINGS),
            cluster_roles: read_faithfully(apiserver::CLUSTER_ROLES),
            cluster_role_bindings: read_faithfully(apiserver::CLUSTER_ROLE_BINDINGS),
        }
    }

    #[test]
    fn real_rbac_objects_answer_who_can_access() {
        let access = who_can_access("usage-fixture", "fixture-db", &captured());
        let seen: Vec<(String, String, Vec<String>)> = access
            .iter()
            .map(|a| {
                let who = match &a.subject.namespace {
                    Some(ns) => format!("{ns}/{}", a.subject.name),
                    None => a.subject.name.clone(),
                };
                (
                    a.subject.kind.clone(),
                    who,
                    a.verbs.iter().cloned().collect(),
                )
            })
            .collect();
        let get_watch = vec!["get".to_string(), "watch".into()];
        // The namespace's own binding first: a User, a Group and the
        // ServiceAccount it names without a namespace.
        assert_eq!(
            seen[0],
            ("Group".into(), "fixture-team".into(), get_watch.clone())
        );
        assert_eq!(
            seen[1],
            (
                "ServiceAccount".into(),
                "usage-fixture/builder".into(),
                get_watch.clone()
            )
        );
        assert_eq!(seen[2], ("User".into(), "fixture-alice".into(), get_watch));
        // Then the aggregated ClusterRole, with the rules its controller
        // filled in: `list` on every secret, for a ServiceAccount and a User
        // that is one.
        let auditors: Vec<_> = access
            .iter()
            .filter(|a| a.via.iter().any(|v| v.contains("fixture-auditors")))
            .map(|a| (a.subject.name.as_str(), a.broad))
            .collect();
        assert_eq!(auditors, [("auditor", true), ("fixture-robot", true)]);
        // And cluster-admin's real binding.
        assert!(access.iter().any(|a| a.subject.name == "system:masters"
            && a.via
                .iter()
                .any(|v| v.contains("ClusterRoleBinding cluster-admin"))));
    }

    #[test]
    fn real_built_in_roles_are_folded_away() {
        let roles = unbound_roles(
            "usage-fixture",
            "fixture-db",
            &captured(),
            &UnreadLists::default(),
        );
        let folded: Vec<&str> = roles.folded.iter().map(|r| r.name.as_str()).collect();
        // admin and edit are bootstrap roles and aggregated; the bound
        // fixture roles are not "unbound".
        assert!(
            folded.contains(&"admin") && folded.contains(&"edit"),
            "{folded:?}"
        );
        assert!(roles.shown.is_empty(), "{:?}", roles.shown);
    }
}
