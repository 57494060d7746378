//! What granting access will write, decided from what exists already: each
//! of the Role and the RoleBinding is created, updated, or left alone, and an
//! existing Role that grants something else is only replaced with consent.

use super::grant::{
    binding_for, compare_existing, merged_binding, preview_text, role_for, updated_role,
    GrantRequest, RoleConflict,
};
use k8s_openapi::api::rbac::v1::{Role, RoleBinding};
use serde::Serialize;

/// What to do with one object.
#[derive(Debug, Clone, PartialEq)]
pub enum Write<T> {
    Create(T),
    /// Replace the existing object (its resourceVersion is kept, so the
    /// write is refused if it changed after the preview).
    Update(T),
    /// It is already exactly as wanted: nothing is sent.
    Keep,
}

impl<T: Serialize> Write<T> {
    /// The preview's heading for this object and the manifest to show
    /// under it (empty when nothing will be sent).
    pub fn describe(&self, what: &str) -> (String, String) {
        match self {
            Write::Create(obj) => (format!("Create {what}"), preview_text(obj)),
            Write::Update(obj) => (format!("Update the existing {what}"), preview_text(obj)),
            Write::Keep => (
                format!("{what}: already exactly as wanted, left as is"),
                String::new(),
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct GrantPlan {
    pub role: Write<Role>,
    pub binding: Write<RoleBinding>,
    /// The rules an existing Role grants that the update would replace, as
    /// one line; the user must agree before anything is written.
    pub role_conflict: Option<String>,
}

impl GrantPlan {
    /// Whether the plan may be applied without asking first.
    pub fn needs_consent(&self) -> bool {
        self.role_conflict.is_some()
    }
}

/// The plan for `req`, given the Role and RoleBinding of its names that
/// exist (None when absent). An error when the existing binding refers to
/// another role, which cannot be changed: the user must pick another name.
pub fn plan_grant(
    req: &GrantRequest,
    existing_role: Option<&Role>,
    existing_binding: Option<&RoleBinding>,
) -> Result<GrantPlan, String> {
    let wanted_role = role_for(req);
    let (role, role_conflict) = match existing_role {
        None => (Write::Create(wanted_role), None),
        Some(old) => match compare_existing(old, &wanted_role) {
            RoleConflict::SameRules => (Write::Keep, None),
            RoleConflict::None => (Write::Update(updated_role(old, &wanted_role)), None),
            RoleConflict::DifferentRules { existing_summary } => (
                Write::Update(updated_role(old, &wanted_role)),
                Some(existing_summary),
            ),
        },
    };
    let wanted_binding = binding_for(req);
    let binding = match existing_binding {
        None => Write::Create(wanted_binding),
        Some(old) => {
            let merged = merged_binding(old, &wanted_binding)?;
            if &merged == old {
                Write::Keep
            } else {
                Write::Update(merged)
            }
        }
    };
    Ok(GrantPlan {
        role,
        binding,
        role_conflict,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rbac::grant::{GrantSubject, SubjectKind};
    use serde::de::DeserializeOwned;
    use serde_json::{json, Value};

    fn from<T: DeserializeOwned>(value: Value) -> T {
        serde_json::from_value(value).expect("a valid object")
    }

    fn request() -> GrantRequest {
        GrantRequest {
            role_name: "secret-reader".into(),
            binding_name: "secret-reader-binding".into(),
            subjects: vec![GrantSubject {
                kind: SubjectKind::ServiceAccount,
                name: "app".into(),
                namespace: None,
            }],
            ..GrantRequest::for_secret("default", "db-credentials")
        }
    }

    fn role(rules: Value) -> Role {
        from(json!({
            "metadata": {"name": "secret-reader", "namespace": "default", "resourceVersion": "41"},
            "rules": rules,
        }))
    }

    fn the_guides_rules() -> Value {
        json!([{"apiGroups": [""], "resources": ["secrets"],
                "resourceNames": ["db-credentials"], "verbs": ["get"]}])
    }

    fn binding(role_name: &str, subjects: Value) -> RoleBinding {
        from(json!({
            "metadata": {"name": "secret-reader-binding", "namespace": "default", "resourceVersion": "7"},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": role_name},
            "subjects": subjects,
        }))
    }

    #[test]
    fn nothing_there_creates_both() {
        let plan = plan_grant(&request(), None, None).unwrap();
        assert_eq!(plan.role, Write::Create(role_for(&request())));
        assert_eq!(plan.binding, Write::Create(binding_for(&request())));
        assert!(!plan.needs_consent());
        let (title, text) = plan.role.describe("Role");
        assert_eq!(title, "Create Role");
        assert!(text.contains("\"resourceNames\""), "{text}");
    }

    #[test]
    fn the_guides_role_is_kept_and_the_binding_only_gains_subjects() {
        let existing = binding(
            "secret-reader",
            json!([{"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "alice"}]),
        );
        let plan =
            plan_grant(&request(), Some(&role(the_guides_rules())), Some(&existing)).unwrap();
        assert_eq!(plan.role, Write::Keep);
        assert_eq!(
            plan.role.describe("Role"),
            (
                "Role: already exactly as wanted, left as is".into(),
                String::new()
            )
        );
        let Write::Update(merged) = &plan.binding else {
            panic!("the binding should be updated: {:?}", plan.binding);
        };
        let names: Vec<&str> = merged
            .subjects
            .iter()
            .flatten()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names, ["alice", "app"]);
        assert_eq!(merged.metadata.resource_version.as_deref(), Some("7"));
    }

    #[test]
    fn a_binding_that_already_has_everyone_is_kept() {
        let existing = binding(
            "secret-reader",
            json!([{"kind": "ServiceAccount", "name": "app", "namespace": "default"}]),
        );
        let plan =
            plan_grant(&request(), Some(&role(the_guides_rules())), Some(&existing)).unwrap();
        assert_eq!((plan.role, plan.binding), (Write::Keep, Write::Keep));
    }

    #[test]
    fn a_role_granting_something_else_is_replaced_only_with_consent() {
        let broad =
            role(json!([{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get"]}]));
        let plan = plan_grant(&request(), Some(&broad), None).unwrap();
        assert!(plan.needs_consent());
        assert_eq!(plan.role_conflict.as_deref(), Some("get on configmaps"));
        let Write::Update(updated) = &plan.role else {
            panic!("the role should be updated");
        };
        assert_eq!(updated.metadata.resource_version.as_deref(), Some("41"));
        assert_eq!(updated.rules, role_for(&request()).rules);
    }

    #[test]
    fn an_empty_role_is_filled_in_without_asking() {
        let plan = plan_grant(&request(), Some(&role(json!([]))), None).unwrap();
        assert!(matches!(plan.role, Write::Update(_)));
        assert!(!plan.needs_consent());
    }

    #[test]
    fn a_binding_to_another_role_cannot_be_reused() {
        let other = binding("admin", json!([]));
        let err = plan_grant(&request(), None, Some(&other)).unwrap_err();
        assert!(err.contains("refers to Role admin"), "{err}");
    }
}
