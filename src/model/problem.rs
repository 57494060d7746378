//! What every check in the model reports: a message about one input of a
//! form, and whether it stops the write.
//!
//! The input is the form's own field type (`Problem<draft::Field>`,
//! `Problem<GrantField>`, …), so a problem lands on exactly the row and part
//! it is about; [`Problem::map_field`] carries a problem from one form to
//! another, as when the TLS check's findings become the typed form's and
//! those, edited key by key, the draft's.

/// Whether a problem stops the write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// Blocks writing.
    Error,
    /// Shown, but writing is allowed (an expiring certificate, say).
    Warning,
}

/// A problem with the input `field`. Messages name keys, sizes and positions,
/// never values, so they are safe to show anywhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem<F> {
    pub field: F,
    pub severity: Severity,
    pub message: String,
}

impl<F> Problem<F> {
    pub fn error(field: F, message: impl Into<String>) -> Self {
        Problem {
            field,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The same problem on another form's input.
    pub fn map_field<G>(self, to: impl FnOnce(F) -> G) -> Problem<G> {
        Problem {
            field: to(self.field),
            severity: self.severity,
            message: self.message,
        }
    }
}

/// True when any of `problems` blocks writing.
pub fn has_errors<F>(problems: &[Problem<F>]) -> bool {
    problems.iter().any(Problem::is_error)
}

/// The messages of the problems that do not block, in order.
pub fn warning_messages<F>(problems: &[Problem<F>]) -> impl Iterator<Item = String> + '_ {
    problems
        .iter()
        .filter(|p| !p.is_error())
        .map(|p| p.message.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warning(field: u8, message: &str) -> Problem<u8> {
        Problem {
            field,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    #[test]
    fn errors_block_and_warnings_do_not() {
        let warnings = vec![warning(1, "expires soon"), warning(2, "unverified")];
        assert!(!has_errors(&warnings));
        assert!(has_errors(
            &[warnings.clone(), vec![Problem::error(3, "unreadable")]].concat()
        ));
        assert_eq!(
            warning_messages(&warnings).collect::<Vec<_>>(),
            ["expires soon", "unverified"]
        );
        assert_eq!(warning_messages(&[Problem::error(3, "x")]).count(), 0);
    }

    #[test]
    fn a_mapped_problem_keeps_its_severity_and_message() {
        let mapped = warning(4, "expires soon").map_field(|row| format!("row {row}"));
        assert_eq!(
            mapped,
            Problem {
                field: "row 4".to_string(),
                severity: Severity::Warning,
                message: "expires soon".into(),
            }
        );
    }
}
