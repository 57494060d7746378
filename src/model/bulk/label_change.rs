//! Adding or removing one label on several secrets: the input checked as
//! the apiserver would (so nothing is sent for a bad key or value), whether
//! a secret already has it so, and the merge patch that carries the
//! resourceVersion read, so a secret changed meanwhile answers 409 instead
//! of being written over.

use crate::model::problem::Problem;
use crate::model::secret::validation::{validate_label_key, validate_label_value};
use serde_json::{json, Value};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelField {
    Key,
    Value,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelChange {
    /// Sets `key` to `value` (adds it, or changes its value).
    Set {
        key: String,
        value: String,
    },
    Remove {
        key: String,
    },
}

/// The change the user asked for, or the problems to show next to the key
/// and value fields. `remove`: the Remove choice, which takes no value.
pub fn label_change(
    remove: bool,
    key: &str,
    value: &str,
) -> Result<LabelChange, Vec<Problem<LabelField>>> {
    let key = key.trim();
    let mut problems = Vec::new();
    if let Err(e) = validate_label_key(key) {
        problems.push(Problem::error(LabelField::Key, format!("Label key: {e}")));
    }
    if !remove {
        if let Err(e) = validate_label_value(value.trim()) {
            problems.push(Problem::error(
                LabelField::Value,
                format!("Label value: {e}"),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(if remove {
        LabelChange::Remove { key: key.into() }
    } else {
        LabelChange::Set {
            key: key.into(),
            value: value.trim().into(),
        }
    })
}

impl LabelChange {
    /// Whether `labels` are already as asked: nothing needs sending.
    pub fn already(&self, labels: &BTreeMap<String, String>) -> bool {
        match self {
            LabelChange::Set { key, value } => labels.get(key) == Some(value),
            LabelChange::Remove { key } => !labels.contains_key(key),
        }
    }

    /// The JSON merge patch (`kubectl label` sends the same shape, with
    /// `--resource-version` adding the precondition): null removes a key.
    pub fn merge_patch(&self, resource_version: &str) -> Value {
        let (key, value) = match self {
            LabelChange::Set { key, value } => (key, Value::String(value.clone())),
            LabelChange::Remove { key } => (key, Value::Null),
        };
        json!({ "metadata": { "labels": { key: value }, "resourceVersion": resource_version } })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_set_patch_carries_the_version_read() {
        let change = label_change(false, " team ", "payments").unwrap();
        assert_eq!(
            change.merge_patch("42"),
            json!({"metadata": {"labels": {"team": "payments"}, "resourceVersion": "42"}})
        );
    }

    #[test]
    fn a_remove_patch_nulls_the_key_and_ignores_the_value_field() {
        let change = label_change(true, "example.com/owner", "not a value!").unwrap();
        assert_eq!(
            change.merge_patch("7"),
            json!({"metadata": {"labels": {"example.com/owner": null}, "resourceVersion": "7"}})
        );
    }

    #[test]
    fn bad_keys_and_values_are_named_at_their_field() {
        let problems = label_change(false, "Bad Key", "-x").unwrap_err();
        let fields: Vec<LabelField> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, vec![LabelField::Key, LabelField::Value]);
        assert!(problems[0].message.starts_with("Label key: "));
        let empty = label_change(true, "", "").unwrap_err();
        assert_eq!(empty[0].message, "Label key: key is required");
    }

    #[test]
    fn already_so_means_nothing_to_send() {
        let now = labels(&[("team", "payments")]);
        assert!(label_change(false, "team", "payments")
            .unwrap()
            .already(&now));
        assert!(!label_change(false, "team", "web").unwrap().already(&now));
        assert!(label_change(true, "app", "").unwrap().already(&now));
        assert!(!label_change(true, "team", "").unwrap().already(&now));
    }

    #[test]
    fn an_empty_value_is_a_valid_label() {
        assert_eq!(
            label_change(false, "flag", "").unwrap(),
            LabelChange::Set {
                key: "flag".into(),
                value: String::new()
            }
        );
    }
}
