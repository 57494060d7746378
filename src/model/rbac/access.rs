//! "Who can access this secret?", answered from the RBAC objects the user
//! could list, the way the apiserver's RBAC authorizer decides
//! (`plugin/pkg/auth/authorizer/rbac`: `RuleAllows`, `appliesToUser`,
//! `GetRoleReferenceRules`). Names only: no secret value comes here.
//!
//! RBAC is not the whole story, and the screen should say so: other
//! authorizers (Node, webhooks) are invisible from here, a subject allowed
//! to `impersonate` can act as anyone, and anyone who can create pods in the
//! namespace can mount the secret (see `rbac::grant::PODS_CAN_READ_SECRETS`).

use crate::model::unread_lists::{sentence_case, UnreadLists};
use std::collections::{BTreeMap, BTreeSet};

use super::objects::{ClusterRole, ClusterRoleBinding, Role, RoleBinding};
use k8s_openapi::api::rbac::v1::{PolicyRule, Subject};

/// The API group of Roles, bindings and of User and Group subjects.
pub const RBAC_API_GROUP: &str = "rbac.authorization.k8s.io";

/// The verbs that read or change one existing secret, in the order they
/// are shown. `create` and `deletecollection` are left out: neither names
/// the secret, and neither reveals a value.
pub const SECRET_VERBS: [&str; 6] = ["get", "list", "watch", "update", "patch", "delete"];

/// The group the apiserver lets through before RBAC is asked: its members
/// can do everything, whatever the bindings say.
pub const SUPERUSER_GROUP: &str = "system:masters";

const SUPERUSER_VIA: &str = "group system:masters (superuser, bypasses RBAC)";

/// Prefix of a service account's user name, `system:serviceaccount:<ns>:<name>`.
const SERVICE_ACCOUNT_USER_PREFIX: &str = "system:serviceaccount:";

/// The names the four lists go by in [`UnreadLists`].
pub const ROLES: &str = "Roles";
pub const ROLE_BINDINGS: &str = "RoleBindings";
pub const CLUSTER_ROLES: &str = "ClusterRoles";
pub const CLUSTER_ROLE_BINDINGS: &str = "ClusterRoleBindings";

/// What was listed. A list that could not be read stays empty, and the
/// [`UnreadLists`] beside it say so.
#[derive(Debug, Clone, Default)]
pub struct RbacObjects {
    pub roles: Vec<Role>,
    pub role_bindings: Vec<RoleBinding>,
    pub cluster_roles: Vec<ClusterRole>,
    pub cluster_role_bindings: Vec<ClusterRoleBinding>,
}

/// One subject's access to the secret.
#[derive(Debug, Clone, PartialEq)]
pub struct Access {
    /// As [`normalized_subject`] spells it: User and Group with the RBAC API
    /// group, a ServiceAccount with its namespace and no API group.
    pub subject: Subject,
    /// Out of [`SECRET_VERBS`].
    pub verbs: BTreeSet<String>,
    /// Whether the subject may list or watch *every* secret (a rule without
    /// `resourceNames`), which reveals all values of the namespace.
    pub broad: bool,
    /// How, one line per binding, e.g.
    /// `RoleBinding default/alice-reads → Role secret-reader`.
    pub via: Vec<String>,
    /// Whether a RoleBinding of the secret's namespace grants it. Those are
    /// the grants made for this namespace, and they come first; the rest
    /// reach it through ClusterRoleBindings (controllers, cluster admins).
    pub in_namespace: bool,
}

/// Whether `rule` lets a request with `verb` reach `secret`, as the RBAC
/// authorizer's `RuleAllows` decides for a resource request.
///
/// The request's name is the secret's for every verb that names it. For
/// `list` and `watch` that is the request with
/// `fieldSelector=metadata.name=<secret>`: the apiserver takes the name from
/// such a selector, so a rule with `resourceNames: [secret]` allows it. A
/// plain list has no name and needs a rule without `resourceNames`; such a
/// rule matches here too, since it allows any name. `create` and
/// `deletecollection` never carry a name, so `resourceNames` never matches them.
///
/// Rules for `nonResourceURLs` have no `resources` and so never match.
pub fn rule_allows(rule: &PolicyRule, verb: &str, secret: &str) -> bool {
    let name = match verb {
        "create" | "deletecollection" => "",
        _ => secret,
    };
    matches(rule, verb, name)
}

fn matches(rule: &PolicyRule, verb: &str, name: &str) -> bool {
    let names = rule.resource_names.as_deref().unwrap_or_default();
    has_or_wildcard(&rule.verbs, verb)
        && has_or_wildcard(rule.api_groups.as_deref().unwrap_or_default(), "")
        // `*/status`-style entries match subresources only; secrets have none.
        && has_or_wildcard(rule.resources.as_deref().unwrap_or_default(), "secrets")
        && (names.is_empty() || names.iter().any(|n| n == name))
}

fn has_or_wildcard(list: &[String], wanted: &str) -> bool {
    list.iter().any(|v| v == "*" || v == wanted)
}

/// Whether `rule` lets a plain list or watch (no name) through: every secret
/// the rule's binding covers is then readable.
fn lists_every_secret(rule: &PolicyRule) -> bool {
    matches(rule, "list", "") || matches(rule, "watch", "")
}

/// The identity a binding's subject stands for, spelled one way so the same
/// subject from two bindings merges. `binding_namespace` is the RoleBinding's
/// namespace (`None` for a ClusterRoleBinding): a ServiceAccount without a
/// namespace belongs to it. A User named `system:serviceaccount:<ns>:<name>`
/// is that ServiceAccount. `None` when the subject can match nobody: an
/// unknown kind, or a ServiceAccount with no namespace to fall back on.
pub fn normalized_subject(subject: &Subject, binding_namespace: Option<&str>) -> Option<Subject> {
    match subject.kind.as_str() {
        "User" => Some(
            service_account_of_user(&subject.name)
                .map(|(ns, name)| service_account(ns, name))
                .unwrap_or_else(|| rbac_subject("User", &subject.name)),
        ),
        "Group" => Some(rbac_subject("Group", &subject.name)),
        "ServiceAccount" => {
            let ns = subject
                .namespace
                .as_deref()
                .filter(|ns| !ns.is_empty())
                .or(binding_namespace)
                .filter(|ns| !ns.is_empty())?;
            Some(service_account(ns, &subject.name))
        }
        _ => None,
    }
}

fn service_account_of_user(user: &str) -> Option<(&str, &str)> {
    let (ns, name) = user
        .strip_prefix(SERVICE_ACCOUNT_USER_PREFIX)?
        .split_once(':')?;
    (!ns.is_empty() && !name.is_empty() && !name.contains(':')).then_some((ns, name))
}

fn rbac_subject(kind: &str, name: &str) -> Subject {
    Subject {
        api_group: Some(RBAC_API_GROUP.into()),
        kind: kind.into(),
        name: name.into(),
        namespace: None,
    }
}

fn service_account(namespace: &str, name: &str) -> Subject {
    Subject {
        api_group: None,
        kind: "ServiceAccount".into(),
        name: name.into(),
        namespace: Some(namespace.into()),
    }
}

/// What a set of rules grants on the secret.
#[derive(Default)]
pub(super) struct Grant {
    pub(super) verbs: BTreeSet<String>,
    pub(super) broad: bool,
}

impl Grant {
    pub(super) fn of(rules: &[PolicyRule], secret: &str) -> Grant {
        let mut grant = Grant::default();
        for rule in rules {
            for verb in SECRET_VERBS {
                if rule_allows(rule, verb, secret) {
                    grant.verbs.insert(verb.into());
                }
            }
            grant.broad |= lists_every_secret(rule);
        }
        grant
    }

    fn everything() -> Grant {
        Grant {
            verbs: SECRET_VERBS.iter().map(|v| v.to_string()).collect(),
            broad: true,
        }
    }
}

/// Everyone who may get, list, watch, update, patch or delete `secret` in
/// `namespace` through RBAC, plus the `system:masters` group, which bypasses
/// RBAC and is always there. Subjects a RoleBinding of `namespace` grants
/// come first, then those only ClusterRoleBindings reach; within each,
/// sorted by subject kind (Group, ServiceAccount, User), then namespace,
/// then name.
///
/// Groups are reported as groups, never expanded: `system:authenticated`
/// (every signed-in user and service account), `system:serviceaccounts` and
/// `system:serviceaccounts:<ns>` are how many grants reach service accounts
/// — see [`group_meaning`]. A ClusterRole with an `aggregationRule` is taken
/// with the `rules` its controller filled in.
pub fn who_can_access(namespace: &str, secret: &str, objects: &RbacObjects) -> Vec<Access> {
    let mut found: BTreeMap<(String, String, String), Access> = BTreeMap::new();
    let mut add = |subject: Subject, grant: &Grant, via: &str, in_namespace: bool| {
        let key = (
            subject.kind.clone(),
            subject.namespace.clone().unwrap_or_default(),
            subject.name.clone(),
        );
        let access = found.entry(key).or_insert_with(|| Access {
            subject,
            verbs: BTreeSet::new(),
            broad: false,
            via: Vec::new(),
            in_namespace: false,
        });
        access.verbs.extend(grant.verbs.iter().cloned());
        access.broad |= grant.broad;
        access.in_namespace |= in_namespace;
        if !access.via.iter().any(|v| v == via) {
            access.via.push(via.to_string());
        }
    };

    add(
        rbac_subject("Group", SUPERUSER_GROUP),
        &Grant::everything(),
        SUPERUSER_VIA,
        false,
    );

    for binding in &objects.cluster_role_bindings {
        let role_ref = &binding.role_ref;
        // A ClusterRoleBinding can only use a ClusterRole.
        if role_ref.kind != "ClusterRole" {
            continue;
        }
        let Some(rules) = cluster_role_rules(objects, &role_ref.name) else {
            continue;
        };
        let grant = Grant::of(rules, secret);
        if grant.verbs.is_empty() {
            continue;
        }
        let via = format!(
            "ClusterRoleBinding {} → ClusterRole {}",
            name_of(binding.metadata.name.as_deref()),
            role_ref.name
        );
        for subject in binding.subjects.iter().flatten() {
            if let Some(subject) = normalized_subject(subject, None) {
                add(subject, &grant, &via, false);
            }
        }
    }

    for binding in &objects.role_bindings {
        if binding.metadata.namespace.as_deref() != Some(namespace) {
            continue;
        }
        let role_ref = &binding.role_ref;
        let rules = match role_ref.kind.as_str() {
            "Role" => role_rules(objects, namespace, &role_ref.name),
            "ClusterRole" => cluster_role_rules(objects, &role_ref.name),
            _ => None,
        };
        let Some(rules) = rules else {
            continue;
        };
        let grant = Grant::of(rules, secret);
        if grant.verbs.is_empty() {
            continue;
        }
        let via = format!(
            "RoleBinding {namespace}/{} → {} {}",
            name_of(binding.metadata.name.as_deref()),
            role_ref.kind,
            role_ref.name
        );
        for subject in binding.subjects.iter().flatten() {
            if let Some(subject) = normalized_subject(subject, Some(namespace)) {
                add(subject, &grant, &via, true);
            }
        }
    }

    let mut all: Vec<Access> = found.into_values().collect();
    // Stable: the kind, namespace, name order stays within each group.
    all.sort_by_key(|a| !a.in_namespace);
    all
}

fn role_rules<'a>(
    objects: &'a RbacObjects,
    namespace: &str,
    name: &str,
) -> Option<&'a [PolicyRule]> {
    objects
        .roles
        .iter()
        .find(|r| {
            r.metadata.namespace.as_deref() == Some(namespace)
                && r.metadata.name.as_deref() == Some(name)
        })
        .map(|r| r.rules.as_deref().unwrap_or_default())
}

fn cluster_role_rules<'a>(objects: &'a RbacObjects, name: &str) -> Option<&'a [PolicyRule]> {
    objects
        .cluster_roles
        .iter()
        .find(|r| r.metadata.name.as_deref() == Some(name))
        .map(|r| r.rules.as_deref().unwrap_or_default())
}

fn name_of(name: Option<&str>) -> &str {
    name.unwrap_or("(unnamed)")
}

/// What a well-known group stands for, for a hint next to it.
pub fn group_meaning(group: &str) -> Option<String> {
    Some(match group {
        SUPERUSER_GROUP => "superusers: RBAC does not apply to them".into(),
        "system:authenticated" => "every authenticated user and service account".into(),
        "system:unauthenticated" => "anonymous requests".into(),
        "system:serviceaccounts" => "every service account of every namespace".into(),
        _ => {
            let ns = group.strip_prefix("system:serviceaccounts:")?;
            format!("every service account of namespace {ns}")
        }
    })
}

/// The sentence to show above an answer built from incomplete lists.
pub fn incompleteness_note(missing: &UnreadLists) -> Option<String> {
    let what = missing.describe("")?;
    Some(format!(
        "{}, so subjects that get access through them are missing.",
        sentence_case(&what)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::unread_lists::Unread;
    use proptest::prelude::*;
    use serde::de::DeserializeOwned;
    use serde_json::{json, Value};

    fn from<T: DeserializeOwned>(value: Value) -> T {
        serde_json::from_value(value).expect("a valid object")
    }

    fn rule(value: Value) -> PolicyRule {
        from(value)
    }

    fn role(namespace: &str, name: &str, rules: Value) -> Role {
        from(json!({"metadata": {"name": name, "namespace": namespace}, "rules": rules}))
    }

    fn cluster_role(name: &str, rules: Value) -> ClusterRole {
        from(json!({"metadata": {"name": name}, "rules": rules}))
    }

    fn role_binding(
        namespace: &str,
        name: &str,
        role_ref: (&str, &str),
        subjects: Value,
    ) -> RoleBinding {
        from(json!({
            "metadata": {"name": name, "namespace": namespace},
            "roleRef": {"apiGroup": RBAC_API_GROUP, "kind": role_ref.0, "name": role_ref.1},
            "subjects": subjects,
        }))
    }

    fn cluster_role_binding(name: &str, role: &str, subjects: Value) -> ClusterRoleBinding {
        from(json!({
            "metadata": {"name": name},
            "roleRef": {"apiGroup": RBAC_API_GROUP, "kind": "ClusterRole", "name": role},
            "subjects": subjects,
        }))
    }

    fn user(name: &str) -> Value {
        json!({"kind": "User", "apiGroup": RBAC_API_GROUP, "name": name})
    }

    fn verbs(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|v| v.to_string()).collect()
    }

    /// The answer without the always-present `system:masters` entry.
    fn rbac_access(objects: &RbacObjects) -> Vec<Access> {
        who_can_access("default", "db-credentials", objects)
            .into_iter()
            .filter(|a| a.subject.name != SUPERUSER_GROUP)
            .collect()
    }

    fn guide_role() -> Role {
        role(
            "default",
            "secret-reader",
            json!([{
                "apiGroups": [""],
                "resources": ["secrets"],
                "resourceNames": ["db-credentials"],
                "verbs": ["get"],
            }]),
        )
    }

    #[test]
    fn rule_matching_follows_the_authorizer() {
        let cases = [
            (
                json!({"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]}),
                "get",
                true,
            ),
            (
                json!({"apiGroups": ["*"], "resources": ["secrets"], "verbs": ["get"]}),
                "get",
                true,
            ),
            (
                json!({"apiGroups": [""], "resources": ["*"], "verbs": ["get"]}),
                "get",
                true,
            ),
            (
                json!({"apiGroups": [""], "resources": ["secrets"], "verbs": ["*"]}),
                "delete",
                true,
            ),
            (
                json!({"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}),
                "watch",
                true,
            ),
            (
                json!({"apiGroups": ["apps"], "resources": ["secrets"], "verbs": ["get"]}),
                "get",
                false,
            ),
            (
                json!({"resources": ["secrets"], "verbs": ["get"]}),
                "get",
                false,
            ),
            (
                json!({"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get"]}),
                "get",
                false,
            ),
            (
                json!({"apiGroups": [""], "resources": ["*/status"], "verbs": ["get"]}),
                "get",
                false,
            ),
            (
                json!({"apiGroups": [""], "resources": ["secrets/status"], "verbs": ["get"]}),
                "get",
                false,
            ),
            (
                json!({"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]}),
                "update",
                false,
            ),
            (
                json!({"apiGroups": [""], "resources": ["secrets"], "verbs": ["GET"]}),
                "get",
                false,
            ),
            (
                json!({"apiGroups": [""], "resources": ["secrets"], "resourceNames": ["db-credentials"], "verbs": ["get"]}),
                "get",
                true,
            ),
            (
                json!({"apiGroups": [""], "resources": ["secrets"], "resourceNames": ["a", "db-credentials"], "verbs": ["update"]}),
                "update",
                true,
            ),
            (
                json!({"apiGroups": [""], "resources": ["secrets"], "resourceNames": ["tls-cert"], "verbs": ["get"]}),
                "get",
                false,
            ),
            // A list with fieldSelector=metadata.name=db-credentials carries the name.
            (
                json!({"apiGroups": [""], "resources": ["secrets"], "resourceNames": ["db-credentials"], "verbs": ["list", "watch"]}),
                "watch",
                true,
            ),
            (
                json!({"apiGroups": [""], "resources": ["secrets"], "resourceNames": ["db-credentials"], "verbs": ["create"]}),
                "create",
                false,
            ),
            (
                json!({"apiGroups": [""], "resources": ["secrets"], "resourceNames": ["db-credentials"], "verbs": ["*"]}),
                "deletecollection",
                false,
            ),
            (
                json!({"apiGroups": [""], "resources": ["secrets"], "verbs": ["create"]}),
                "create",
                true,
            ),
            (
                json!({"nonResourceURLs": ["*"], "verbs": ["*"]}),
                "get",
                false,
            ),
        ];
        for (value, verb, allowed) in cases {
            assert_eq!(
                rule_allows(&rule(value.clone()), verb, "db-credentials"),
                allowed,
                "{verb} {value}"
            );
        }
    }

    #[test]
    fn resource_names_keep_list_from_reaching_other_secrets() {
        let named = rule(json!({
            "apiGroups": [""], "resources": ["secrets"],
            "resourceNames": ["db-credentials"], "verbs": ["list"],
        }));
        let unnamed = rule(json!({"apiGroups": [""], "resources": ["secrets"], "verbs": ["list"]}));
        assert!(!lists_every_secret(&named));
        assert!(lists_every_secret(&unnamed));
        assert!(!rule_allows(&named, "list", "tls-cert"));
        assert!(rule_allows(&unnamed, "list", "tls-cert"));
    }

    #[test]
    fn the_guides_secret_reader() {
        let objects = RbacObjects {
            roles: vec![guide_role()],
            role_bindings: vec![role_binding(
                "default",
                "read-db-credentials",
                ("Role", "secret-reader"),
                json!([{"kind": "ServiceAccount", "name": "app"}]),
            )],
            ..Default::default()
        };
        assert_eq!(
            rbac_access(&objects),
            vec![Access {
                subject: service_account("default", "app"),
                verbs: verbs(&["get"]),
                broad: false,
                via: vec!["RoleBinding default/read-db-credentials → Role secret-reader".into()],
                in_namespace: true,
            }]
        );
        assert!(who_can_access("default", "tls-cert", &objects)
            .iter()
            .all(|a| a.subject.name == SUPERUSER_GROUP));
    }

    #[test]
    fn system_masters_is_always_there() {
        let all = who_can_access("default", "db-credentials", &RbacObjects::default());
        assert_eq!(
            all,
            vec![Access {
                subject: rbac_subject("Group", SUPERUSER_GROUP),
                verbs: verbs(&SECRET_VERBS),
                broad: true,
                via: vec![SUPERUSER_VIA.into()],
                in_namespace: false,
            }]
        );
    }

    #[test]
    fn cluster_admin_merges_with_the_superuser_entry() {
        let objects = RbacObjects {
            cluster_roles: vec![cluster_role(
                "cluster-admin",
                json!([
                    {"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]},
                    {"nonResourceURLs": ["*"], "verbs": ["*"]},
                ]),
            )],
            cluster_role_bindings: vec![cluster_role_binding(
                "cluster-admin",
                "cluster-admin",
                json!([{"kind": "Group", "apiGroup": RBAC_API_GROUP, "name": "system:masters"}]),
            )],
            ..Default::default()
        };
        let all = who_can_access("default", "db-credentials", &objects);
        assert_eq!(all.len(), 1);
        assert_eq!(
            all[0].via,
            vec![
                SUPERUSER_VIA.to_string(),
                "ClusterRoleBinding cluster-admin → ClusterRole cluster-admin".into(),
            ]
        );
    }

    #[test]
    fn role_binding_to_a_cluster_role_grants_in_its_namespace_only() {
        let view_secrets = cluster_role(
            "secret-viewer",
            json!([{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get", "list", "watch"]}]),
        );
        let objects = RbacObjects {
            cluster_roles: vec![view_secrets],
            role_bindings: vec![
                role_binding(
                    "default",
                    "alice-views",
                    ("ClusterRole", "secret-viewer"),
                    json!([user("alice")]),
                ),
                role_binding(
                    "other",
                    "bob-views",
                    ("ClusterRole", "secret-viewer"),
                    json!([user("bob")]),
                ),
            ],
            ..Default::default()
        };
        assert_eq!(
            rbac_access(&objects),
            vec![Access {
                subject: rbac_subject("User", "alice"),
                verbs: verbs(&["get", "list", "watch"]),
                broad: true,
                via: vec!["RoleBinding default/alice-views → ClusterRole secret-viewer".into()],
                in_namespace: true,
            }]
        );
    }

    #[test]
    fn cluster_role_binding_grants_everywhere() {
        let objects = RbacObjects {
            cluster_roles: vec![cluster_role(
                "secret-editor",
                json!([{"apiGroups": [""], "resources": ["secrets"], "verbs": ["update", "patch"]}]),
            )],
            cluster_role_bindings: vec![cluster_role_binding(
                "ci-edits-secrets",
                "secret-editor",
                json!([
                    {"kind": "ServiceAccount", "name": "deployer", "namespace": "ci"},
                    // No namespace to fall back on in a ClusterRoleBinding: matches nobody.
                    {"kind": "ServiceAccount", "name": "orphan"},
                ]),
            )],
            ..Default::default()
        };
        assert_eq!(
            rbac_access(&objects),
            vec![Access {
                subject: service_account("ci", "deployer"),
                verbs: verbs(&["patch", "update"]),
                broad: false,
                via: vec!["ClusterRoleBinding ci-edits-secrets → ClusterRole secret-editor".into()],
                in_namespace: false,
            }]
        );
    }

    #[test]
    fn role_of_another_namespace_is_ignored() {
        let mut elsewhere = guide_role();
        elsewhere.metadata.namespace = Some("other".into());
        let objects = RbacObjects {
            roles: vec![elsewhere.clone()],
            role_bindings: vec![role_binding(
                "default",
                "alice-reads",
                ("Role", "secret-reader"),
                json!([user("alice")]),
            )],
            ..Default::default()
        };
        assert!(rbac_access(&objects).is_empty());

        // Nor does a RoleBinding of another namespace count, even to a Role there.
        let objects = RbacObjects {
            roles: vec![elsewhere],
            role_bindings: vec![role_binding(
                "other",
                "alice-reads",
                ("Role", "secret-reader"),
                json!([user("alice")]),
            )],
            ..Default::default()
        };
        assert!(rbac_access(&objects).is_empty());
    }

    #[test]
    fn a_binding_to_a_role_kind_in_a_cluster_role_binding_grants_nothing() {
        let mut binding = cluster_role_binding("odd", "secret-reader", json!([user("alice")]));
        binding.role_ref.kind = "Role".into();
        let objects = RbacObjects {
            roles: vec![guide_role()],
            cluster_role_bindings: vec![binding],
            ..Default::default()
        };
        assert!(rbac_access(&objects).is_empty());
    }

    #[test]
    fn two_bindings_for_one_subject_merge() {
        let objects = RbacObjects {
            roles: vec![
                guide_role(),
                role(
                    "default",
                    "db-credentials-rotator",
                    json!([{
                        "apiGroups": [""], "resources": ["secrets"],
                        "resourceNames": ["db-credentials"], "verbs": ["get", "update"],
                    }]),
                ),
            ],
            role_bindings: vec![
                role_binding(
                    "default",
                    "app-reads",
                    ("Role", "secret-reader"),
                    json!([{"kind": "ServiceAccount", "name": "app", "namespace": "default"}]),
                ),
                role_binding(
                    "default",
                    "app-rotates",
                    ("Role", "db-credentials-rotator"),
                    // The same service account, spelled as its user name.
                    json!([user("system:serviceaccount:default:app")]),
                ),
            ],
            ..Default::default()
        };
        let access = rbac_access(&objects);
        assert_eq!(access.len(), 1, "{access:#?}");
        assert_eq!(access[0].subject, service_account("default", "app"));
        assert_eq!(access[0].verbs, verbs(&["get", "update"]));
        assert_eq!(
            access[0].via,
            vec![
                "RoleBinding default/app-reads → Role secret-reader".to_string(),
                "RoleBinding default/app-rotates → Role db-credentials-rotator".into(),
            ]
        );
    }

    #[test]
    fn groups_stay_groups_and_results_are_sorted() {
        let objects = RbacObjects {
            roles: vec![guide_role()],
            role_bindings: vec![role_binding(
                "default",
                "everyone-reads",
                ("Role", "secret-reader"),
                json!([
                    user("zoe"),
                    {"kind": "ServiceAccount", "name": "app"},
                    {"kind": "Group", "apiGroup": RBAC_API_GROUP, "name": "system:serviceaccounts:default"},
                    {"kind": "Group", "apiGroup": RBAC_API_GROUP, "name": "system:authenticated"},
                    user("adam"),
                    {"kind": "Robot", "name": "r2"},
                ]),
            )],
            ..Default::default()
        };
        let subjects: Vec<(String, String)> = rbac_access(&objects)
            .into_iter()
            .map(|a| (a.subject.kind, a.subject.name))
            .collect();
        let expected = [
            ("Group", "system:authenticated"),
            ("Group", "system:serviceaccounts:default"),
            ("ServiceAccount", "app"),
            ("User", "adam"),
            ("User", "zoe"),
        ];
        assert_eq!(
            subjects,
            expected
                .map(|(k, n)| (k.to_string(), n.to_string()))
                .to_vec()
        );
    }

    #[test]
    fn namespace_grants_come_before_cluster_wide_ones() {
        let objects = RbacObjects {
            roles: vec![guide_role()],
            role_bindings: vec![role_binding(
                "default",
                "app-reads",
                ("Role", "secret-reader"),
                json!([
                    user("zoe"),
                    {"kind": "ServiceAccount", "name": "app"},
                ]),
            )],
            cluster_roles: vec![cluster_role(
                "system:controller:generic-garbage-collector",
                json!([{"apiGroups": ["*"], "resources": ["*"], "verbs": ["get", "list", "watch", "delete"]}]),
            )],
            cluster_role_bindings: vec![
                cluster_role_binding(
                    "system:controller:generic-garbage-collector",
                    "system:controller:generic-garbage-collector",
                    json!([
                        {"kind": "ServiceAccount", "name": "generic-garbage-collector", "namespace": "kube-system"},
                        // Also bound in the namespace: it belongs to the first group.
                        user("zoe"),
                    ]),
                ),
                cluster_role_binding(
                    "admins",
                    "system:controller:generic-garbage-collector",
                    json!([user("adam"), {"kind": "Group", "apiGroup": RBAC_API_GROUP, "name": "ops"}]),
                ),
            ],
        };
        let order: Vec<(String, bool)> = who_can_access("default", "db-credentials", &objects)
            .into_iter()
            .map(|a| {
                (
                    format!("{} {}", a.subject.kind, a.subject.name),
                    a.in_namespace,
                )
            })
            .collect();
        let expected = [
            ("ServiceAccount app", true),
            ("User zoe", true),
            ("Group ops", false),
            ("Group system:masters", false),
            ("ServiceAccount generic-garbage-collector", false),
            ("User adam", false),
        ];
        assert_eq!(order, expected.map(|(s, n)| (s.to_string(), n)).to_vec());
    }

    #[test]
    fn list_without_names_is_broad_and_reaches_every_secret() {
        let objects = RbacObjects {
            roles: vec![role(
                "default",
                "secret-lister",
                json!([{"apiGroups": [""], "resources": ["secrets"], "verbs": ["list"]}]),
            )],
            role_bindings: vec![role_binding(
                "default",
                "carol-lists",
                ("Role", "secret-lister"),
                json!([user("carol")]),
            )],
            ..Default::default()
        };
        for secret in ["db-credentials", "tls-cert"] {
            let access: Vec<Access> = who_can_access("default", secret, &objects)
                .into_iter()
                .filter(|a| a.subject.name == "carol")
                .collect();
            assert_eq!(access.len(), 1, "{secret}");
            assert_eq!(access[0].verbs, verbs(&["list"]));
            assert!(access[0].broad);
        }
    }

    #[test]
    fn non_resource_rules_and_other_resources_grant_nothing() {
        let objects = RbacObjects {
            cluster_roles: vec![cluster_role(
                "health",
                json!([
                    {"nonResourceURLs": ["/healthz", "*"], "verbs": ["get"]},
                    {"apiGroups": [""], "resources": ["configmaps"], "verbs": ["*"]},
                ]),
            )],
            cluster_role_bindings: vec![cluster_role_binding(
                "health",
                "health",
                json!([user("probe")]),
            )],
            ..Default::default()
        };
        assert!(rbac_access(&objects).is_empty());
    }

    #[test]
    fn aggregated_cluster_roles_use_their_filled_rules() {
        let mut admin = cluster_role(
            "admin",
            json!([{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get", "list", "watch", "update", "patch", "delete", "create"]}]),
        );
        admin.aggregation_rule = Some(from(json!({
            "clusterRoleSelectors": [{"matchLabels": {"rbac.authorization.k8s.io/aggregate-to-admin": "true"}}]
        })));
        let objects = RbacObjects {
            cluster_roles: vec![admin],
            role_bindings: vec![role_binding(
                "default",
                "dana-admin",
                ("ClusterRole", "admin"),
                json!([user("dana")]),
            )],
            ..Default::default()
        };
        let access = rbac_access(&objects);
        assert_eq!(access.len(), 1);
        assert_eq!(access[0].verbs, verbs(&SECRET_VERBS));
        assert!(access[0].broad);
    }

    #[test]
    fn missing_roles_grant_nothing() {
        let objects = RbacObjects {
            role_bindings: vec![role_binding(
                "default",
                "alice-reads",
                ("Role", "secret-reader"),
                json!([user("alice")]),
            )],
            ..Default::default()
        };
        assert!(rbac_access(&objects).is_empty());
    }

    #[test]
    fn subjects_are_normalized() {
        let cases = [
            (
                json!({"kind": "User", "name": "alice"}),
                None,
                Some(rbac_subject("User", "alice")),
            ),
            (
                json!({"kind": "Group", "name": "devs", "namespace": "ignored"}),
                None,
                Some(rbac_subject("Group", "devs")),
            ),
            (
                json!({"kind": "ServiceAccount", "name": "app"}),
                Some("default"),
                Some(service_account("default", "app")),
            ),
            (
                json!({"kind": "ServiceAccount", "name": "app", "namespace": "ci"}),
                Some("default"),
                Some(service_account("ci", "app")),
            ),
            (json!({"kind": "ServiceAccount", "name": "app"}), None, None),
            (
                json!({"kind": "User", "name": "system:serviceaccount:ci:deployer"}),
                None,
                Some(service_account("ci", "deployer")),
            ),
            (
                json!({"kind": "User", "name": "system:serviceaccount:ci"}),
                None,
                Some(rbac_subject("User", "system:serviceaccount:ci")),
            ),
            (
                json!({"kind": "Robot", "name": "r2"}),
                Some("default"),
                None,
            ),
        ];
        for (subject, ns, expected) in cases {
            assert_eq!(
                normalized_subject(&from(subject.clone()), ns),
                expected,
                "{subject}"
            );
        }
    }

    #[test]
    fn well_known_groups() {
        assert_eq!(
            group_meaning("system:serviceaccounts:ci").as_deref(),
            Some("every service account of namespace ci")
        );
        assert!(group_meaning("system:authenticated").is_some());
        assert!(group_meaning(SUPERUSER_GROUP).is_some());
        assert_eq!(group_meaning("devs"), None);
    }

    #[test]
    fn incompleteness_is_explained() {
        assert_eq!(incompleteness_note(&UnreadLists::default()), None);
        let mut no_crbs = UnreadLists::default();
        no_crbs.push("ClusterRoleBindings", Unread::Forbidden);
        assert_eq!(
            incompleteness_note(&no_crbs).as_deref(),
            Some("You may not list ClusterRoleBindings, so subjects that get access through them are missing.")
        );
        let mut nothing = UnreadLists::default();
        for kind in [
            "Roles",
            "RoleBindings",
            "ClusterRoles",
            "ClusterRoleBindings",
        ] {
            nothing.push(kind, Unread::Forbidden);
        }
        assert_eq!(
            incompleteness_note(&nothing).as_deref(),
            Some(
                "You may not list Roles, RoleBindings, ClusterRoles and ClusterRoleBindings, so \
                 subjects that get access through them are missing."
            )
        );
        // A list that failed is not reported as forbidden.
        let mut failed = UnreadLists::default();
        failed.push(
            "Roles",
            Unread::Failed("kubectl proxy is not running".into()),
        );
        assert_eq!(
            incompleteness_note(&failed).as_deref(),
            Some(
                "Roles could not be read (kubectl proxy is not running), so subjects that get \
                 access through them are missing."
            )
        );
    }

    proptest! {
        #[test]
        fn a_rule_naming_other_secrets_never_reaches_this_one(
            names in proptest::collection::vec("[a-z0-9.-]{1,12}", 1..4),
            secret in "[a-z0-9.-]{1,12}",
            verb in proptest::sample::select(SECRET_VERBS.to_vec()),
        ) {
            prop_assume!(!names.contains(&secret));
            let rule = rule(json!({
                "apiGroups": ["*"], "resources": ["*"], "resourceNames": names, "verbs": ["*"],
            }));
            prop_assert!(!rule_allows(&rule, verb, &secret));
            prop_assert!(!lists_every_secret(&rule));
        }
    }
}
