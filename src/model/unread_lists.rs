//! Answers built from several lists (who uses a secret, who can access it)
//! say which lists are missing, and why. A list the user may not read makes
//! the answer "as far as you may see"; a list that failed (the proxy went
//! away, the server erred) is a fault, and the user should not mistake it for
//! a permission.

/// Why one list is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    Forbidden,
    /// Anything else, with the sentence that says what went wrong.
    Failed(String),
}

/// The lists that could not be read, by the name the user knows them by
/// (`pods`, `ClusterRoleBindings`), in the order they were asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnreadLists(Vec<(String, Unread)>);

impl UnreadLists {
    pub fn push(&mut self, list: impl Into<String>, why: Unread) {
        self.0.push((list.into(), why));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `list` is among the missing.
    pub fn contains(&self, list: &str) -> bool {
        self.0.iter().any(|(l, _)| l == list)
    }

    /// The items of a list that was read; for one that was not, no items,
    /// and the reason noted under `list`.
    pub fn keep<T>(&mut self, read: Result<Vec<T>, Unread>, list: &str) -> Vec<T> {
        read.unwrap_or_else(|why| {
            self.push(list, why);
            Vec::new()
        })
    }

    /// What is missing, as the start of a sentence: `you may not list pods
    /// and jobs{place}; ingresses could not be read (kubectl proxy is not
    /// running)`. `place` (e.g. ` here`) follows the forbidden lists. `None`
    /// when nothing is missing.
    pub fn describe(&self, place: &str) -> Option<String> {
        let forbidden: Vec<&str> = self
            .0
            .iter()
            .filter(|(_, why)| *why == Unread::Forbidden)
            .map(|(list, _)| list.as_str())
            .collect();
        let mut parts = Vec::new();
        if !forbidden.is_empty() {
            parts.push(format!("you may not list {}{place}", and_list(&forbidden)));
        }
        // Failures with the same cause are named together, the cause once.
        let mut causes: Vec<(&str, Vec<&str>)> = Vec::new();
        for (list, why) in &self.0 {
            if let Unread::Failed(cause) = why {
                match causes.iter_mut().find(|(c, _)| c == cause) {
                    Some((_, lists)) => lists.push(list),
                    None => causes.push((cause, vec![list])),
                }
            }
        }
        for (cause, lists) in causes {
            parts.push(format!("{} could not be read ({cause})", and_list(&lists)));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `text` with its first letter in upper case, to start a sentence. ASCII
/// only, on purpose: our sentences start with English words, and
/// `char::to_uppercase` links Unicode's case table (about 11 KB gzip).
pub fn sentence_case(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_missing_says_nothing() {
        assert_eq!(UnreadLists::default().describe(" here"), None);
    }

    #[test]
    fn forbidden_lists_are_named_together() {
        let mut missing = UnreadLists::default();
        missing.push("pods", Unread::Forbidden);
        missing.push("jobs", Unread::Forbidden);
        missing.push("cronjobs", Unread::Forbidden);
        assert_eq!(
            missing.describe(" here").as_deref(),
            Some("you may not list pods, jobs and cronjobs here")
        );
    }

    #[test]
    fn a_failure_is_not_called_a_permission() {
        let mut missing = UnreadLists::default();
        missing.push("pods", Unread::Forbidden);
        missing.push(
            "ingresses",
            Unread::Failed("kubectl proxy is not running".into()),
        );
        missing.push(
            "jobs",
            Unread::Failed("kubectl proxy is not running".into()),
        );
        missing.push("cronjobs", Unread::Failed("Internal error (500)".into()));
        assert_eq!(
            missing.describe("").as_deref(),
            Some(
                "you may not list pods; ingresses and jobs could not be read (kubectl proxy is \
                 not running); cronjobs could not be read (Internal error (500))"
            )
        );
    }

    #[test]
    fn kept_lists_give_their_items_and_missing_ones_their_reason() {
        let mut missing = UnreadLists::default();
        assert_eq!(missing.keep(Ok(vec![1, 2]), "pods"), vec![1, 2]);
        assert_eq!(
            missing.keep::<u8>(Err(Unread::Forbidden), "jobs"),
            Vec::<u8>::new()
        );
        assert_eq!(
            missing.describe("").as_deref(),
            Some("you may not list jobs")
        );
    }

    #[test]
    fn sentences_start_in_upper_case() {
        assert_eq!(sentence_case("you may not"), "You may not");
        assert_eq!(sentence_case(""), "");
    }
}
