//! "Before saving, show which keys change": the difference between the stored
//! data and the form, by key. Values are compared, never shown.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::model::secret::draft::DraftEntry;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyChange {
    Added(String),
    Removed(String),
    Changed(String),
    Renamed { from: String, to: String },
    RenamedAndChanged { from: String, to: String },
}

impl fmt::Display for KeyChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyChange::Added(key) => write!(f, "+ {key} (new)"),
            KeyChange::Removed(key) => write!(f, "- {key} (removed)"),
            KeyChange::Changed(key) => write!(f, "{key}: value changed"),
            KeyChange::Renamed { from, to } => write!(f, "{from} → {to} (renamed)"),
            KeyChange::RenamedAndChanged { from, to } => {
                write!(f, "{from} → {to} (renamed, value changed)")
            }
        }
    }
}

/// The changes from `original` (the stored data) to the form's rows,
/// unchanged keys left out: first the rows' changes in form order, then the
/// removed keys alphabetically.
///
/// A row is matched to the stored key it came from (`original_key`), so
/// editing a key reads as a rename. Rows with an empty key are skipped (they
/// are blank, or invalid and stopped by validation). Removing a key and
/// adding a new row with the same key is not a removal and an addition but,
/// from the cluster's point of view, the same key with a new value or none
/// at all, and is reported that way.
pub fn key_changes(original: &BTreeMap<String, Vec<u8>>, draft: &[DraftEntry]) -> Vec<KeyChange> {
    let rows: Vec<&DraftEntry> = draft.iter().filter(|e| !e.key.is_empty()).collect();

    // Which stored key each row continues; a stored key claimed by two rows
    // (a duplicated row) belongs to the first, the other counts as new.
    let mut claimed: BTreeSet<&str> = BTreeSet::new();
    let sources: Vec<Option<&str>> = rows
        .iter()
        .map(|row| {
            row.original_key
                .as_deref()
                .filter(|k| original.contains_key(*k) && claimed.insert(k))
        })
        .collect();
    let mut unclaimed: BTreeSet<&str> = original
        .keys()
        .map(String::as_str)
        .filter(|k| !claimed.contains(k))
        .collect();

    let mut changes = Vec::new();
    for (row, source) in rows.iter().zip(&sources) {
        let key = &row.key;
        match source {
            Some(from) if *from == key => {
                if original[*from] != row.value {
                    changes.push(KeyChange::Changed(key.clone()));
                }
            }
            Some(from) => {
                let (from, to) = (from.to_string(), key.clone());
                changes.push(if original[&from] == row.value {
                    KeyChange::Renamed { from, to }
                } else {
                    KeyChange::RenamedAndChanged { from, to }
                });
            }
            // A new row taking the key of a removed one.
            None if unclaimed.remove(key.as_str()) => {
                if original[key] != row.value {
                    changes.push(KeyChange::Changed(key.clone()));
                }
            }
            None => changes.push(KeyChange::Added(key.clone())),
        }
    }
    changes.extend(
        unclaimed
            .into_iter()
            .map(|k| KeyChange::Removed(k.to_string())),
    );
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(pairs: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
            .collect()
    }

    fn row(key: &str, value: &str, original: Option<&str>) -> DraftEntry {
        DraftEntry {
            key: key.into(),
            value: value.as_bytes().to_vec(),
            original_key: original.map(String::from),
        }
    }

    fn texts(changes: &[KeyChange]) -> Vec<String> {
        changes.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn nothing_changed_is_empty() {
        let original = stored(&[("user", "admin"), ("password", "s3cret")]);
        let draft = [
            row("password", "s3cret", Some("password")),
            row("user", "admin", Some("user")),
        ];
        assert_eq!(key_changes(&original, &draft), []);
    }

    #[test]
    fn every_kind_of_change() {
        let original = stored(&[
            ("old-key", "x"),
            ("password", "s3cret"),
            ("token", "t"),
            ("user", "admin"),
        ]);
        let draft = [
            row("password", "n3w", Some("password")),
            row("username", "admin", Some("user")),
            row("api-token", "t2", Some("token")),
            row("api-key", "k", None),
            row("", "", None),
        ];
        let changes = key_changes(&original, &draft);
        assert_eq!(
            changes,
            [
                KeyChange::Changed("password".into()),
                KeyChange::Renamed {
                    from: "user".into(),
                    to: "username".into()
                },
                KeyChange::RenamedAndChanged {
                    from: "token".into(),
                    to: "api-token".into()
                },
                KeyChange::Added("api-key".into()),
                KeyChange::Removed("old-key".into()),
            ]
        );
        assert_eq!(
            texts(&changes),
            [
                "password: value changed",
                "user → username (renamed)",
                "token → api-token (renamed, value changed)",
                "+ api-key (new)",
                "- old-key (removed)",
            ]
        );
    }

    #[test]
    fn removing_and_re_adding_a_key_is_a_change_not_two() {
        let original = stored(&[("password", "old")]);
        assert_eq!(
            key_changes(&original, &[row("password", "new", None)]),
            [KeyChange::Changed("password".into())]
        );
        assert_eq!(key_changes(&original, &[row("password", "old", None)]), []);
    }

    #[test]
    fn swapping_two_keys_is_two_renames() {
        let original = stored(&[("a", "1"), ("b", "2")]);
        let draft = [row("b", "1", Some("a")), row("a", "2", Some("b"))];
        assert_eq!(
            texts(&key_changes(&original, &draft)),
            ["a → b (renamed)", "b → a (renamed)"]
        );
    }

    #[test]
    fn a_duplicated_row_counts_as_new() {
        let original = stored(&[("a", "1")]);
        let draft = [row("a", "1", Some("a")), row("a-copy", "1", Some("a"))];
        assert_eq!(texts(&key_changes(&original, &draft)), ["+ a-copy (new)"]);
    }

    #[test]
    fn everything_removed() {
        let original = stored(&[("a", "1"), ("b", "2")]);
        assert_eq!(
            texts(&key_changes(&original, &[])),
            ["- a (removed)", "- b (removed)"]
        );
    }

    #[test]
    fn values_never_appear_in_the_text() {
        let original = stored(&[("k", "hunter2"), ("r", "hunter3")]);
        let draft = [
            row("k", "hunter4", Some("k")),
            row("r2", "hunter5", Some("r")),
        ];
        for change in key_changes(&original, &draft) {
            assert!(!change.to_string().contains("hunter"));
            assert!(!format!("{change:?}").contains("hunter"));
        }
    }
}
