//! The namespace picker's choices: which namespace names match what the
//! user typed (a cluster may have a thousand), and whether a typed name can
//! be a namespace at all, for when namespaces cannot be listed.

/// How many matching names the picker renders; the others are counted in
/// an "and K more — keep typing" line, so a thousand namespaces cost twenty
/// options in the page.
pub const SHOWN_MATCHES: usize = 20;

/// The names that match a query, as the picker shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matches<'a> {
    /// At most the limit asked for: names starting with the query first,
    /// then names containing it, each group in the order given.
    pub shown: Vec<&'a str>,
    /// How many more match.
    pub more: usize,
}

/// The names containing `query` (trimmed, any case), at most `limit` of them.
/// An empty query matches every name.
pub fn matching<'a>(names: &'a [String], query: &str, limit: usize) -> Matches<'a> {
    // Namespace names are lowercase ASCII, so ASCII folding is exact.
    let needle = query.trim().to_ascii_lowercase();
    let (mut starting, mut containing) = (Vec::new(), Vec::new());
    for name in names {
        if name.starts_with(&needle) {
            starting.push(name.as_str());
        } else if name.contains(&needle) {
            containing.push(name.as_str());
        }
    }
    let total = starting.len() + containing.len();
    starting.extend(containing);
    starting.truncate(limit);
    Matches {
        more: total - starting.len(),
        shown: starting,
    }
}

/// Whether a typed name can be a namespace: the apiserver's own rule and
/// words, shared with every other namespace field.
pub use crate::model::secret::validation::validate_namespace_name;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_starting_with_the_query_come_first() {
        let all = names(&["default", "team-a", "kube-system", "a-team", "team-b"]);
        let m = matching(&all, " TEAM ", 10);
        assert_eq!(m.shown, ["team-a", "team-b", "a-team"]);
        assert_eq!(m.more, 0);
        assert_eq!(matching(&all, "", 10).shown.len(), 5);
        assert_eq!(
            matching(&all, "", 10).shown[0],
            "default",
            "the given order is kept"
        );
        assert!(matching(&all, "nothing", 10).shown.is_empty());
    }

    #[test]
    fn a_thousand_namespaces_render_the_first_few_and_count_the_rest() {
        let all: Vec<String> = (0..1000).map(|i| format!("ns-{i:04}")).collect();
        let m = matching(&all, "", SHOWN_MATCHES);
        assert_eq!(m.shown.len(), SHOWN_MATCHES);
        assert_eq!(m.more, 1000 - SHOWN_MATCHES);
        let m = matching(&all, "ns-09", SHOWN_MATCHES);
        assert_eq!(
            (m.shown.len(), m.more),
            (SHOWN_MATCHES, 100 - SHOWN_MATCHES)
        );
        let m = matching(&all, "0999", SHOWN_MATCHES);
        assert_eq!((m.shown, m.more), (vec!["ns-0999"], 0));
    }

    #[test]
    fn namespace_names_are_dns_labels() {
        for ok in ["default", "a", "team-a", "0", &"x".repeat(63)] {
            assert_eq!(validate_namespace_name(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "Team",
            "-a",
            "a-",
            "a.b",
            "a_b",
            "*",
            "a b",
            &"x".repeat(64),
        ] {
            assert!(validate_namespace_name(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            validate_namespace_name(""),
            Err("namespace is required".into())
        );
        assert!(validate_namespace_name(&"x".repeat(64))
            .unwrap_err()
            .contains("no more than 63"));
        assert!(!validate_namespace_name("Secret-Team")
            .unwrap_err()
            .contains("Secret-Team"));
    }

    proptest! {
        #[test]
        fn matches_are_a_bounded_count_of_names_containing_the_query(
            list in proptest::collection::vec("[a-c-]{1,4}", 0..40),
            query in "[a-cA-C]{0,2}",
            limit in 0usize..10,
        ) {
            let m = matching(&list, &query, limit);
            let q = query.to_ascii_lowercase();
            prop_assert!(m.shown.len() <= limit);
            prop_assert!(m.shown.iter().all(|n| n.contains(&q)));
            prop_assert_eq!(m.shown.len() + m.more, list.iter().filter(|n| n.contains(&q)).count());
        }

        #[test]
        fn validation_agrees_with_the_label_pattern(name in "[a-z0-9A-Z._-]{0,70}") {
            let b = name.as_bytes();
            let alnum = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
            let label = !b.is_empty() && b.len() <= 63 && alnum(&b[0]) && alnum(&b[b.len() - 1])
                && b.iter().all(|c| alnum(c) || *c == b'-');
            prop_assert_eq!(validate_namespace_name(&name).is_ok(), label);
        }
    }
}
