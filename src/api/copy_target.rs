//! What a refused copy means for its target namespace: the name is taken,
//! the namespace is not there, the user may not write there, or the server
//! said something else. One target's failure is that target's only.

use super::explain::{explain, Attempt};
use super::ApiError;
use crate::model::copy::outcome::TargetState;

/// The state of a target whose dry run or create failed with `error`.
pub fn refused_copy(error: &ApiError, namespace: &str) -> TargetState {
    match error {
        ApiError::Status {
            code: 409, reason, ..
        } if reason == "AlreadyExists" => TargetState::Exists {
            differences: None,
            resource_version: None,
        },
        // A create into a namespace that is not there answers 404 with
        // `namespaces "x" not found`.
        ApiError::Status {
            code: 404, message, ..
        } if message.starts_with("namespaces ") => TargetState::UnknownNamespace,
        e if e.is_forbidden() => {
            TargetState::Forbidden(explain(e, Attempt::CopySecret { namespace }))
        }
        e => TargetState::Failed(explain(e, Attempt::CopySecret { namespace })),
    }
}

/// The state of a target whose replace failed with `error`.
pub fn refused_replace(error: &ApiError, namespace: &str) -> TargetState {
    let why = explain(error, Attempt::ReplaceCopy { namespace });
    if error.is_forbidden() {
        TargetState::Forbidden(why)
    } else {
        TargetState::Failed(why)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16, reason: &str, message: &str) -> ApiError {
        ApiError::Status {
            code,
            reason: reason.into(),
            message: message.into(),
            causes: vec![],
        }
    }

    #[test]
    fn each_refusal_becomes_its_targets_state() {
        assert_eq!(
            refused_copy(
                &status(409, "AlreadyExists", "secrets \"db\" already exists"),
                "a"
            ),
            TargetState::Exists {
                differences: None,
                resource_version: None
            }
        );
        assert_eq!(
            refused_copy(
                &status(404, "NotFound", "namespaces \"gone\" not found"),
                "gone"
            ),
            TargetState::UnknownNamespace
        );
        assert_eq!(
            refused_copy(&status(403, "Forbidden", "cannot create"), "b"),
            TargetState::Forbidden("You may not write secrets in b: cannot create".into())
        );
        assert_eq!(
            refused_copy(&status(422, "Invalid", "too long"), "c"),
            TargetState::Failed("Could not copy into c: Invalid (422): too long".into())
        );
        // A 404 about anything but the namespace is the server's message.
        assert!(matches!(
            refused_copy(&status(404, "NotFound", "the server could not find"), "d"),
            TargetState::Failed(_)
        ));
    }

    #[test]
    fn a_replace_that_met_a_newer_version_overwrites_nothing() {
        let TargetState::Failed(why) = refused_replace(&status(409, "Conflict", "c"), "a") else {
            panic!()
        };
        assert!(why.contains("nothing was overwritten"));
        assert!(matches!(
            refused_replace(&status(403, "Forbidden", "no"), "a"),
            TargetState::Forbidden(_)
        ));
    }
}
