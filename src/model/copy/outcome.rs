//! Where a copy stands in each target namespace, from the first check to the
//! write, and the sentence that says what was and was not written.

use crate::model::secret::draft::DraftEntry;
use crate::model::secret::key_changes::key_changes;
use k8s_openapi::api::core::v1::Secret;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetState {
    /// Permission and dry run are being asked.
    Checking,
    /// Allowed, and the server-side dry run accepted the copy.
    Ready,
    /// A secret of that name is there already. `differences` name keys only
    /// (None when the user may not read it); `resource_version` is that
    /// secret's, for a replace that must not overwrite a newer change.
    Exists {
        differences: Option<Vec<String>>,
        resource_version: Option<String>,
    },
    Forbidden(String),
    UnknownNamespace,
    /// The server refused; its message.
    Failed(String),
    Writing,
    Created,
    Replaced,
}

impl TargetState {
    pub fn written(&self) -> bool {
        matches!(self, TargetState::Created | TargetState::Replaced)
    }

    pub fn busy(&self) -> bool {
        matches!(self, TargetState::Checking | TargetState::Writing)
    }

    /// The short word a result row leads with.
    pub fn label(&self) -> &'static str {
        match self {
            TargetState::Checking => "checking…",
            TargetState::Ready => "ready to copy",
            TargetState::Exists { .. } => "already exists",
            TargetState::Forbidden(_) => "forbidden",
            TargetState::UnknownNamespace => "namespace does not exist",
            TargetState::Failed(_) => "failed",
            TargetState::Writing => "writing…",
            TargetState::Created => "created",
            TargetState::Replaced => "replaced",
        }
    }
}

/// How the copy differs from the secret already in a target: per key, and
/// in type and immutability. Values are compared, never shown.
pub fn differences(existing: &Secret, copy: &Secret) -> Vec<String> {
    let stored: BTreeMap<String, Vec<u8>> = existing
        .data
        .iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.0.clone()))
        .collect();
    let rows: Vec<DraftEntry> = copy
        .data
        .iter()
        .flatten()
        .map(|(k, v)| DraftEntry {
            key: k.clone(),
            value: v.0.clone(),
            original_key: Some(k.clone()),
        })
        .collect();
    let mut out: Vec<String> = key_changes(&stored, &rows)
        .iter()
        .map(ToString::to_string)
        .collect();
    let type_of = |s: &Secret| s.type_.clone().unwrap_or_else(|| "Opaque".into());
    if type_of(existing) != type_of(copy) {
        out.push(format!("type: {} → {}", type_of(existing), type_of(copy)));
    }
    let immutable = |s: &Secret| s.immutable == Some(true);
    if immutable(existing) != immutable(copy) {
        out.push(format!(
            "immutable: {} → {}",
            immutable(existing),
            immutable(copy)
        ));
    }
    out
}

/// After the writes: exactly where the copy is and where it is not. None
/// while any target is still being checked or written.
pub fn write_summary(targets: &[(String, TargetState)]) -> Option<String> {
    if targets.iter().any(|(_, s)| s.busy()) {
        return None;
    }
    let (written, not): (Vec<_>, Vec<_>) = targets.iter().partition(|(_, s)| s.written());
    let names = |list: &[&(String, TargetState)]| {
        list.iter()
            .map(|(ns, s)| format!("{ns} ({})", s.label()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(match (written.is_empty(), not.is_empty()) {
        (false, true) => format!("Written to every target: {}.", names(&written)),
        (true, _) => format!("Nothing was written. Not written: {}.", names(&not)),
        (false, false) => format!(
            "Written: {}. Not written: {}.",
            names(&written),
            names(&not)
        ),
    })
}

/// After the writes of a copy of several secrets: each (original, target)
/// pair that was and was not written. None while any is under way.
pub fn pairs_summary(pairs: &[(String, String, TargetState)]) -> Option<String> {
    if pairs.iter().any(|(_, _, s)| s.busy()) {
        return None;
    }
    let line = |(source, target, state): &(String, String, TargetState)| {
        format!("{source} → {target} ({})", state.label())
    };
    let written: Vec<String> = pairs.iter().filter(|p| p.2.written()).map(line).collect();
    let not: Vec<String> = pairs.iter().filter(|p| !p.2.written()).map(line).collect();
    let noun = if pairs.len() == 1 { "copy" } else { "copies" };
    let head = format!("Written {} of {} {noun}.", written.len(), pairs.len());
    Some(match (written.is_empty(), not.is_empty()) {
        (_, true) => head,
        (true, false) => format!("Nothing was written. Not written: {}.", not.join(", ")),
        (false, false) => format!("{head} Not written: {}.", not.join(", ")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn secret(value: serde_json::Value) -> Secret {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn differences_name_keys_type_and_immutability_never_values() {
        let existing = secret(json!({"type": "Opaque",
            "data": {"password": "b2xk", "user": "YWRtaW4=", "extra": "eA=="}}));
        let copy = secret(json!({"type": "Opaque", "immutable": true,
            "data": {"password": "bmV3", "user": "YWRtaW4=", "host": "aA=="}}));
        let found = differences(&existing, &copy);
        assert_eq!(
            found,
            [
                "+ host (new)",
                "password: value changed",
                "- extra (removed)",
                "immutable: false → true"
            ]
        );
        assert!(!found.concat().contains("old") && !found.concat().contains("new\""));
        assert_eq!(differences(&copy, &copy), Vec::<String>::new());
    }

    #[test]
    fn the_summary_lists_what_was_and_was_not_written() {
        let all = [
            ("a".to_string(), TargetState::Created),
            ("b".to_string(), TargetState::Replaced),
        ];
        assert_eq!(
            write_summary(&all).unwrap(),
            "Written to every target: a (created), b (replaced)."
        );
        let partial = [
            ("a".to_string(), TargetState::Created),
            (
                "b".to_string(),
                TargetState::Exists {
                    differences: None,
                    resource_version: None,
                },
            ),
            ("c".to_string(), TargetState::UnknownNamespace),
            ("d".to_string(), TargetState::Forbidden("no".into())),
            ("e".to_string(), TargetState::Failed("boom".into())),
        ];
        assert_eq!(
            write_summary(&partial).unwrap(),
            "Written: a (created). Not written: b (already exists), \
             c (namespace does not exist), d (forbidden), e (failed)."
        );
        let none = [("c".to_string(), TargetState::UnknownNamespace)];
        assert_eq!(
            write_summary(&none).unwrap(),
            "Nothing was written. Not written: c (namespace does not exist)."
        );
        let busy = [("a".to_string(), TargetState::Writing)];
        assert_eq!(write_summary(&busy), None);
    }

    #[test]
    fn a_bulk_summary_names_every_pair_not_written() {
        let pair = |s: &str, t: &str, state| (s.to_string(), t.to_string(), state);
        let pairs = vec![
            pair("a/db", "b", TargetState::Created),
            pair("a/api", "b", TargetState::Forbidden("no".into())),
        ];
        assert_eq!(
            pairs_summary(&pairs).unwrap(),
            "Written 1 of 2 copies. Not written: a/api → b (forbidden)."
        );
        assert_eq!(pairs_summary(&pairs[..1]).unwrap(), "Written 1 of 1 copy.");
        assert_eq!(
            pairs_summary(&[pair("a/db", "b", TargetState::Writing)]),
            None
        );
        assert!(pairs_summary(&pairs[1..])
            .unwrap()
            .starts_with("Nothing was written."));
    }
}
