//! The rows of a secret list (one namespace's, or every namespace's), kept
//! current by watch events, and the filtered, sorted view of them the table
//! shows.
//!
//! Built for 10,000 rows and more: rows live in a `BTreeMap` by name, then
//! namespace, so an event is a logarithmic update, name order comes for free,
//! and the namespaces holding a name are one range; filtering and sorting
//! compare borrowed strings and never allocate per row or per comparison.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

use crate::model::list::age::{parse_age, parse_rfc3339};
use crate::model::list::table::{SecretRow, SecretWatchEvent};

/// All rows, by name and then namespace (empty in a one-namespace list whose
/// rows do not say).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecretList {
    rows: BTreeMap<(String, String), SecretRow>,
}

/// What the user narrowed the list to; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// A part of the name, any case.
    pub name: String,
    /// The exact type, e.g. `kubernetes.io/tls`.
    pub secret_type: String,
    /// A part of the namespace, any case (the all-namespaces list).
    pub namespace: String,
}

/// The column the list is sorted by. Ties are broken by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    #[default]
    Name,
    /// Then by name: a namespace's secrets stay together in name order.
    Namespace,
    Type,
    Keys,
    /// Ascending reads like kubectl's AGE column top to bottom when sorted
    /// by it: the youngest (smallest age) first.
    Age,
}

impl SecretList {
    /// Applies one watch event; bookmarks and errors change no row.
    pub fn apply(&mut self, event: SecretWatchEvent) {
        match event {
            SecretWatchEvent::Added(row) | SecretWatchEvent::Upsert(row) => {
                self.rows
                    .insert((row.name.clone(), row.namespace.clone()), row);
            }
            SecretWatchEvent::Deleted { namespace, name } => {
                self.rows.remove(&(name, namespace));
            }
            SecretWatchEvent::Bookmark(_)
            | SecretWatchEvent::Expired
            | SecretWatchEvent::Error(_) => {}
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row of `name` in `namespace` (empty for a one-namespace list
    /// whose rows do not say).
    pub fn get(&self, namespace: &str, name: &str) -> Option<&SecretRow> {
        self.rows.get(&(name.to_string(), namespace.to_string()))
    }

    /// Every row called `name`, one per namespace holding it, by namespace.
    pub fn named(&self, name: &str) -> impl Iterator<Item = &SecretRow> + '_ {
        let name = name.to_string();
        self.rows
            .range((name.clone(), String::new())..)
            .take_while(move |((n, _), _)| *n == name)
            .map(|(_, row)| row)
    }

    /// The distinct types present, sorted, for the type filter's choices.
    pub fn types(&self) -> Vec<String> {
        let types: BTreeSet<&str> = self.rows.values().map(|r| r.secret_type.as_str()).collect();
        types.into_iter().map(str::to_string).collect()
    }

    /// The rows that pass `filter`, in `sort` order (reversed when
    /// `descending`).
    pub fn rows_filtered_sorted(
        &self,
        filter: &ListFilter,
        sort: SortKey,
        descending: bool,
    ) -> Vec<&SecretRow> {
        // Names are lowercase ASCII (RFC 1123), so ASCII case folding is exact.
        let needle = filter.name.trim().to_ascii_lowercase();
        let ns_needle = filter.namespace.trim().to_ascii_lowercase();
        let mut rows: Vec<&SecretRow> = self
            .rows
            .values()
            .filter(|r| filter.secret_type.is_empty() || r.secret_type == filter.secret_type)
            .filter(|r| contains_ignoring_ascii_case(&r.name, &needle))
            .filter(|r| contains_ignoring_ascii_case(&r.namespace, &ns_needle))
            .collect();
        // The rows come in name order and the sort is stable, so equal keys
        // stay in name order. One sort over a key computed once per row (not
        // once per comparison), whatever the column: one instantiation of the
        // sort in the bundle instead of one per column.
        if sort != SortKey::Name {
            let mut keyed: Vec<(RowOrder, &SecretRow)> =
                rows.iter().map(|r| (row_order(r, sort), *r)).collect();
            keyed.sort_by(|a, b| a.0.cmp(&b.0));
            rows = keyed.into_iter().map(|(_, r)| r).collect();
        }
        if descending {
            rows.reverse();
        }
        rows
    }
}

/// What a row sorts by in one column; a list is only ever sorted by one
/// column, so variants are never compared with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum RowOrder<'a> {
    Namespace(&'a str, &'a str),
    Type(&'a str),
    Keys(u32),
    Age(AgeOrder),
}

fn row_order(row: &SecretRow, sort: SortKey) -> RowOrder<'_> {
    match sort {
        SortKey::Namespace => RowOrder::Namespace(&row.namespace, &row.name),
        SortKey::Type => RowOrder::Type(&row.secret_type),
        SortKey::Keys => RowOrder::Keys(row.keys),
        SortKey::Age => RowOrder::Age(age_order(row)),
        // All equal: the stable sort keeps the rows' name order.
        SortKey::Name => RowOrder::Keys(0),
    }
}

/// Youngest first. Rows with a creation time compare by it; rows without
/// (a list made with `includeObject=None`) by their AGE cell, which is only
/// as fresh as the event that brought the row; rows with neither go last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum AgeOrder {
    Created(Reverse<i64>),
    AgeCell(i64),
    Unknown,
}

fn age_order(row: &SecretRow) -> AgeOrder {
    if let Some(created) = row.created.as_deref().and_then(parse_rfc3339) {
        AgeOrder::Created(Reverse(created))
    } else if let Some(age) = parse_age(&row.age_cell) {
        AgeOrder::AgeCell(age)
    } else {
        AgeOrder::Unknown
    }
}

/// Secret names are lowercase ASCII (DNS-1123), so an ASCII comparison
/// against the lowercased needle is a full case-insensitive search.
fn contains_ignoring_ascii_case(haystack: &str, needle: &str) -> bool {
    needle.is_empty()
        || haystack
            .as_bytes()
            .windows(needle.len())
            .any(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        name: &str,
        secret_type: &str,
        keys: u32,
        created: Option<&str>,
        age: &str,
    ) -> SecretRow {
        SecretRow {
            name: name.into(),
            secret_type: secret_type.into(),
            keys,
            created: created.map(String::from),
            age_cell: age.into(),
            ..SecretRow::default()
        }
    }

    fn list(rows: Vec<SecretRow>) -> SecretList {
        let mut list = SecretList::default();
        for r in rows {
            list.apply(SecretWatchEvent::Upsert(r));
        }
        list
    }

    fn names(rows: &[&SecretRow]) -> Vec<String> {
        rows.iter().map(|r| r.name.clone()).collect()
    }

    fn sample() -> SecretList {
        list(vec![
            row(
                "web-tls",
                "kubernetes.io/tls",
                2,
                Some("2025-10-23T09:00:00Z"),
                "400d",
            ),
            row(
                "db-credentials",
                "Opaque",
                3,
                Some("2026-11-27T10:00:00Z"),
                "5m",
            ),
            row("api-token", "Opaque", 1, Some("2026-11-27T10:04:00Z"), "1m"),
            row(
                "registry",
                "kubernetes.io/dockerconfigjson",
                1,
                Some("2026-01-01T00:00:00Z"),
                "330d",
            ),
        ])
    }

    #[test]
    fn events_insert_replace_and_remove() {
        let mut l = sample();
        l.apply(SecretWatchEvent::Upsert(row(
            "api-token",
            "Opaque",
            5,
            None,
            "0s",
        )));
        assert_eq!(l.get("", "api-token").unwrap().keys, 5);
        l.apply(SecretWatchEvent::Deleted {
            namespace: String::new(),
            name: "web-tls".into(),
        });
        l.apply(SecretWatchEvent::Deleted {
            namespace: String::new(),
            name: "never-there".into(),
        });
        l.apply(SecretWatchEvent::Bookmark("99".into()));
        assert_eq!(l.len(), 3);
        assert!(l.get("", "web-tls").is_none());
    }

    #[test]
    fn filters_by_name_part_and_exact_type() {
        let l = sample();
        let by_name = ListFilter {
            name: " T ".into(),
            ..ListFilter::default()
        };
        assert_eq!(
            names(&l.rows_filtered_sorted(&by_name, SortKey::Name, false)),
            ["api-token", "db-credentials", "registry", "web-tls"]
        );
        let by_both = ListFilter {
            name: "TOK".into(),
            secret_type: "Opaque".into(),
            ..ListFilter::default()
        };
        assert_eq!(
            names(&l.rows_filtered_sorted(&by_both, SortKey::Name, false)),
            ["api-token"]
        );
        let by_type = ListFilter {
            secret_type: "kubernetes.io".into(),
            ..ListFilter::default()
        };
        assert!(l
            .rows_filtered_sorted(&by_type, SortKey::Name, false)
            .is_empty());
        assert_eq!(
            l.types(),
            [
                "Opaque",
                "kubernetes.io/dockerconfigjson",
                "kubernetes.io/tls"
            ]
        );
    }

    #[test]
    fn sorts_by_each_column_with_name_as_tie_breaker() {
        let l = sample();
        let all = ListFilter::default();
        let sorted = |key, desc| names(&l.rows_filtered_sorted(&all, key, desc));
        assert_eq!(
            sorted(SortKey::Name, true),
            ["web-tls", "registry", "db-credentials", "api-token"]
        );
        assert_eq!(
            sorted(SortKey::Type, false),
            ["api-token", "db-credentials", "registry", "web-tls"]
        );
        assert_eq!(
            sorted(SortKey::Keys, false),
            ["api-token", "registry", "web-tls", "db-credentials"]
        );
        assert_eq!(
            sorted(SortKey::Age, false),
            ["api-token", "db-credentials", "registry", "web-tls"]
        );
        assert_eq!(
            sorted(SortKey::Age, true),
            ["web-tls", "registry", "db-credentials", "api-token"]
        );
    }

    #[test]
    fn age_sort_falls_back_to_the_age_cell() {
        let l = list(vec![
            row("old", "Opaque", 1, None, "2y10d"),
            row("new", "Opaque", 1, None, "45s"),
            row("mid", "Opaque", 1, None, "3h20m"),
            row("unknown", "Opaque", 1, None, "<unknown>"),
        ]);
        assert_eq!(
            names(&l.rows_filtered_sorted(&ListFilter::default(), SortKey::Age, false)),
            ["new", "mid", "old", "unknown"]
        );
    }

    fn in_namespace(namespace: &str, name: &str) -> SecretRow {
        SecretRow {
            namespace: namespace.into(),
            ..row(name, "Opaque", 1, None, "1m")
        }
    }

    fn keys(rows: &[&SecretRow]) -> Vec<String> {
        rows.iter()
            .map(|r| format!("{}/{}", r.namespace, r.name))
            .collect()
    }

    #[test]
    fn one_name_in_several_namespaces_is_several_rows() {
        let mut l = list(vec![
            in_namespace("team-b", "registry"),
            in_namespace("team-a", "registry"),
            in_namespace("team-a", "db"),
            in_namespace("ops", "registry-old"),
        ]);
        assert_eq!(l.len(), 4);
        let holding: Vec<&str> = l.named("registry").map(|r| r.namespace.as_str()).collect();
        assert_eq!(
            holding,
            ["team-a", "team-b"],
            "a name's rows, not its prefix's"
        );
        assert_eq!(l.named("nothing").count(), 0);
        l.apply(SecretWatchEvent::Deleted {
            namespace: "team-b".into(),
            name: "registry".into(),
        });
        assert!(l.get("team-b", "registry").is_none());
        assert!(l.get("team-a", "registry").is_some());
    }

    #[test]
    fn sorts_and_filters_by_namespace() {
        let l = list(vec![
            in_namespace("team-b", "api"),
            in_namespace("team-a", "web"),
            in_namespace("team-a", "api"),
            in_namespace("ops", "zed"),
        ]);
        let all = ListFilter::default();
        // By name, a name's namespaces in order.
        assert_eq!(
            keys(&l.rows_filtered_sorted(&all, SortKey::Name, false)),
            ["team-a/api", "team-b/api", "team-a/web", "ops/zed"]
        );
        assert_eq!(
            keys(&l.rows_filtered_sorted(&all, SortKey::Namespace, false)),
            ["ops/zed", "team-a/api", "team-a/web", "team-b/api"]
        );
        assert_eq!(
            keys(&l.rows_filtered_sorted(&all, SortKey::Namespace, true)),
            ["team-b/api", "team-a/web", "team-a/api", "ops/zed"]
        );
        let team = ListFilter {
            namespace: " TEAM-".into(),
            ..ListFilter::default()
        };
        assert_eq!(
            keys(&l.rows_filtered_sorted(&team, SortKey::Namespace, false)),
            ["team-a/api", "team-a/web", "team-b/api"]
        );
        let both = ListFilter {
            name: "api".into(),
            namespace: "b".into(),
            ..ListFilter::default()
        };
        assert_eq!(
            keys(&l.rows_filtered_sorted(&both, SortKey::Name, false)),
            ["team-b/api"]
        );
    }

    #[test]
    fn ten_thousand_rows() {
        let l = list(
            (0..10_000)
                .map(|i| {
                    let created = format!("2026-{:02}-{:02}T10:00:00Z", i % 12 + 1, i % 28 + 1);
                    row(
                        &format!("secret-{i:05}"),
                        ["Opaque", "kubernetes.io/tls"][i % 2],
                        (i % 7) as u32,
                        Some(&created),
                        "1d",
                    )
                })
                .collect(),
        );
        let filter = ListFilter {
            name: "SECRET-0".into(),
            secret_type: "Opaque".into(),
            ..ListFilter::default()
        };
        let rows = l.rows_filtered_sorted(&filter, SortKey::Age, false);
        assert_eq!(rows.len(), 5_000);
        assert_eq!(rows[0].created.as_deref(), Some("2026-11-27T10:00:00Z"));
        assert_eq!(
            l.rows_filtered_sorted(&ListFilter::default(), SortKey::Keys, true)
                .len(),
            10_000
        );
    }
}
