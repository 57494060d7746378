//! Turning what the form holds into the Secret to send, or into the problems
//! that stop it. The same checks run before the dry run and before the save.

use crate::model::problem::{has_errors, warning_messages, Problem};
use crate::model::secret::draft::{Field, SecretDraft};
use crate::model::secret_types::draft::{apply_type_form, type_rule_problems};
use crate::model::secret_types::form::{TypeFormField, TypeFormInput};
use k8s_openapi::api::core::v1::Secret;

/// What the form holds at submit time.
pub struct Submission<'a> {
    /// The key rows as a draft, and the rows whose value could not be
    /// decoded (e.g. invalid base64).
    pub draft: SecretDraft,
    pub row_problems: Vec<Problem<Field>>,
    /// The typed form, when the type has one: its inputs are the data, and
    /// the (hidden) key rows are not.
    pub typed: Option<&'a TypeFormInput>,
    /// Notes the editor started with (e.g. what rebuilding a docker config drops).
    pub notes: &'a [String],
    /// The stored secret when editing: its metadata is written back.
    pub stored: Option<&'a Secret>,
    /// Unix seconds, to date certificates.
    pub now: i64,
}

/// The outcome of a submit: problems for each part of the form, warnings
/// to show above the buttons, and — only when nothing blocks — what to send.
#[derive(Debug, Default)]
pub struct Prepared {
    pub errors: Vec<Problem<Field>>,
    pub type_problems: Vec<Problem<TypeFormField>>,
    pub warnings: Vec<String>,
    pub ready: Option<Ready>,
}

#[derive(Debug, Clone)]
pub struct Ready {
    /// The draft as sent (after a typed form wrote its keys into it).
    pub draft: SecretDraft,
    pub secret: Secret,
}

pub fn prepare_write(submission: Submission<'_>) -> Prepared {
    let Submission {
        mut draft,
        row_problems,
        typed,
        notes,
        stored,
        now,
    } = submission;
    let mut warnings = notes.to_vec();
    let mut errors;
    let mut type_problems = Vec::new();
    match typed {
        Some(input) => {
            type_problems = input.check(now);
            warnings.extend(warning_messages(&type_problems));
            if has_errors(&type_problems) {
                // Only the name is outside the typed form.
                let errors = draft
                    .validate()
                    .into_iter()
                    .filter(|e| e.field == Field::Name)
                    .collect();
                return Prepared {
                    errors,
                    type_problems,
                    warnings,
                    ready: None,
                };
            }
            apply_type_form(input, &mut draft, stored.is_some());
            errors = Vec::new();
        }
        None => {
            errors = row_problems;
            // Warnings go to the list above the buttons; errors to their fields.
            let problems = type_rule_problems(&draft, now);
            warnings.extend(warning_messages(&problems));
            errors.extend(problems.into_iter().filter(Problem::is_error));
        }
    }
    errors.extend(draft.validate());
    let ready = errors.is_empty().then(|| Ready {
        secret: match stored {
            Some(stored) => draft.to_updated_secret(stored),
            None => draft.to_secret(),
        },
        draft,
    });
    Prepared {
        errors,
        type_problems,
        warnings,
        ready,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::secret::draft::DraftEntry;
    use serde_json::json;

    const NOW: i64 = 1_780_000_000;

    fn entry(key: &str, value: &str) -> DraftEntry {
        DraftEntry {
            key: key.into(),
            value: value.as_bytes().to_vec(),
            original_key: None,
        }
    }

    fn draft(name: &str, secret_type: &str, entries: Vec<DraftEntry>) -> SecretDraft {
        SecretDraft {
            name: name.into(),
            namespace: "default".into(),
            secret_type: secret_type.into(),
            entries,
            ..SecretDraft::default()
        }
    }

    fn submit(draft: SecretDraft, typed: Option<&TypeFormInput>) -> Prepared {
        prepare_write(Submission {
            draft,
            row_problems: vec![],
            typed,
            notes: &[],
            stored: None,
            now: NOW,
        })
    }

    #[test]
    fn a_valid_draft_is_ready_to_send() {
        let prepared = submit(draft("db", "Opaque", vec![entry("password", "pw")]), None);
        assert!(prepared.errors.is_empty(), "{:?}", prepared.errors);
        let ready = prepared.ready.expect("ready");
        assert_eq!(ready.secret.metadata.name.as_deref(), Some("db"));
        assert_eq!(ready.secret.data.unwrap()["password"].0, b"pw");
        assert_eq!(ready.secret.metadata.resource_version, None);
    }

    #[test]
    fn row_problems_and_validation_both_block() {
        let prepared = prepare_write(Submission {
            draft: draft("Bad Name", "Opaque", vec![entry("k", "")]),
            row_problems: vec![Problem::error(Field::Value(0), "not base64")],
            typed: None,
            notes: &[],
            stored: None,
            now: NOW,
        });
        let fields: Vec<Field> = prepared.errors.iter().map(|e| e.field.clone()).collect();
        assert_eq!(fields, [Field::Value(0), Field::Name]);
        assert!(prepared.ready.is_none());
    }

    #[test]
    fn type_rules_on_key_rows_block_on_their_row() {
        // A kubernetes.io/basic-auth secret edited key by key without either key.
        let prepared = submit(
            draft(
                "creds",
                "kubernetes.io/basic-auth",
                vec![entry("other", "x")],
            ),
            None,
        );
        assert!(prepared.ready.is_none());
        assert!(!prepared.errors.is_empty());
    }

    #[test]
    fn a_value_edited_in_place_into_something_its_type_refuses_blocks_at_that_value() {
        // Edited in place: a TLS key turned into garbage, a registry file that
        // no longer parses. The message sits at the edited value, as in the typed forms.
        for (secret_type, key, garbage) in [
            (
                "kubernetes.io/tls",
                "tls.key",
                "-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n",
            ),
            (
                "kubernetes.io/dockerconfigjson",
                ".dockerconfigjson",
                "{\"auths\": {\"r.example.com\": ",
            ),
        ] {
            let mut entries = vec![entry(key, garbage)];
            if key == "tls.key" {
                let crt = std::str::from_utf8(crate::model::test_fixtures::RSA_CRT).unwrap();
                entries.insert(0, entry("tls.crt", crt));
            }
            let index = entries.iter().position(|e| e.key == key).unwrap();
            let prepared = submit(draft("edited", secret_type, entries), None);
            assert!(prepared.ready.is_none(), "{secret_type}");
            assert!(
                prepared
                    .errors
                    .iter()
                    .any(|e| e.field == Field::Value(index)),
                "{secret_type}: {:?}",
                prepared
                    .errors
                    .iter()
                    .map(|e| (&e.field, &e.message))
                    .collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn a_typed_form_replaces_the_key_rows() {
        let typed = TypeFormInput::BasicAuth {
            username: "admin".into(),
            password: "s3cret".into(),
        };
        // A stale row error from the hidden rows does not count.
        let prepared = prepare_write(Submission {
            draft: draft("creds", "Opaque", vec![entry("ignored", "x")]),
            row_problems: vec![Problem::error(Field::Value(0), "not base64")],
            typed: Some(&typed),
            notes: &["a note".to_string()],
            stored: None,
            now: NOW,
        });
        assert_eq!(prepared.warnings, ["a note"]);
        let ready = prepared.ready.expect("ready");
        assert_eq!(
            ready.secret.type_.as_deref(),
            Some("kubernetes.io/basic-auth")
        );
        let keys: Vec<&String> = ready.secret.data.as_ref().unwrap().keys().collect();
        assert_eq!(keys, ["password", "username"]);
    }

    #[test]
    fn a_typed_form_with_errors_shows_them_and_the_name_only() {
        let typed = TypeFormInput::BasicAuth {
            username: String::new(),
            password: String::new(),
        };
        let prepared = submit(
            draft("", "Opaque", vec![entry("bad key!", "x")]),
            Some(&typed),
        );
        let fields: Vec<TypeFormField> = prepared
            .type_problems
            .iter()
            .map(|p| p.field.clone())
            .collect();
        assert_eq!(fields, [TypeFormField::Username, TypeFormField::Password]);
        let errors: Vec<Field> = prepared.errors.iter().map(|e| e.field.clone()).collect();
        assert_eq!(errors, [Field::Name]);
        assert!(prepared.ready.is_none());
    }

    #[test]
    fn an_edit_writes_back_the_stored_metadata() {
        let stored: Secret = serde_json::from_value(json!({
            "metadata": {"name": "db", "namespace": "default", "resourceVersion": "12",
                         "ownerReferences": [{"apiVersion": "v1", "kind": "ConfigMap", "name": "o", "uid": "u"}]},
            "data": {"password": "b2xk"},
        }))
        .unwrap();
        let mut d = SecretDraft::from_secret(&stored);
        d.entries[0].value = b"new".to_vec();
        let prepared = prepare_write(Submission {
            draft: d,
            row_problems: vec![],
            typed: None,
            notes: &[],
            stored: Some(&stored),
            now: NOW,
        });
        let secret = prepared.ready.expect("ready").secret;
        assert_eq!(secret.metadata.resource_version.as_deref(), Some("12"));
        assert_eq!(secret.metadata.owner_references.map(|o| o.len()), Some(1));
        assert_eq!(secret.data.unwrap()["password"].0, b"new");
    }
}
