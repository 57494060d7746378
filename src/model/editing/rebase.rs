//! Carrying the user's edits onto the newer version of a secret after a
//! conflict (someone saved between our read and our write). What the user
//! changed wins; what they did not touch follows the newer version; nothing
//! the other writer added is silently deleted by our save.

use k8s_openapi::api::core::v1::Secret;
use std::collections::BTreeMap;

/// Annotations whose value holds the secret's values: kept on an edit but
/// never shown (`last-applied-configuration` repeats every value).
pub const HIDDEN_ANNOTATIONS: &[&str] = &["kubectl.kubernetes.io/last-applied-configuration"];

/// The annotations of `secret` that are kept but never shown.
pub fn hidden_annotations(secret: &Secret) -> Vec<(String, String)> {
    secret
        .metadata
        .annotations
        .iter()
        .flatten()
        .filter(|(k, _)| HIDDEN_ANNOTATIONS.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// One key row of the form, as the rebase needs to know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowBasis {
    /// The key the row had in the version the user opened (None: a row the
    /// user added).
    pub original_key: Option<String>,
    /// The user left the stored value as it was.
    pub untouched: bool,
}

/// What becomes of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowFate {
    /// The row stays; its stored value becomes `stored` when the newer
    /// version has the row's key (None: a new row, or an edited row whose
    /// key the other writer removed; the user's value is saved as new).
    Keep { stored: Option<Vec<u8>> },
    /// An untouched row whose key the other writer removed: it goes too.
    Drop,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebased {
    /// One fate per row, in the rows' order.
    pub rows: Vec<RowFate>,
    /// Keys the other writer added, as untouched rows to append.
    pub added: Vec<(String, Vec<u8>)>,
    /// The newer version's values: the basis for the next review's changes.
    pub original: BTreeMap<String, Vec<u8>>,
    pub hidden_annotations: Vec<(String, String)>,
}

/// `before`: the values of the version the user opened.
pub fn rebase_edits(
    rows: &[RowBasis],
    before: &BTreeMap<String, Vec<u8>>,
    latest: &Secret,
) -> Rebased {
    let original: BTreeMap<String, Vec<u8>> = latest
        .data
        .iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.0.clone()))
        .collect();
    let rows = rows
        .iter()
        .map(|row| {
            let newer = row
                .original_key
                .as_ref()
                .and_then(|k| original.get(k))
                .cloned();
            match (&row.original_key, newer) {
                (Some(_), None) if row.untouched => RowFate::Drop,
                (_, stored) => RowFate::Keep { stored },
            }
        })
        .collect();
    let added = original
        .iter()
        .filter(|(k, _)| !before.contains_key(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Rebased {
        rows,
        added,
        original,
        hidden_annotations: hidden_annotations(latest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn secret(data: serde_json::Value, annotations: serde_json::Value) -> Secret {
        serde_json::from_value(json!({
            "metadata": {"name": "db", "namespace": "default", "annotations": annotations},
            "data": data,
        }))
        .unwrap()
    }

    fn row(key: Option<&str>, untouched: bool) -> RowBasis {
        RowBasis {
            original_key: key.map(String::from),
            untouched,
        }
    }

    fn values(pairs: &[(&str, &[u8])]) -> BTreeMap<String, Vec<u8>> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_vec()))
            .collect()
    }

    #[test]
    fn edits_win_untouched_rows_follow_and_added_keys_appear() {
        // The user opened {user, password, old}; changed password, left user
        // and old alone, and added a row. Meanwhile someone changed user,
        // removed old and added token.
        let before = values(&[("user", b"u1"), ("password", b"p1"), ("old", b"o")]);
        // base64 of u2, p2, tok
        let latest = secret(
            json!({"user": "dTI=", "password": "cDI=", "token": "dG9r"}),
            json!({}),
        );
        let rows = [
            row(Some("user"), true),
            row(Some("password"), false),
            row(Some("old"), true),
            row(None, false),
        ];
        let rebased = rebase_edits(&rows, &before, &latest);
        assert_eq!(
            rebased.rows,
            [
                RowFate::Keep {
                    stored: Some(b"u2".to_vec())
                },
                RowFate::Keep {
                    stored: Some(b"p2".to_vec())
                },
                RowFate::Drop,
                RowFate::Keep { stored: None },
            ]
        );
        assert_eq!(rebased.added, [("token".to_string(), b"tok".to_vec())]);
        assert_eq!(
            rebased.original,
            values(&[("user", b"u2"), ("password", b"p2"), ("token", b"tok")])
        );
    }

    #[test]
    fn an_edited_row_whose_key_was_removed_is_kept_as_new() {
        let before = values(&[("password", b"p1")]);
        let latest = secret(json!({}), json!({}));
        let rebased = rebase_edits(&[row(Some("password"), false)], &before, &latest);
        assert_eq!(rebased.rows, [RowFate::Keep { stored: None }]);
        assert!(rebased.added.is_empty());
    }

    #[test]
    fn value_bearing_annotations_are_taken_from_the_newer_version() {
        let latest = secret(
            json!({}),
            json!({"kubectl.kubernetes.io/last-applied-configuration": "{…}", "team": "a"}),
        );
        let rebased = rebase_edits(&[], &BTreeMap::new(), &latest);
        assert_eq!(
            rebased.hidden_annotations,
            [(
                "kubectl.kubernetes.io/last-applied-configuration".to_string(),
                "{…}".to_string()
            )]
        );
    }
}
