//! "Let exactly these subjects do exactly these verbs on this one secret":
//! the Role (`resourceNames: [secret]`) and RoleBinding the access form
//! builds, the apiserver's checks on them mirrored
//! (`pkg/apis/rbac/validation`), and what to do when a Role or RoleBinding
//! of that name exists already: offer to update it, never overwrite blindly.
//! Names only: no secret value comes here.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::rbac::v1::{PolicyRule, Role, RoleBinding, RoleRef, Subject};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use crate::model::problem::Problem;
use crate::model::rbac::access::{normalized_subject, RBAC_API_GROUP, SECRET_VERBS};
use crate::model::rbac::objects::Role as ListedRole;
use crate::model::secret::validation::validate_secret_name;

/// The label every object Keyhole creates carries.
pub const MANAGED_BY_LABEL: &str = "app.kubernetes.io/managed-by";
pub const MANAGED_BY: &str = "keyhole";

/// Shown on every access screen: RBAC on secrets is not the only way in.
pub const PODS_CAN_READ_SECRETS: &str = "Anyone who can create pods in this namespace — \
     directly, or through a Deployment, Job or any other workload — can read every secret \
     in it, by mounting it as a volume or passing it as an environment variable. A Role on \
     secrets does not stop them.";

const LIST_WATCH_WARNING: &str = "list and watch return the secret's values just as get \
     does, and watch keeps sending every new value. Limited to this secret by resourceNames, \
     they only allow requests that select it with fieldSelector=metadata.name=<name> \
     (kubectl get secrets --field-selector metadata.name=<name>); a plain list, as \
     `kubectl get secrets` or a controller's informer sends it, stays forbidden. Without \
     resourceNames, list and watch on secrets reveal every value in the namespace.";

const CREATE_WARNING: &str = "create cannot be limited by resourceNames: the new object's \
     name is not known when the request is authorized, so it would allow creating any secret \
     in the namespace. It is not offered here.";

/// Who a grant is for, as the form asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SubjectKind {
    User,
    Group,
    ServiceAccount,
}

impl SubjectKind {
    pub const ALL: [SubjectKind; 3] = [
        SubjectKind::User,
        SubjectKind::Group,
        SubjectKind::ServiceAccount,
    ];

    /// The `kind` of an RBAC subject.
    pub fn as_str(self) -> &'static str {
        match self {
            SubjectKind::User => "User",
            SubjectKind::Group => "Group",
            SubjectKind::ServiceAccount => "ServiceAccount",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantSubject {
    pub kind: SubjectKind,
    pub name: String,
    /// A ServiceAccount's namespace; empty or `None` means the secret's.
    /// Ignored for users and groups, which belong to no namespace.
    pub namespace: Option<String>,
}

/// The access form's contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantRequest {
    pub namespace: String,
    pub secret: String,
    pub role_name: String,
    pub binding_name: String,
    /// Out of [`SECRET_VERBS`].
    pub verbs: Vec<String>,
    pub subjects: Vec<GrantSubject>,
    /// The user read [`verb_warning`] for `list`/`watch` and wants them anyway.
    pub confirmed_broad_verbs: bool,
}

impl GrantRequest {
    /// A read-only grant on `secret` with suggested names and no subjects yet.
    pub fn for_secret(namespace: &str, secret: &str) -> GrantRequest {
        let role_name = suggested_role_name(secret);
        GrantRequest {
            namespace: namespace.into(),
            secret: secret.into(),
            binding_name: suggested_binding_name(&role_name),
            role_name,
            verbs: vec!["get".into()],
            subjects: Vec::new(),
            confirmed_broad_verbs: false,
        }
    }
}

/// `<secret>-reader`. The guide's single `secret-reader` works for one
/// secret per namespace; a name per secret keeps grants on different
/// secrets from colliding. When a Role limited to this secret exists,
/// [`role_limited_to`] finds it so the form can reuse it instead.
pub fn suggested_role_name(secret: &str) -> String {
    format!("{secret}-reader")
}

/// `<role>-binding`.
pub fn suggested_binding_name(role: &str) -> String {
    format!("{role}-binding")
}

/// A Role among `roles` (of the secret's namespace) whose every rule is on
/// secrets and named `secret` only — the guide's `secret-reader` for
/// `db-credentials` is one. The form can propose its name so that a grant
/// extends that Role rather than adding a second one.
pub fn role_limited_to<'a>(secret: &str, roles: &'a [ListedRole]) -> Option<&'a ListedRole> {
    roles.iter().find(|role| {
        let rules = role.rules.as_deref().unwrap_or_default();
        !rules.is_empty()
            && rules.iter().all(|r| {
                r.api_groups.as_deref() == Some(&[String::new()])
                    && r.resources.as_deref() == Some(&["secrets".to_string()])
                    && r.resource_names.as_deref() == Some(&[secret.to_string()])
                    && r.non_resource_urls
                        .as_deref()
                        .unwrap_or_default()
                        .is_empty()
            })
    })
}

/// What to tell the user before granting `verb`; `None` when nothing needs
/// saying.
pub fn verb_warning(verb: &str) -> Option<&'static str> {
    match verb {
        "list" | "watch" => Some(LIST_WATCH_WARNING),
        "create" => Some(CREATE_WARNING),
        _ => None,
    }
}

/// A Role or RoleBinding name, as the apiserver checks it
/// (`ValidateRBACName` = `path.IsValidPathSegmentName`): any non-empty name
/// but `.` and `..`, without `/` or `%`. Looser than a Secret's name:
/// `system:controller:x` and `Reader` are fine.
pub fn validate_rbac_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("name is required".into());
    }
    if name == "." || name == ".." {
        return Err(format!("may not be '{name}'"));
    }
    let errs: Vec<String> = ["/", "%"]
        .into_iter()
        .filter(|bad| name.contains(bad))
        .map(|bad| format!("may not contain '{bad}'"))
        .collect();
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs.join("; "))
    }
}

/// A namespace name is a DNS-1123 label: a subdomain without dots, at most
/// 63 characters.
fn validate_namespace_name(name: &str) -> Result<(), String> {
    validate_secret_name(name)?;
    if name.contains('.') {
        return Err(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric \
                    characters or '-', and must start and end with an alphanumeric character"
                .into(),
        );
    }
    if name.len() > 63 {
        return Err("must be no more than 63 characters".into());
    }
    Ok(())
}

/// Which input a problem belongs to; indexes are positions in `subjects`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum GrantField {
    Namespace,
    Secret,
    RoleName,
    BindingName,
    Verbs,
    /// The "I understand what list/watch reveal" checkbox.
    ConfirmBroadVerbs,
    /// The subject list as a whole (none given).
    Subjects,
    SubjectName(usize),
    SubjectNamespace(usize),
}

/// Every problem with the form: what the apiserver would reject, plus what
/// this form refuses (verbs outside [`SECRET_VERBS`], unconfirmed
/// list/watch, duplicate subjects, names with stray spaces).
pub fn validate(req: &GrantRequest) -> Vec<Problem<GrantField>> {
    let mut errors = Vec::new();
    let mut check = |field: GrantField, result: Result<(), String>| {
        if let Err(message) = result {
            errors.push(Problem::error(field, message));
        }
    };
    check(
        GrantField::Namespace,
        validate_namespace_name(&req.namespace),
    );
    check(GrantField::Secret, validate_secret_name(&req.secret));
    check(GrantField::RoleName, validate_rbac_name(&req.role_name));
    check(
        GrantField::BindingName,
        validate_rbac_name(&req.binding_name),
    );

    if req.verbs.is_empty() {
        errors.push(Problem::error(
            GrantField::Verbs,
            "choose at least one verb",
        ));
    }
    for verb in &req.verbs {
        if SECRET_VERBS.contains(&verb.as_str()) {
            continue;
        }
        let message = match verb_warning(verb) {
            Some(warning) => warning.to_string(),
            None => format!(
                "'{verb}' is not offered: choose from {}",
                SECRET_VERBS.join(", ")
            ),
        };
        errors.push(Problem::error(GrantField::Verbs, message));
    }
    if req.verbs.iter().any(|v| v == "list" || v == "watch") && !req.confirmed_broad_verbs {
        errors.push(Problem::error(
            GrantField::ConfirmBroadVerbs,
            "list and watch need a confirmation that their warning was read",
        ));
    }

    if req.subjects.is_empty() {
        errors.push(Problem::error(
            GrantField::Subjects,
            "add at least one subject",
        ));
    }
    let mut seen = BTreeSet::new();
    for (i, subject) in req.subjects.iter().enumerate() {
        let name_check = if subject.name.is_empty() {
            Err("name is required".to_string())
        } else if subject.kind == SubjectKind::ServiceAccount {
            validate_secret_name(&subject.name)
        } else if subject.name.trim() != subject.name {
            Err("must not start or end with a space".to_string())
        } else {
            Ok(())
        };
        let name_ok = name_check.is_ok();
        if let Err(message) = name_check {
            errors.push(Problem::error(GrantField::SubjectName(i), message));
        }
        let namespace = service_account_namespace(subject);
        if let Some(ns) = namespace {
            if let Err(message) = validate_namespace_name(ns) {
                errors.push(Problem::error(GrantField::SubjectNamespace(i), message));
            }
        }
        let key = normalized_subject(&subject_for(subject, &req.namespace), None)
            .map(|s| (s.kind, s.namespace, s.name));
        if name_ok && !seen.insert(key) {
            errors.push(Problem::error(GrantField::SubjectName(i), "listed twice"));
        }
    }
    errors
}

/// A ServiceAccount subject's own namespace, when one was given.
fn service_account_namespace(subject: &GrantSubject) -> Option<&str> {
    (subject.kind == SubjectKind::ServiceAccount)
        .then_some(subject.namespace.as_deref())
        .flatten()
        .filter(|ns| !ns.is_empty())
}

/// The Role of a validated request: one rule, `get` … `delete` in the order
/// of [`SECRET_VERBS`] whatever order they were ticked in; verbs outside that
/// set are left out.
pub fn role_for(req: &GrantRequest) -> Role {
    let verbs = SECRET_VERBS
        .iter()
        .filter(|v| req.verbs.iter().any(|w| w == *v))
        .map(|v| v.to_string())
        .collect();
    Role {
        metadata: managed_metadata(&req.role_name, &req.namespace),
        rules: Some(vec![PolicyRule {
            api_groups: Some(vec![String::new()]),
            resources: Some(vec!["secrets".into()]),
            resource_names: Some(vec![req.secret.clone()]),
            verbs,
            non_resource_urls: None,
        }]),
    }
}

/// The RoleBinding of a validated request, binding its subjects to
/// [`role_for`]'s Role.
pub fn binding_for(req: &GrantRequest) -> RoleBinding {
    RoleBinding {
        metadata: managed_metadata(&req.binding_name, &req.namespace),
        role_ref: RoleRef {
            api_group: Some(RBAC_API_GROUP.into()),
            kind: "Role".into(),
            name: req.role_name.clone(),
        },
        subjects: Some(
            req.subjects
                .iter()
                .map(|s| subject_for(s, &req.namespace))
                .collect(),
        ),
    }
}

/// User and Group carry the RBAC API group; a ServiceAccount carries its
/// namespace and no API group (the apiserver rejects one).
fn subject_for(subject: &GrantSubject, namespace: &str) -> Subject {
    match subject.kind {
        SubjectKind::User | SubjectKind::Group => Subject {
            api_group: Some(RBAC_API_GROUP.into()),
            kind: subject.kind.as_str().into(),
            name: subject.name.clone(),
            namespace: None,
        },
        SubjectKind::ServiceAccount => Subject {
            api_group: None,
            kind: subject.kind.as_str().into(),
            name: subject.name.clone(),
            namespace: Some(
                service_account_namespace(subject)
                    .unwrap_or(namespace)
                    .into(),
            ),
        },
    }
}

fn managed_metadata(name: &str, namespace: &str) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.into()),
        namespace: Some(namespace.into()),
        labels: Some(BTreeMap::from([(
            MANAGED_BY_LABEL.to_string(),
            MANAGED_BY.to_string(),
        )])),
        ..Default::default()
    }
}

/// How a Role of the wanted name that exists already compares with the
/// wanted one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleConflict {
    /// The existing Role has no rules: filling it in takes nothing away.
    None,
    /// It grants exactly what is wanted (rule and list order aside).
    SameRules,
    /// Updating it would replace these rules, e.g.
    /// `get, list on secrets named db-credentials; get on configmaps`.
    DifferentRules { existing_summary: String },
}

pub fn compare_existing(existing: &Role, wanted: &Role) -> RoleConflict {
    let existing_rules = existing.rules.as_deref().unwrap_or_default();
    if existing_rules.is_empty() {
        RoleConflict::None
    } else if rule_set(existing_rules) == rule_set(wanted.rules.as_deref().unwrap_or_default()) {
        RoleConflict::SameRules
    } else {
        RoleConflict::DifferentRules {
            existing_summary: summary(existing_rules),
        }
    }
}

type NormalRule = [Vec<String>; 5];

/// Rules as sets of sets, so that order and repetition do not count.
fn rule_set(rules: &[PolicyRule]) -> BTreeSet<NormalRule> {
    let sorted = |list: Option<&Vec<String>>| -> Vec<String> {
        let set: BTreeSet<&String> = list.into_iter().flatten().collect();
        set.into_iter().cloned().collect()
    };
    rules
        .iter()
        .map(|r| {
            [
                sorted(r.api_groups.as_ref()),
                sorted(r.resources.as_ref()),
                sorted(r.resource_names.as_ref()),
                sorted(r.non_resource_urls.as_ref()),
                sorted(Some(&r.verbs)),
            ]
        })
        .collect()
}

/// One line for a set of rules, as names and verbs.
fn summary(rules: &[PolicyRule]) -> String {
    rules
        .iter()
        .map(rule_summary)
        .collect::<Vec<_>>()
        .join("; ")
}

fn rule_summary(rule: &PolicyRule) -> String {
    let list = |l: Option<&Vec<String>>| {
        l.map(|l| l.join(", "))
            .filter(|s| !s.is_empty())
            .unwrap_or_default()
    };
    let verbs = rule.verbs.join(", ");
    let urls = list(rule.non_resource_urls.as_ref());
    if !urls.is_empty() {
        return format!("{verbs} on {urls}");
    }
    let mut text = format!("{verbs} on {}", list(rule.resources.as_ref()));
    let groups: Vec<&str> = rule
        .api_groups
        .iter()
        .flatten()
        .map(|g| if g.is_empty() { "core" } else { g.as_str() })
        .collect();
    if groups != ["core"] {
        text.push_str(&format!(" in API groups {}", groups.join(", ")));
    }
    let names = list(rule.resource_names.as_ref());
    if !names.is_empty() {
        text.push_str(&format!(" named {names}"));
    }
    text
}

/// The existing Role with the wanted rules: its metadata, `resourceVersion`
/// included, is kept so the update is refused if someone changed it since.
pub fn updated_role(existing: &Role, wanted: &Role) -> Role {
    Role {
        metadata: existing.metadata.clone(),
        rules: wanted.rules.clone(),
    }
}

/// The existing RoleBinding with the wanted subjects added (existing ones
/// first, none twice), its metadata and `resourceVersion` kept. An error when
/// it refers to another role: `roleRef` cannot be changed after creation.
pub fn merged_binding(existing: &RoleBinding, wanted: &RoleBinding) -> Result<RoleBinding, String> {
    let (have, want) = (&existing.role_ref, &wanted.role_ref);
    let group = |r: &RoleRef| {
        r.api_group
            .clone()
            .filter(|g| !g.is_empty())
            .unwrap_or_else(|| RBAC_API_GROUP.into())
    };
    if have.kind != want.kind || have.name != want.name || group(have) != group(want) {
        return Err(format!(
            "the existing RoleBinding refers to {} {}, and a RoleBinding's role cannot be \
             changed: choose another binding name",
            have.kind, have.name
        ));
    }
    let namespace = existing.metadata.namespace.as_deref();
    let same = |a: &Subject, b: &Subject| match (
        normalized_subject(a, namespace),
        normalized_subject(b, namespace),
    ) {
        (Some(a), Some(b)) => a == b,
        _ => a == b,
    };
    let mut subjects: Vec<Subject> = existing.subjects.clone().unwrap_or_default();
    for subject in wanted.subjects.iter().flatten() {
        if !subjects.iter().any(|s| same(s, subject)) {
            subjects.push(subject.clone());
        }
    }
    Ok(RoleBinding {
        metadata: existing.metadata.clone(),
        role_ref: existing.role_ref.clone(),
        subjects: Some(subjects),
    })
}

/// A Role or RoleBinding as the grant preview shows it: indented JSON of
/// exactly what will be sent. Serializing these types cannot fail (their
/// maps have string keys), so there is no error to show.
pub fn preview_text(object: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(object).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::de::DeserializeOwned;
    use serde_json::{json, Value};

    fn from<T: DeserializeOwned>(value: Value) -> T {
        serde_json::from_value(value).expect("a valid object")
    }

    fn subject(kind: SubjectKind, name: &str) -> GrantSubject {
        GrantSubject {
            kind,
            name: name.into(),
            namespace: None,
        }
    }

    /// The guide's Role, with a service account to bind it to.
    fn guide_request() -> GrantRequest {
        GrantRequest {
            role_name: "secret-reader".into(),
            binding_name: "secret-reader-binding".into(),
            subjects: vec![subject(SubjectKind::ServiceAccount, "app")],
            ..GrantRequest::for_secret("default", "db-credentials")
        }
    }

    fn guide_role() -> Role {
        from(json!({
            "metadata": {"name": "secret-reader", "namespace": "default", "resourceVersion": "41"},
            "rules": [{
                "apiGroups": [""],
                "resources": ["secrets"],
                "resourceNames": ["db-credentials"],
                "verbs": ["get"],
            }],
        }))
    }

    /// The fields of the problems, each of which blocks: the form has no warnings.
    fn fields(req: &GrantRequest) -> Vec<GrantField> {
        let problems = validate(req);
        assert!(problems.iter().all(Problem::is_error), "{problems:?}");
        problems.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn defaults() {
        let req = GrantRequest::for_secret("default", "tls-cert");
        assert_eq!(req.role_name, "tls-cert-reader");
        assert_eq!(req.binding_name, "tls-cert-reader-binding");
        assert_eq!(req.verbs, vec!["get".to_string()]);
        assert!(req.subjects.is_empty());
        assert!(!req.confirmed_broad_verbs);
        assert_eq!(fields(&req), vec![GrantField::Subjects]);
    }

    #[test]
    fn the_guides_role_is_reproduced_exactly() {
        let req = guide_request();
        assert!(validate(&req).is_empty(), "{:?}", validate(&req));
        let role = role_for(&req);
        assert_eq!(role.rules, guide_role().rules);
        assert_eq!(role.metadata.name.as_deref(), Some("secret-reader"));
        assert_eq!(role.metadata.namespace.as_deref(), Some("default"));
        assert_eq!(
            serde_json::to_value(&role).unwrap()["metadata"]["labels"],
            json!({"app.kubernetes.io/managed-by": "keyhole"})
        );
        assert_eq!(
            compare_existing(&guide_role(), &role),
            RoleConflict::SameRules
        );
    }

    #[test]
    fn the_guides_role_is_found_for_its_secret() {
        let other: ListedRole = from(json!({
            "metadata": {"name": "broad", "namespace": "default"},
            "rules": [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]}],
        }));
        let guide: ListedRole = from(serde_json::to_value(guide_role()).unwrap());
        let roles = [other, guide];
        let found = role_limited_to("db-credentials", &roles).and_then(|r| r.metadata.name.clone());
        assert_eq!(found.as_deref(), Some("secret-reader"));
        assert!(role_limited_to("tls-cert", &roles).is_none());
    }

    #[test]
    fn verbs_come_out_in_a_stable_order() {
        let req = GrantRequest {
            verbs: ["delete", "watch", "get", "patch", "get", "list", "update"]
                .map(String::from)
                .to_vec(),
            ..guide_request()
        };
        let rules = role_for(&req).rules.unwrap();
        assert_eq!(
            rules[0].verbs,
            ["get", "list", "watch", "update", "patch", "delete"].map(String::from)
        );
    }

    #[test]
    fn binding_subjects_have_the_right_shape() {
        let req = GrantRequest {
            subjects: vec![
                subject(SubjectKind::ServiceAccount, "app"),
                GrantSubject {
                    namespace: Some("ci".into()),
                    ..subject(SubjectKind::ServiceAccount, "deployer")
                },
                subject(SubjectKind::User, "alice@example.com"),
                GrantSubject {
                    namespace: Some("ignored".into()),
                    ..subject(SubjectKind::Group, "db-admins")
                },
            ],
            ..guide_request()
        };
        let binding = serde_json::to_value(binding_for(&req)).unwrap();
        assert_eq!(
            binding,
            json!({
                "apiVersion": "rbac.authorization.k8s.io/v1",
                "kind": "RoleBinding",
                "metadata": {
                    "name": "secret-reader-binding",
                    "namespace": "default",
                    "labels": {"app.kubernetes.io/managed-by": "keyhole"},
                },
                "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "secret-reader"},
                "subjects": [
                    {"kind": "ServiceAccount", "name": "app", "namespace": "default"},
                    {"kind": "ServiceAccount", "name": "deployer", "namespace": "ci"},
                    {"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "alice@example.com"},
                    {"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "db-admins"},
                ],
            })
        );
    }

    #[test]
    fn rbac_names_follow_the_path_segment_rule() {
        let cases: &[(&str, Result<(), &str>)] = &[
            ("secret-reader", Ok(())),
            ("Secret_Reader", Ok(())),
            ("system:controller:x", Ok(())),
            ("a.b", Ok(())),
            ("...", Ok(())),
            (" spaced ", Ok(())),
            ("", Err("name is required")),
            (".", Err("may not be '.'")),
            ("..", Err("may not be '..'")),
            ("a/b", Err("may not contain '/'")),
            ("100%", Err("may not contain '%'")),
            ("a/%", Err("may not contain '/'; may not contain '%'")),
        ];
        for (name, expected) in cases {
            assert_eq!(
                validate_rbac_name(name),
                expected.map_err(String::from),
                "{name:?}"
            );
        }
    }

    #[test]
    fn validation() {
        let with = |f: &dyn Fn(&mut GrantRequest)| {
            let mut req = guide_request();
            f(&mut req);
            fields(&req)
        };
        let cases: Vec<(&str, Vec<GrantField>)> = vec![
            ("valid", with(&|_| {})),
            ("bad namespace", with(&|r| r.namespace = "a.b".into())),
            ("bad secret", with(&|r| r.secret = "Db".into())),
            ("bad role name", with(&|r| r.role_name = "a/b".into())),
            ("empty binding name", with(&|r| r.binding_name.clear())),
            ("no verbs", with(&|r| r.verbs.clear())),
            ("create", with(&|r| r.verbs.push("create".into()))),
            ("wildcard", with(&|r| r.verbs = vec!["*".into()])),
            ("list unconfirmed", with(&|r| r.verbs.push("list".into()))),
            (
                "watch confirmed",
                with(&|r| {
                    r.verbs.push("watch".into());
                    r.confirmed_broad_verbs = true;
                }),
            ),
            ("no subjects", with(&|r| r.subjects.clear())),
            ("empty subject", with(&|r| r.subjects[0].name.clear())),
            ("bad sa name", with(&|r| r.subjects[0].name = "App".into())),
            (
                "bad sa namespace",
                with(&|r| r.subjects[0].namespace = Some("Prod".into())),
            ),
            (
                "empty sa namespace means the secret's",
                with(&|r| r.subjects[0].namespace = Some(String::new())),
            ),
            (
                "user with spaces",
                with(&|r| r.subjects.push(subject(SubjectKind::User, " alice"))),
            ),
            (
                "user with any characters",
                with(&|r| {
                    r.subjects
                        .push(subject(SubjectKind::User, "Alice Smith/ops:1"))
                }),
            ),
            (
                "duplicate",
                with(&|r| {
                    r.subjects.push(GrantSubject {
                        namespace: Some("default".into()),
                        ..subject(SubjectKind::ServiceAccount, "app")
                    })
                }),
            ),
            (
                "same name, other kind",
                with(&|r| r.subjects.push(subject(SubjectKind::User, "app"))),
            ),
            (
                "a service account spelled as a user",
                with(&|r| {
                    r.subjects.push(subject(
                        SubjectKind::User,
                        "system:serviceaccount:default:app",
                    ))
                }),
            ),
        ];
        let expected: Vec<(&str, Vec<GrantField>)> = vec![
            ("valid", vec![]),
            ("bad namespace", vec![GrantField::Namespace]),
            ("bad secret", vec![GrantField::Secret]),
            ("bad role name", vec![GrantField::RoleName]),
            ("empty binding name", vec![GrantField::BindingName]),
            ("no verbs", vec![GrantField::Verbs]),
            ("create", vec![GrantField::Verbs]),
            ("wildcard", vec![GrantField::Verbs]),
            ("list unconfirmed", vec![GrantField::ConfirmBroadVerbs]),
            ("watch confirmed", vec![]),
            ("no subjects", vec![GrantField::Subjects]),
            ("empty subject", vec![GrantField::SubjectName(0)]),
            ("bad sa name", vec![GrantField::SubjectName(0)]),
            ("bad sa namespace", vec![GrantField::SubjectNamespace(0)]),
            ("empty sa namespace means the secret's", vec![]),
            ("user with spaces", vec![GrantField::SubjectName(1)]),
            ("user with any characters", vec![]),
            ("duplicate", vec![GrantField::SubjectName(1)]),
            ("same name, other kind", vec![]),
            (
                "a service account spelled as a user",
                vec![GrantField::SubjectName(1)],
            ),
        ];
        assert_eq!(cases, expected);
    }

    #[test]
    fn messages() {
        let req = GrantRequest {
            verbs: vec!["create".into(), "escalate".into()],
            ..guide_request()
        };
        let messages: Vec<String> = validate(&req).into_iter().map(|e| e.message).collect();
        assert_eq!(
            messages,
            vec![
                CREATE_WARNING.to_string(),
                "'escalate' is not offered: choose from get, list, watch, update, patch, delete"
                    .into(),
            ]
        );
        assert_eq!(
            validate_namespace_name("a.b"),
            Err(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters \
                 or '-', and must start and end with an alphanumeric character"
                    .into()
            )
        );
        assert_eq!(
            validate_namespace_name(&"n".repeat(64)),
            Err("must be no more than 63 characters".into())
        );
    }

    #[test]
    fn warnings() {
        assert!(verb_warning("list")
            .unwrap()
            .contains("fieldSelector=metadata.name"));
        assert!(verb_warning("watch")
            .unwrap()
            .contains("every value in the namespace"));
        assert!(verb_warning("create")
            .unwrap()
            .contains("cannot be limited by resourceNames"));
        for verb in ["get", "update", "patch", "delete"] {
            assert_eq!(verb_warning(verb), None, "{verb}");
        }
        assert!(PODS_CAN_READ_SECRETS.contains("create pods"));
    }

    #[test]
    fn existing_roles_are_compared_not_overwritten() {
        let wanted = role_for(&guide_request());
        let empty: Role = from(json!({"metadata": {"name": "secret-reader"}}));
        assert_eq!(compare_existing(&empty, &wanted), RoleConflict::None);

        let reordered: Role = from(json!({
            "metadata": {"name": "secret-reader"},
            "rules": [{
                "verbs": ["get", "get"],
                "resourceNames": ["db-credentials"],
                "resources": ["secrets"],
                "apiGroups": [""],
            }],
        }));
        assert_eq!(
            compare_existing(&reordered, &wanted),
            RoleConflict::SameRules
        );

        let different: Role = from(json!({
            "metadata": {"name": "secret-reader"},
            "rules": [
                {"apiGroups": [""], "resources": ["secrets"], "resourceNames": ["db-credentials", "tls-cert"], "verbs": ["get", "list"]},
                {"apiGroups": ["", "apps"], "resources": ["configmaps", "deployments"], "verbs": ["watch"]},
                {"nonResourceURLs": ["/healthz"], "verbs": ["get"]},
            ],
        }));
        assert_eq!(
            compare_existing(&different, &wanted),
            RoleConflict::DifferentRules {
                existing_summary: "get, list on secrets named db-credentials, tls-cert; \
                                   watch on configmaps, deployments in API groups core, apps; \
                                   get on /healthz"
                    .into()
            }
        );
    }

    #[test]
    fn updated_role_keeps_the_resource_version() {
        let wanted = role_for(&GrantRequest {
            verbs: vec!["get".into(), "update".into()],
            ..guide_request()
        });
        let updated = updated_role(&guide_role(), &wanted);
        assert_eq!(updated.metadata, guide_role().metadata);
        assert_eq!(updated.metadata.resource_version.as_deref(), Some("41"));
        assert_eq!(updated.rules, wanted.rules);
    }

    #[test]
    fn bindings_merge_their_subjects() {
        let existing: RoleBinding = from(json!({
            "metadata": {"name": "secret-reader-binding", "namespace": "default", "resourceVersion": "7"},
            "roleRef": {"apiGroup": RBAC_API_GROUP, "kind": "Role", "name": "secret-reader"},
            "subjects": [
                {"kind": "ServiceAccount", "name": "app"},
                {"kind": "User", "apiGroup": RBAC_API_GROUP, "name": "alice"},
            ],
        }));
        let wanted = binding_for(&GrantRequest {
            subjects: vec![
                subject(SubjectKind::ServiceAccount, "app"),
                subject(SubjectKind::User, "bob"),
                subject(SubjectKind::User, "alice"),
            ],
            ..guide_request()
        });
        let merged = merged_binding(&existing, &wanted).unwrap();
        assert_eq!(merged.metadata, existing.metadata);
        assert_eq!(
            serde_json::to_value(&merged.subjects).unwrap(),
            json!([
                {"kind": "ServiceAccount", "name": "app"},
                {"kind": "User", "apiGroup": RBAC_API_GROUP, "name": "alice"},
                {"kind": "User", "apiGroup": RBAC_API_GROUP, "name": "bob"},
            ])
        );
        assert_eq!(merged_binding(&merged, &wanted).unwrap(), merged);

        let mut elsewhere = existing.clone();
        elsewhere.role_ref.kind = "ClusterRole".into();
        elsewhere.role_ref.name = "view".into();
        let err = merged_binding(&elsewhere, &wanted).unwrap_err();
        assert!(err.contains("ClusterRole view"), "{err}");
    }

    proptest! {
        #[test]
        fn rbac_name_rule_matches_its_definition(name in "[a-z./%: A-Z0-9-]{0,8}") {
            let expected = !name.is_empty()
                && name != "."
                && name != ".."
                && !name.contains('/')
                && !name.contains('%');
            prop_assert_eq!(validate_rbac_name(&name).is_ok(), expected);
        }
    }
}
