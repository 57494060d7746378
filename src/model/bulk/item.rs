//! One secret of a bulk action, from the read to the write, and the sentence
//! that says exactly what was and was not done.

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemState {
    /// Its metadata is being read.
    Reading,
    /// Read; the action will carry `BulkItem::resource_version`.
    Ready,
    /// Nothing to do (the label is already as asked); nothing is sent.
    Unchanged,
    Working,
    Done,
    /// It changed after it was read (409 on the precondition): untouched.
    Changed,
    /// It is gone (404): someone else deleted it.
    Gone,
    /// Refused or failed; the sentence from `explain`.
    Failed(String),
}

impl ItemState {
    pub fn busy(&self) -> bool {
        matches!(self, ItemState::Reading | ItemState::Working)
    }

    /// The short words a result row leads with.
    pub fn label(&self, done: &'static str) -> &'static str {
        match self {
            ItemState::Reading => "reading…",
            ItemState::Ready => "ready",
            ItemState::Unchanged => "already so; nothing sent",
            ItemState::Working => "working…",
            ItemState::Done => done,
            ItemState::Changed => "changed since it was read; not touched",
            ItemState::Gone => "no longer exists",
            ItemState::Failed(_) => "failed",
        }
    }
}

/// A ticked secret and what the bulk action knows of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkItem {
    pub namespace: String,
    pub name: String,
    pub secret_type: String,
    /// From the read; every write carries it.
    pub resource_version: Option<String>,
    pub labels: BTreeMap<String, String>,
    /// Who else writes it (badges from `managed::manager`), so a bulk delete
    /// of a managed secret is not a surprise.
    pub managers: Vec<&'static str>,
    pub state: ItemState,
}

impl BulkItem {
    pub fn new(namespace: &str, name: &str, secret_type: &str) -> Self {
        BulkItem {
            namespace: namespace.into(),
            name: name.into(),
            secret_type: secret_type.into(),
            resource_version: None,
            labels: BTreeMap::new(),
            managers: Vec::new(),
            state: ItemState::Reading,
        }
    }

    pub fn path(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }
}

/// "Deleted 2 of 3 secrets. Not deleted: apps/db (changed since it was
/// read; not touched)." — None while anything is still under way.
pub fn summary(items: &[BulkItem], done: &'static str) -> Option<String> {
    if items.iter().any(|i| i.state.busy()) {
        return None;
    }
    let finished = items.iter().filter(|i| i.state == ItemState::Done).count();
    let not: Vec<String> = items
        .iter()
        .filter(|i| i.state != ItemState::Done)
        .map(|i| format!("{} ({})", i.path(), i.state.label(done)))
        .collect();
    let noun = if items.len() == 1 {
        "secret"
    } else {
        "secrets"
    };
    let head = format!(
        "{} {finished} of {} {noun}.",
        capitalised(done),
        items.len()
    );
    Some(if not.is_empty() {
        head
    } else {
        format!("{head} Not {done}: {}.", not.join(", "))
    })
}

/// The note above a list holding managed secrets: the action is the user's
/// to take, but they should know a controller may undo it.
pub fn managed_note(items: &[BulkItem]) -> Option<String> {
    let managed = items.iter().filter(|i| !i.managers.is_empty()).count();
    (managed > 0).then(|| {
        let which = if managed == 1 {
            "One of these secrets is".to_string()
        } else {
            format!("{managed} of these secrets are")
        };
        format!("{which} written by a controller (marked below): a change by hand may be undone, or break what manages it. Open a secret to read what its manager does.")
    })
}

/// "1 secret", "3 secrets".
pub fn secrets(count: usize) -> String {
    if count == 1 {
        "1 secret".into()
    } else {
        format!("{count} secrets")
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(name: &str, state: ItemState) -> BulkItem {
        BulkItem {
            state,
            ..BulkItem::new("apps", name, "Opaque")
        }
    }

    #[test]
    fn the_summary_waits_for_every_secret() {
        let items = [item("a", ItemState::Done), item("b", ItemState::Working)];
        assert_eq!(summary(&items, "deleted"), None);
    }

    #[test]
    fn the_summary_names_what_was_not_done_and_why() {
        let items = [
            item("a", ItemState::Done),
            item("b", ItemState::Changed),
            item("c", ItemState::Failed("You may not delete it".into())),
        ];
        assert_eq!(
            summary(&items, "deleted").unwrap(),
            "Deleted 1 of 3 secrets. Not deleted: apps/b (changed since it was read; not touched), apps/c (failed)."
        );
    }

    #[test]
    fn managed_secrets_are_pointed_out_before_the_action() {
        let mut helm = item("a", ItemState::Ready);
        helm.managers = vec!["Helm"];
        assert_eq!(managed_note(&[item("b", ItemState::Ready)]), None);
        assert!(managed_note(&[helm.clone(), item("b", ItemState::Ready)])
            .unwrap()
            .starts_with("One of these secrets is written by a controller"));
        assert!(managed_note(&[helm.clone(), helm])
            .unwrap()
            .starts_with("2 of these"));
    }

    #[test]
    fn all_done_says_so_plainly() {
        let items = [item("a", ItemState::Done)];
        assert_eq!(
            summary(&items, "labelled").unwrap(),
            "Labelled 1 of 1 secret."
        );
    }
}
