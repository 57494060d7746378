//! Roles and ClusterRoles that grant access to the secret but that no
//! binding gives to anyone, such as the guide's `secret-reader` before
//! someone binds it. [`who_can_access`](super::access::who_can_access) lists
//! subjects, so without this such a Role would not appear at all. It grants
//! nothing today, but one RoleBinding is enough to change that.
//!
//! A fresh cluster has dozens of built-in ClusterRoles that grant secrets
//! and are bound to nobody (`admin`, `edit`, `system:aggregate-to-edit`, …).
//! They are kept apart as [`UnboundRoles::folded`] so that they don't hide
//! the namespace's own Roles.

use super::access::{
    normalized_subject, Grant, RbacObjects, CLUSTER_ROLE_BINDINGS, ROLE_BINDINGS, SECRET_VERBS,
};
use super::objects::ClusterRole;
use crate::model::read_meta::Meta;
use crate::model::unread_lists::UnreadLists;
use k8s_openapi::api::rbac::v1::{PolicyRule, Subject};
use std::collections::BTreeSet;

/// The label the apiserver puts on the ClusterRoles it creates at start-up.
const BOOTSTRAP_LABEL: (&str, &str) = ("kubernetes.io/bootstrapping", "rbac-defaults");

/// Label keys by which a ClusterRole adds its rules to `admin`, `edit`, …
const AGGREGATE_TO_PREFIX: &str = "rbac.authorization.k8s.io/aggregate-to-";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleKind {
    Role,
    ClusterRole,
}

impl RoleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RoleKind::Role => "Role",
            RoleKind::ClusterRole => "ClusterRole",
        }
    }
}

/// One role that would grant access to the secret if someone bound it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnboundRole {
    pub kind: RoleKind,
    pub name: String,
    /// Out of [`SECRET_VERBS`], in that order.
    pub verbs: Vec<String>,
    /// Whether it lets a plain list or watch through, so a binding to it
    /// would reveal every secret of the namespace.
    pub broad: bool,
}

impl UnboundRole {
    /// `Role secret-reader`.
    pub fn title(&self) -> String {
        format!("{} {}", self.kind.as_str(), self.name)
    }

    /// `Role secret-reader grants get — bound to nobody`. A ClusterRole may
    /// be bound in other namespaces, whose RoleBindings are not read here:
    /// it is bound to nobody *in* `namespace`.
    pub fn sentence(&self, namespace: &str) -> String {
        let nobody = match self.kind {
            RoleKind::Role => "bound to nobody".to_string(),
            RoleKind::ClusterRole => format!("bound to nobody in {namespace}"),
        };
        format!(
            "{} grants {} — {nobody}",
            self.title(),
            self.verbs.join(", ")
        )
    }
}

/// The answer: what to show in full, and what to fold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnboundRoles {
    /// The namespace's Roles, then ClusterRoles someone made, each by name.
    pub shown: Vec<UnboundRole>,
    /// Built-in ClusterRoles (`system:…`, the apiserver's defaults such as
    /// `admin` and `edit`) and those that only aggregate into others.
    pub folded: Vec<UnboundRole>,
}

impl UnboundRoles {
    pub fn is_empty(&self) -> bool {
        self.shown.is_empty() && self.folded.is_empty()
    }

    /// The line that stands for [`UnboundRoles::folded`] when it is closed.
    pub fn folded_summary(&self, namespace: &str) -> Option<String> {
        let (count, roles) = match self.folded.len() {
            0 => return None,
            1 => (1, "ClusterRole grants"),
            n => (n, "ClusterRoles grant"),
        };
        Some(format!(
            "{count} built-in or aggregated {roles} access and {} bound to nobody in {namespace}",
            if count == 1 { "is" } else { "are" }
        ))
    }
}

/// The roles that grant some verb on `secret` in `namespace` through RBAC
/// and that no binding in effect there gives to anyone: a Role of the
/// namespace no RoleBinding of it uses, a ClusterRole neither a
/// ClusterRoleBinding nor a RoleBinding of the namespace uses. A binding
/// whose subjects all match nobody (none at all, or a ServiceAccount without
/// a namespace) binds nobody.
///
/// Where the bindings could not be read, nothing is said: a role is not
/// called unbound on the strength of a list that is missing.
pub fn unbound_roles(
    namespace: &str,
    secret: &str,
    objects: &RbacObjects,
    missing: &UnreadLists,
) -> UnboundRoles {
    let mut answer = UnboundRoles::default();
    if missing.contains(ROLE_BINDINGS) {
        return answer;
    }
    let bound_here = |kind: &str, name: &str| {
        objects.role_bindings.iter().any(|b| {
            b.metadata.namespace.as_deref() == Some(namespace)
                && b.role_ref.kind == kind
                && b.role_ref.name == name
                && binds_someone(b.subjects.as_deref(), Some(namespace))
        })
    };

    for role in &objects.roles {
        if role.metadata.namespace.as_deref() != Some(namespace) {
            continue;
        }
        let Some(name) = role.metadata.name.as_deref() else {
            continue;
        };
        if bound_here("Role", name) {
            continue;
        }
        if let Some(unbound) = granting(
            RoleKind::Role,
            name,
            role.rules.as_deref().unwrap_or_default(),
            secret,
        ) {
            answer.shown.push(unbound);
        }
    }

    if !missing.contains(CLUSTER_ROLE_BINDINGS) {
        for role in &objects.cluster_roles {
            let Some(name) = role.metadata.name.as_deref() else {
                continue;
            };
            let bound_cluster_wide = objects.cluster_role_bindings.iter().any(|b| {
                b.role_ref.kind == "ClusterRole"
                    && b.role_ref.name == name
                    && binds_someone(b.subjects.as_deref(), None)
            });
            if bound_cluster_wide || bound_here("ClusterRole", name) {
                continue;
            }
            let Some(unbound) = granting(
                RoleKind::ClusterRole,
                name,
                role.rules.as_deref().unwrap_or_default(),
                secret,
            ) else {
                continue;
            };
            if is_built_in_or_aggregated(role) {
                answer.folded.push(unbound);
            } else {
                answer.shown.push(unbound);
            }
        }
    }

    let order = |r: &UnboundRole| (r.kind != RoleKind::Role, r.name.clone());
    answer.shown.sort_by_key(order);
    answer.folded.sort_by_key(order);
    answer
}

fn binds_someone(subjects: Option<&[Subject]>, namespace: Option<&str>) -> bool {
    subjects
        .unwrap_or_default()
        .iter()
        .any(|s| normalized_subject(s, namespace).is_some())
}

fn granting(kind: RoleKind, name: &str, rules: &[PolicyRule], secret: &str) -> Option<UnboundRole> {
    let grant = Grant::of(rules, secret);
    if grant.verbs.is_empty() {
        return None;
    }
    Some(UnboundRole {
        kind,
        name: name.to_string(),
        verbs: in_verb_order(&grant.verbs),
        broad: grant.broad,
    })
}

fn in_verb_order(verbs: &BTreeSet<String>) -> Vec<String> {
    SECRET_VERBS
        .iter()
        .filter(|v| verbs.contains(**v))
        .map(|v| v.to_string())
        .collect()
}

/// Made by the apiserver at start-up (`system:` names, the bootstrapping
/// label on `admin`, `edit`, `cluster-admin`, …), filled by aggregation, or
/// made only to aggregate into another ClusterRole.
fn is_built_in_or_aggregated(role: &ClusterRole) -> bool {
    let Meta { name, labels, .. } = &role.metadata;
    let labels = labels.iter().flatten();
    name.as_deref().is_some_and(|n| n.starts_with("system:"))
        || role.aggregation_rule.is_some()
        || labels
            .clone()
            .any(|(k, v)| (k.as_str(), v.as_str()) == BOOTSTRAP_LABEL)
        || labels
            .clone()
            .any(|(k, _)| k.starts_with(AGGREGATE_TO_PREFIX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rbac::access::RBAC_API_GROUP;
    use crate::model::rbac::objects::{ClusterRoleBinding, Role, RoleBinding};
    use crate::model::unread_lists::Unread;
    use serde::de::DeserializeOwned;
    use serde_json::{json, Value};

    fn from<T: DeserializeOwned>(value: Value) -> T {
        serde_json::from_value(value).expect("a valid object")
    }

    const GET_DB: &str = "db-credentials";

    fn role(namespace: &str, name: &str, resource_names: Value, verbs: Value) -> Role {
        from(json!({
            "metadata": {"name": name, "namespace": namespace},
            "rules": [{"apiGroups": [""], "resources": ["secrets"], "resourceNames": resource_names, "verbs": verbs}],
        }))
    }

    fn guide_role() -> Role {
        role("default", "secret-reader", json!([GET_DB]), json!(["get"]))
    }

    fn cluster_role(metadata: Value, verbs: Value) -> ClusterRole {
        from(json!({
            "metadata": metadata,
            "rules": [{"apiGroups": [""], "resources": ["secrets"], "verbs": verbs}],
        }))
    }

    fn role_binding(namespace: &str, role_ref: (&str, &str), subjects: Value) -> RoleBinding {
        from(json!({
            "metadata": {"name": "b", "namespace": namespace},
            "roleRef": {"apiGroup": RBAC_API_GROUP, "kind": role_ref.0, "name": role_ref.1},
            "subjects": subjects,
        }))
    }

    fn cluster_role_binding(role: &str, subjects: Value) -> ClusterRoleBinding {
        from(json!({
            "metadata": {"name": "b"},
            "roleRef": {"apiGroup": RBAC_API_GROUP, "kind": "ClusterRole", "name": role},
            "subjects": subjects,
        }))
    }

    fn alice() -> Value {
        json!([{"kind": "User", "apiGroup": RBAC_API_GROUP, "name": "alice"}])
    }

    fn unbound(objects: &RbacObjects) -> UnboundRoles {
        unbound_roles("default", GET_DB, objects, &UnreadLists::default())
    }

    fn titles(roles: &[UnboundRole]) -> Vec<String> {
        roles.iter().map(UnboundRole::title).collect()
    }

    #[test]
    fn the_guides_role_before_anyone_binds_it() {
        let objects = RbacObjects {
            roles: vec![guide_role()],
            ..Default::default()
        };
        let answer = unbound(&objects);
        assert_eq!(
            answer.shown,
            [UnboundRole {
                kind: RoleKind::Role,
                name: "secret-reader".into(),
                verbs: vec!["get".into()],
                broad: false,
            }]
        );
        assert_eq!(
            answer.shown[0].sentence("default"),
            "Role secret-reader grants get — bound to nobody"
        );
        assert!(answer.folded.is_empty());
    }

    #[test]
    fn resource_names_decide_which_secret_the_role_is_about() {
        let objects = RbacObjects {
            roles: vec![
                guide_role(),
                role(
                    "default",
                    "tls-reader",
                    json!(["tls-cert"]),
                    json!(["get", "watch"]),
                ),
                role("default", "any-lister", json!([]), json!(["list", "get"])),
                // Another namespace's Role never grants anything here.
                role("other", "secret-reader", json!([GET_DB]), json!(["get"])),
            ],
            ..Default::default()
        };
        let answer = unbound(&objects);
        assert_eq!(
            titles(&answer.shown),
            ["Role any-lister", "Role secret-reader"]
        );
        assert_eq!(answer.shown[0].verbs, ["get", "list"]);
        assert!(answer.shown[0].broad);

        let tls = unbound_roles("default", "tls-cert", &objects, &UnreadLists::default());
        assert_eq!(titles(&tls.shown), ["Role any-lister", "Role tls-reader"]);
        assert_eq!(tls.shown[1].verbs, ["get", "watch"]);
    }

    #[test]
    fn a_role_bound_by_a_role_binding_is_not_unbound() {
        let mut objects = RbacObjects {
            roles: vec![guide_role()],
            role_bindings: vec![role_binding("default", ("Role", "secret-reader"), alice())],
            ..Default::default()
        };
        assert!(unbound(&objects).is_empty());

        // A binding in another namespace does not bind this Role.
        objects.role_bindings[0].metadata.namespace = Some("other".into());
        assert_eq!(titles(&unbound(&objects).shown), ["Role secret-reader"]);

        // Nor does a binding whose subjects match nobody.
        objects.role_bindings = vec![
            role_binding("default", ("Role", "secret-reader"), json!([])),
            role_binding(
                "default",
                ("Role", "secret-reader"),
                json!([{"kind": "Robot", "name": "r2"}]),
            ),
        ];
        assert_eq!(titles(&unbound(&objects).shown), ["Role secret-reader"]);
    }

    #[test]
    fn a_cluster_role_bound_by_nobody_is_shown() {
        let objects = RbacObjects {
            cluster_roles: vec![
                cluster_role(
                    json!({"name": "secret-viewer"}),
                    json!(["get", "list", "watch"]),
                ),
                cluster_role(json!({"name": "configmap-only"}), json!([])),
            ],
            ..Default::default()
        };
        let answer = unbound(&objects);
        assert_eq!(titles(&answer.shown), ["ClusterRole secret-viewer"]);
        assert_eq!(
            answer.shown[0].sentence("default"),
            "ClusterRole secret-viewer grants get, list, watch — bound to nobody in default"
        );
    }

    #[test]
    fn a_cluster_role_used_here_or_cluster_wide_is_not_unbound() {
        let viewer = cluster_role(json!({"name": "secret-viewer"}), json!(["get"]));
        let in_namespace = RbacObjects {
            cluster_roles: vec![viewer.clone()],
            role_bindings: vec![role_binding(
                "default",
                ("ClusterRole", "secret-viewer"),
                alice(),
            )],
            ..Default::default()
        };
        assert!(unbound(&in_namespace).is_empty());

        let cluster_wide = RbacObjects {
            cluster_roles: vec![viewer.clone()],
            cluster_role_bindings: vec![cluster_role_binding("secret-viewer", alice())],
            ..Default::default()
        };
        assert!(unbound(&cluster_wide).is_empty());

        // Bound in another namespace only: nobody has it here.
        let elsewhere = RbacObjects {
            cluster_roles: vec![viewer],
            role_bindings: vec![role_binding(
                "other",
                ("ClusterRole", "secret-viewer"),
                alice(),
            )],
            ..Default::default()
        };
        assert_eq!(
            titles(&unbound(&elsewhere).shown),
            ["ClusterRole secret-viewer"]
        );
    }

    #[test]
    fn built_in_and_aggregated_cluster_roles_are_folded() {
        let mut admin = cluster_role(
            json!({"name": "admin", "labels": {"kubernetes.io/bootstrapping": "rbac-defaults"}}),
            json!(["*"]),
        );
        admin.aggregation_rule = Some(from(json!({
            "clusterRoleSelectors": [{"matchLabels": {"rbac.authorization.k8s.io/aggregate-to-admin": "true"}}]
        })));
        let objects = RbacObjects {
            roles: vec![guide_role()],
            cluster_roles: vec![
                admin,
                cluster_role(
                    json!({"name": "edit", "labels": {"kubernetes.io/bootstrapping": "rbac-defaults"}}),
                    json!(["get", "update"]),
                ),
                cluster_role(json!({"name": "system:aggregate-to-edit"}), json!(["get"])),
                cluster_role(json!({"name": "system:node"}), json!(["get"])),
                cluster_role(
                    json!({"name": "vault-edit", "labels": {"rbac.authorization.k8s.io/aggregate-to-edit": "true"}}),
                    json!(["get"]),
                ),
                cluster_role(json!({"name": "team-secrets"}), json!(["get"])),
            ],
            // `system:node`'s own binding has no subjects since Kubernetes 1.8.
            cluster_role_bindings: vec![cluster_role_binding("system:node", json!(null))],
            ..Default::default()
        };
        let answer = unbound(&objects);
        assert_eq!(
            titles(&answer.shown),
            ["Role secret-reader", "ClusterRole team-secrets"]
        );
        assert_eq!(
            titles(&answer.folded),
            [
                "ClusterRole admin",
                "ClusterRole edit",
                "ClusterRole system:aggregate-to-edit",
                "ClusterRole system:node",
                "ClusterRole vault-edit",
            ]
        );
        assert_eq!(answer.folded[0].verbs, SECRET_VERBS);
        assert_eq!(
            answer.folded_summary("default").as_deref(),
            Some("5 built-in or aggregated ClusterRoles grant access and are bound to nobody in default")
        );
        let one = UnboundRoles {
            folded: answer.folded[..1].to_vec(),
            ..Default::default()
        };
        assert_eq!(
            one.folded_summary("team-a").as_deref(),
            Some("1 built-in or aggregated ClusterRole grants access and is bound to nobody in team-a")
        );
        assert_eq!(UnboundRoles::default().folded_summary("default"), None);
    }

    #[test]
    fn nothing_is_called_unbound_when_bindings_could_not_be_read() {
        let objects = RbacObjects {
            roles: vec![guide_role()],
            cluster_roles: vec![cluster_role(
                json!({"name": "secret-viewer"}),
                json!(["get"]),
            )],
            ..Default::default()
        };
        let mut no_crbs = UnreadLists::default();
        no_crbs.push(CLUSTER_ROLE_BINDINGS, Unread::Forbidden);
        let answer = unbound_roles("default", GET_DB, &objects, &no_crbs);
        assert_eq!(titles(&answer.shown), ["Role secret-reader"]);

        let mut no_rbs = UnreadLists::default();
        no_rbs.push(
            ROLE_BINDINGS,
            Unread::Failed("kubectl proxy is not running".into()),
        );
        assert!(unbound_roles("default", GET_DB, &objects, &no_rbs).is_empty());
    }
}
