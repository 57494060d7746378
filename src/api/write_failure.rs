//! What a refused write means for the form that sent it: the editor shows
//! each kind differently (a conflict offers to re-apply the user's changes,
//! a taken name points at the name field, field causes go to their fields).

use super::explain::{explain, Attempt};
use super::ApiError;
use crate::model::problem::Problem;
use crate::model::secret::draft::{Field, SecretDraft};
use crate::model::secret::server_causes::field_errors_from_causes;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteFailure<'a> {
    /// An update met a newer version (409): someone else changed the object
    /// since it was read. Nothing was overwritten.
    Conflict,
    /// A create found the name taken (409 `AlreadyExists`).
    NameTaken,
    /// The server refused named fields (422 with causes: path, message).
    Invalid(&'a [(String, String)]),
    /// Anything else: shown as the error says.
    Other,
}

/// `updating`: the write replaced an existing object (a PUT with its
/// resourceVersion), rather than creating one.
pub fn classify(error: &ApiError, updating: bool) -> WriteFailure<'_> {
    match error {
        ApiError::Status { code: 409, .. } if updating => WriteFailure::Conflict,
        ApiError::Status {
            code: 409, reason, ..
        } if reason == "AlreadyExists" => WriteFailure::NameTaken,
        ApiError::Status {
            code: 422, causes, ..
        } if !causes.is_empty() => WriteFailure::Invalid(causes),
        _ => WriteFailure::Other,
    }
}

/// What the secret editor shows after a refused write of `draft`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FormFailure {
    /// Someone else saved first: offer to re-apply the user's edits.
    pub conflict: bool,
    /// Problems to show next to their fields.
    pub errors: Vec<Problem<Field>>,
    /// A sentence to show above the form.
    pub message: Option<String>,
}

pub fn secret_form_failure(error: &ApiError, draft: &SecretDraft, updating: bool) -> FormFailure {
    match classify(error, updating) {
        WriteFailure::Conflict => FormFailure {
            conflict: true,
            ..FormFailure::default()
        },
        WriteFailure::NameTaken => FormFailure {
            errors: vec![Problem::error(
                Field::Name,
                format!(
                    "a secret named {} already exists in {}",
                    draft.name, draft.namespace
                ),
            )],
            ..FormFailure::default()
        },
        WriteFailure::Invalid(causes) => FormFailure {
            errors: field_errors_from_causes(causes, draft),
            message: Some(explain(error, Attempt::WriteSecret)),
            ..FormFailure::default()
        },
        WriteFailure::Other => FormFailure {
            message: Some(explain(error, Attempt::WriteSecret)),
            ..FormFailure::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16, reason: &str, causes: Vec<(String, String)>) -> ApiError {
        ApiError::Status {
            code,
            reason: reason.into(),
            message: "m".into(),
            causes,
        }
    }

    #[test]
    fn a_409_is_a_conflict_on_update_and_a_taken_name_on_create() {
        assert_eq!(
            classify(&status(409, "Conflict", vec![]), true),
            WriteFailure::Conflict
        );
        assert_eq!(
            classify(&status(409, "AlreadyExists", vec![]), false),
            WriteFailure::NameTaken
        );
        // A create's 409 that is not about the name is shown as it is.
        assert_eq!(
            classify(&status(409, "Conflict", vec![]), false),
            WriteFailure::Other
        );
    }

    #[test]
    fn field_causes_go_to_their_fields_and_the_rest_is_shown_as_is() {
        let causes = vec![(
            "data[bad key]".to_string(),
            "a valid config key".to_string(),
        )];
        let invalid = status(422, "Invalid", causes.clone());
        assert_eq!(classify(&invalid, false), WriteFailure::Invalid(&causes));
        assert_eq!(
            classify(&status(422, "Invalid", vec![]), false),
            WriteFailure::Other
        );
        assert_eq!(
            classify(&ApiError::ProxyUnreachable, true),
            WriteFailure::Other
        );
        assert_eq!(
            classify(&status(403, "Forbidden", vec![]), true),
            WriteFailure::Other
        );
    }

    #[test]
    fn the_editor_shows_each_failure_where_it_belongs() {
        let draft = SecretDraft {
            name: "db".into(),
            namespace: "default".into(),
            entries: vec![crate::model::secret::draft::DraftEntry {
                key: "bad key".into(),
                value: vec![],
                original_key: None,
            }],
            ..SecretDraft::default()
        };
        let conflict = secret_form_failure(&status(409, "Conflict", vec![]), &draft, true);
        assert!(conflict.conflict && conflict.errors.is_empty() && conflict.message.is_none());

        let taken = secret_form_failure(&status(409, "AlreadyExists", vec![]), &draft, false);
        assert_eq!(
            taken.errors,
            [Problem::error(
                Field::Name,
                "a secret named db already exists in default"
            )]
        );
        assert_eq!(taken.message, None);

        let causes = vec![(
            "data[bad key]".to_string(),
            "a valid config key".to_string(),
        )];
        let invalid = secret_form_failure(&status(422, "Invalid", causes), &draft, false);
        assert_eq!(
            invalid.errors,
            [Problem::error(Field::Key(0), "a valid config key")]
        );
        assert_eq!(invalid.message.as_deref(), Some("Invalid (422): m"));

        let read_only =
            secret_form_failure(&ApiError::from_response(403, "Forbidden"), &draft, true);
        assert!(!read_only.conflict);
        assert!(read_only.message.unwrap().contains("served read-only"));
    }
}
