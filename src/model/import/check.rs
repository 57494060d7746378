//! A found Secret through the create form's own checks (`prepare_write`:
//! names, keys, sizes, type rules), as a create or, when a secret of that
//! name exists, as an update over it that carries its `resourceVersion`.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::Secret;

use crate::model::editing::prepare::{prepare_write, Submission};
use crate::model::import::candidate::Found;
use crate::model::problem::Problem;
use crate::model::secret::draft::{Field, SecretDraft};
use crate::model::secret::key_changes::{key_changes, KeyChange};

#[derive(Debug, Clone)]
pub struct Checked {
    /// Problems that stop this document, each naming its key or field.
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
    /// What to send when nothing stops it.
    pub secret: Option<Secret>,
    /// For an update: the keys that change (added, changed, removed).
    pub changes: Vec<KeyChange>,
}

/// `stored`: the secret of the same name and namespace, when there is one.
pub fn check(found: &Found, stored: Option<&Secret>, now: i64) -> Checked {
    let mut draft = found.draft.clone();
    if stored.is_some() {
        // Matching stored keys read as the same key, so the changes list
        // "changed" and "new" rather than renames.
        for entry in &mut draft.entries {
            entry.original_key = Some(entry.key.clone());
        }
    }
    let stored_data: BTreeMap<String, Vec<u8>> = stored
        .and_then(|s| s.data.as_ref())
        .map(|d| d.iter().map(|(k, v)| (k.clone(), v.0.clone())).collect())
        .unwrap_or_default();
    let changes = match stored {
        Some(_) => key_changes(&stored_data, &draft.entries),
        None => Vec::new(),
    };
    let prepared = prepare_write(Submission {
        draft,
        row_problems: Vec::new(),
        typed: None,
        notes: &found.notes,
        stored,
        now,
    });
    let mut errors: Vec<String> = found
        .bad_base64
        .iter()
        .map(|key| format!("data key \"{key}\" is not valid base64"))
        .collect();
    errors.extend(prepared.errors.iter().map(|p| describe(p, &found.draft)));
    Checked {
        secret: prepared
            .ready
            .filter(|_| errors.is_empty())
            .map(|r| r.secret),
        errors,
        warnings: prepared.warnings,
        changes,
    }
}

/// A form problem as a sentence that says which field it is on, since the
/// import has no fields to put it next to.
fn describe(problem: &Problem<Field>, draft: &SecretDraft) -> String {
    let key = |i: usize| draft.entries.get(i).map_or("", |e| e.key.as_str());
    let label = |i: usize| draft.labels.get(i).map_or("", |(k, _)| k.as_str());
    let message = &problem.message;
    match problem.field {
        Field::Name => format!("name: {message}"),
        Field::Key(i) => format!("key \"{}\": {message}", key(i)),
        Field::Value(i) => format!("value of \"{}\": {message}", key(i)),
        Field::LabelKey(i) => format!("label \"{}\": {message}", label(i)),
        Field::LabelValue(i) => format!("value of label \"{}\": {message}", label(i)),
        Field::AnnotationKey(i) => format!(
            "annotation \"{}\": {message}",
            draft.annotations.get(i).map_or("", |(k, _)| k.as_str())
        ),
        Field::Annotations => format!("annotations: {message}"),
        Field::Data => format!("data: {message}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::import::candidate::candidates;
    use crate::model::import::parse::parse_documents;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
    use k8s_openapi::ByteString;

    const NOW: i64 = 1_780_000_000;

    fn found(text: &str) -> Found {
        let docs = parse_documents(text).unwrap();
        candidates(&docs, "team-a").remove(0).outcome.unwrap()
    }

    #[test]
    fn a_valid_secret_is_ready_to_create() {
        let f = found(
            "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: pw}\n",
        );
        let checked = check(&f, None, NOW);
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        let secret = checked.secret.expect("ready");
        assert_eq!(secret.metadata.namespace.as_deref(), Some("team-a"));
        assert_eq!(secret.data.unwrap()["password"].0, b"pw");
        assert_eq!(secret.metadata.resource_version, None);
    }

    #[test]
    fn the_forms_checks_name_their_field() {
        let f = found(
            "apiVersion: v1\nkind: Secret\nmetadata: {name: Bad_Name}\nstringData: {'bad key': x}\n",
        );
        let checked = check(&f, None, NOW);
        assert!(checked.secret.is_none());
        assert!(
            checked.errors[0].starts_with("name: "),
            "{:?}",
            checked.errors
        );
        assert!(
            checked.errors[1].starts_with("key \"bad key\": "),
            "{:?}",
            checked.errors
        );
    }

    #[test]
    fn type_rules_apply_as_in_the_form() {
        let f = found(
            "apiVersion: v1\nkind: Secret\nmetadata: {name: tls}\ntype: kubernetes.io/tls\nstringData: {tls.crt: nonsense}\n",
        );
        let checked = check(&f, None, NOW);
        assert!(checked.secret.is_none());
        assert!(!checked.errors.is_empty());
        assert!(
            checked.errors.iter().all(|e| !e.contains("nonsense")),
            "{:?}",
            checked.errors
        );
    }

    #[test]
    fn bad_base64_blocks_and_names_the_key() {
        let f = found("apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata: {token: '%%%'}\n");
        let checked = check(&f, None, NOW);
        assert!(checked.secret.is_none());
        assert_eq!(checked.errors, ["data key \"token\" is not valid base64"]);
    }

    #[test]
    fn an_existing_secret_becomes_an_update_with_its_version_and_changed_keys() {
        let f = found(
            "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {same: s, changed: new, added: a}\n",
        );
        let data = [("same", "s"), ("changed", "old"), ("gone", "g")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), ByteString(v.as_bytes().to_vec())))
            .collect();
        let stored = Secret {
            metadata: ObjectMeta {
                name: Some("db".into()),
                namespace: Some("team-a".into()),
                resource_version: Some("42".into()),
                ..ObjectMeta::default()
            },
            data: Some(data),
            ..Secret::default()
        };
        let checked = check(&f, Some(&stored), NOW);
        let secret = checked.secret.expect("ready");
        assert_eq!(secret.metadata.resource_version.as_deref(), Some("42"));
        let mut changes: Vec<String> = checked.changes.iter().map(ToString::to_string).collect();
        changes.sort();
        assert_eq!(
            changes,
            [
                "+ added (new)",
                "- gone (removed)",
                "changed: value changed"
            ]
        );
    }
}
