//! Where each document of an import stands, which of them a confirmed import
//! writes, and how the result reads.

/// One document's state, from review to write.
#[derive(Clone, Debug, PartialEq)]
pub enum RowState {
    /// Not a v1 Secret, or not readable as one: never sent.
    Refused(String),
    /// A Secret the form's checks stop: never sent.
    Invalid(Vec<String>),
    /// The server's dry run refused it.
    DryRunFailed(String),
    WillCreate,
    /// A secret of that name exists: replaced only if the user says so.
    WillUpdate,
    Created,
    Updated,
    WriteFailed(String),
    /// An update the user did not confirm.
    Skipped,
}

/// What the import does with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteAction {
    Create,
    /// A replace carrying the stored resourceVersion.
    Update,
    /// An update the user did not tick: not written, and said so.
    Skip,
    /// Refused or failed at review: stays as it is.
    Leave,
}

/// Creates are written; updates only once confirmed.
pub fn write_action(state: &RowState, update_confirmed: bool) -> WriteAction {
    match state {
        RowState::WillCreate => WriteAction::Create,
        RowState::WillUpdate if update_confirmed => WriteAction::Update,
        RowState::WillUpdate => WriteAction::Skip,
        _ => WriteAction::Leave,
    }
}

/// How many documents an import would write now.
pub fn ready_count<'a>(rows: impl IntoIterator<Item = (&'a RowState, bool)>) -> usize {
    rows.into_iter()
        .filter(|(state, confirmed)| {
            matches!(
                write_action(state, *confirmed),
                WriteAction::Create | WriteAction::Update
            )
        })
        .count()
}

/// The line after an import: every document is counted, so nothing is half
/// done silently.
pub fn summary<'a>(states: impl IntoIterator<Item = &'a RowState>) -> String {
    let (mut created, mut updated, mut not_written) = (0, 0, 0);
    for state in states {
        match state {
            RowState::Created => created += 1,
            RowState::Updated => updated += 1,
            _ => not_written += 1,
        }
    }
    format!("Created {created}, updated {updated}; {not_written} not written.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_creates_and_confirmed_updates_are_written() {
        assert_eq!(
            write_action(&RowState::WillCreate, false),
            WriteAction::Create
        );
        assert_eq!(
            write_action(&RowState::WillUpdate, false),
            WriteAction::Skip
        );
        assert_eq!(
            write_action(&RowState::WillUpdate, true),
            WriteAction::Update
        );
        for state in [
            RowState::Refused("x".into()),
            RowState::Invalid(vec![]),
            RowState::DryRunFailed("x".into()),
        ] {
            assert_eq!(write_action(&state, true), WriteAction::Leave);
        }
        let rows = [
            (RowState::WillCreate, false),
            (RowState::WillUpdate, false),
            (RowState::WillUpdate, true),
            (RowState::Refused("x".into()), true),
        ];
        assert_eq!(ready_count(rows.iter().map(|(s, c)| (s, *c))), 2);
    }

    #[test]
    fn the_summary_counts_every_document() {
        let states = [
            RowState::Created,
            RowState::Created,
            RowState::Updated,
            RowState::Skipped,
            RowState::WriteFailed("conflict".into()),
            RowState::Refused("ConfigMap".into()),
        ];
        assert_eq!(summary(&states), "Created 2, updated 1; 3 not written.");
    }
}
