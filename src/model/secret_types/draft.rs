//! Where the typed checks meet the editor's draft: a typed form's output
//! replaces the draft's keys, and a draft edited key by key gets the typed
//! checks on the right rows.

use crate::model::problem::Problem;
use crate::model::secret::draft::{DraftEntry, Field, SecretDraft};
use crate::model::secret_types::form::{check_type_rules, TypeFormInput};

/// Writes a typed form's type, keys and annotations into `draft`. When
/// `editing`, each key is marked as the stored key of the same name, so the
/// review lists it as changed rather than removed and added.
pub fn apply_type_form(input: &TypeFormInput, draft: &mut SecretDraft, editing: bool) {
    let output = input.output();
    draft.secret_type = output.secret_type;
    draft.entries = output
        .entries
        .into_iter()
        .map(|(key, value)| DraftEntry {
            original_key: editing.then(|| key.clone()),
            key,
            value,
        })
        .collect();
    for (key, value) in output.annotations {
        draft.annotations.retain(|(k, _)| *k != key);
        draft.annotations.push((key, value));
    }
}

/// The typed problems of a draft edited key by key, each on the value of its
/// key (or on the data as a whole).
pub fn type_rule_problems(draft: &SecretDraft, now: i64) -> Vec<Problem<Field>> {
    let entries: Vec<(&str, &[u8])> = draft
        .entries
        .iter()
        .map(|e| (e.key.as_str(), e.value.as_slice()))
        .collect();
    check_type_rules(&draft.secret_type, &entries, &draft.annotations, now)
        .into_iter()
        .map(|problem| {
            problem.map_field(|key| {
                key.and_then(|key| draft.entries.iter().position(|e| e.key == key))
                    .map(Field::Value)
                    .unwrap_or(Field::Data)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_fixtures::{EXPIRED_CRT, NOW, OTHER_KEY, RSA_CRT, RSA_KEY};

    fn entry(key: &str, value: &[u8]) -> DraftEntry {
        DraftEntry {
            key: key.into(),
            value: value.to_vec(),
            original_key: Some(key.into()),
        }
    }

    fn tls_draft(cert: &[u8], key: &[u8]) -> SecretDraft {
        SecretDraft {
            name: "web".into(),
            secret_type: "kubernetes.io/tls".into(),
            entries: vec![entry("tls.crt", cert), entry("tls.key", key)],
            ..SecretDraft::default()
        }
    }

    #[test]
    fn a_typed_form_replaces_keys_and_sets_type_and_annotations() {
        let mut draft = SecretDraft {
            name: "t".into(),
            entries: vec![entry("leftover", b"x")],
            annotations: vec![
                ("kubernetes.io/service-account.name".into(), "old".into()),
                ("team".into(), "a".into()),
            ],
            ..SecretDraft::default()
        };
        let input = TypeFormInput::ServiceAccountToken {
            service_account: "builder".into(),
        };
        apply_type_form(&input, &mut draft, false);
        assert_eq!(draft.secret_type, "kubernetes.io/service-account-token");
        assert!(draft.entries.is_empty());
        assert_eq!(
            draft.annotations,
            vec![
                ("team".to_string(), "a".to_string()),
                (
                    "kubernetes.io/service-account.name".to_string(),
                    "builder".to_string()
                )
            ]
        );
        assert!(draft.validate().is_empty());
    }

    #[test]
    fn editing_marks_typed_keys_as_the_stored_ones() {
        let mut draft = SecretDraft::default();
        let input = TypeFormInput::Tls {
            cert: RSA_CRT.to_vec(),
            key: RSA_KEY.to_vec(),
        };
        apply_type_form(&input, &mut draft, true);
        assert_eq!(draft.entries[0].original_key.as_deref(), Some("tls.crt"));
        apply_type_form(&input, &mut draft, false);
        assert_eq!(draft.entries[1].original_key, None);
    }

    fn errors(problems: &[Problem<Field>]) -> Vec<&Problem<Field>> {
        problems.iter().filter(|p| p.is_error()).collect()
    }

    #[test]
    fn a_mismatched_key_is_an_error_on_the_tls_key_row() {
        let problems = type_rule_problems(&tls_draft(RSA_CRT, OTHER_KEY), NOW);
        let errors = errors(&problems);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, Field::Value(1));
        assert!(type_rule_problems(&tls_draft(RSA_CRT, RSA_KEY), NOW).is_empty());
    }

    #[test]
    fn missing_keys_are_errors_on_the_data_and_expiry_is_a_warning() {
        let mut draft = tls_draft(RSA_CRT, RSA_KEY);
        draft.entries.pop();
        let problems = type_rule_problems(&draft, NOW);
        let errors = errors(&problems);
        assert_eq!(errors[0].field, Field::Data);
        assert!(errors[0].message.contains("tls.key"));
        let problems = type_rule_problems(&tls_draft(EXPIRED_CRT, OTHER_KEY), NOW);
        assert!(
            problems.iter().any(|p| !p.is_error()
                && p.field == Field::Value(0)
                && p.message.contains("expired")),
            "{problems:?}"
        );
    }
}
