//! The live list as a state machine: list a namespace's secrets page by page,
//! watch from the list's resourceVersion, renew the watch when the server
//! ends it, and relist when that version is gone (`410`).
//!
//! Shaped like kube-rs's `kube-runtime` watcher, but without I/O: [`step`]
//! takes the state and one thing that happened and returns the next state,
//! what to tell the view and which request to send next, as data.
//! `api::live_list` sends the requests and feeds the answers back.
//!
//! **All namespaces** ([`Scope::All`]) runs the same loop over value-free
//! Tables only. The cluster-wide Table (`/api/v1/secrets`,
//! `includeObject=None`) prints no namespace, and the lists that name one
//! (`includeObject=Metadata`) also bring `last-applied-configuration`, the
//! values of every secret made with `kubectl apply`. So:
//! 1. the *anchor*: the cluster-wide Table's first row (`limit=1`), for the
//!    resourceVersion every later read is made at, how many secrets there
//!    are, and whether the user may list secrets in all namespaces at all
//!    (a 403 stops here);
//! 2. the namespaces;
//! 3. a *snapshot*: each namespace's Table at exactly the anchor's version
//!    (`resourceVersionMatch=Exact`), a few at a time, every row stamped with
//!    its namespace — one consistent picture, with no change counted twice;
//! 4. the cluster-wide watch from that version. Its events name no namespace
//!    either, so each is placed by name: a change or deletion of a name that
//!    one namespace holds is that namespace's; one that cannot be placed (a
//!    new secret, a name several namespaces hold) relists from 1, the rows
//!    staying on screen meanwhile.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::model::list::age::created_from_age;
use crate::model::list::rows::SecretList;
use crate::model::list::table::{SecretRow, SecretTablePage, SecretWatchEvent};

/// How long to wait before retrying after a failure.
pub const RETRY_DELAY: Duration = Duration::from_secs(2);

/// Which secrets a live list holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// One namespace's.
    Namespace(String),
    /// Every namespace's (see the module's documentation).
    All,
}

/// Where the loop is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum LiveState {
    /// Nothing listed yet: at the start, and whenever the list must be redone
    /// (`410 Gone`, a failed list, an event the all-namespaces list cannot
    /// place). The first page (or the anchor) is on its way.
    #[default]
    Empty,
    /// Some pages are in, the next is on its way.
    Listing { rows: SecretList },
    /// All namespaces: anchored at `resource_version`, with `total` secrets
    /// when the server said; the namespaces are on their way.
    Anchored {
        resource_version: String,
        total: Option<i64>,
    },
    /// All namespaces: the snapshot at `resource_version` is being read;
    /// `pending` namespaces are still out. `reported` is how many rows the
    /// last progress report held.
    Snapshot {
        resource_version: String,
        total: Option<i64>,
        rows: SecretList,
        pending: BTreeSet<String>,
        reported: usize,
    },
    /// The list is complete and watched from `resource_version`, the newest
    /// version seen (the list's, then events' and bookmarks'). `placed` is
    /// the all-namespaces list's rows, by which its events are placed.
    Watching {
        resource_version: String,
        placed: Option<SecretList>,
    },
    /// Given up: listing is forbidden here (403) or the path does not exist
    /// (404); asking again cannot change that.
    Stopped,
}

/// A request the loop wants sent; `api::secrets` builds the real one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// A page of the namespace's list: the first when `continue_token` is `None`.
    Page { continue_token: Option<String> },
    /// All namespaces: the cluster-wide Table's first row.
    Anchor,
    /// All namespaces: the names of the namespaces.
    Namespaces,
    /// All namespaces: every page of each of `namespaces`, read at exactly
    /// `resource_version`, each answered as [`Input::Listed`] once complete.
    Snapshot {
        namespaces: Vec<String>,
        resource_version: String,
    },
    /// A watch from `resource_version` on, with bookmarks (cluster-wide for
    /// all namespaces).
    Watch { resource_version: String },
}

/// What the executor does after a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// Send `request` once `after` has passed (zero: at once). A watch or
    /// snapshot still open is dropped: its answers are no longer wanted.
    Send { request: Request, after: Duration },
    /// Read on in the open watch: its next line, or its end.
    ReadWatch,
    /// Wait for the next namespace of the snapshot to be complete.
    ReadSnapshot,
    /// End the loop.
    Stop,
}

/// One thing that happened to the request in flight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input<E> {
    /// A page of the list (or the anchor) arrived, at `now` (Unix seconds).
    Page { page: SecretTablePage, now: i64 },
    /// The namespaces' names arrived.
    Namespaces(Vec<String>),
    /// Every page of `namespace` in the snapshot arrived, at `now`.
    Listed {
        namespace: String,
        rows: Vec<SecretRow>,
        now: i64,
    },
    /// The server accepted the watch.
    WatchConnected,
    /// One line of the watch, as `parse_watch_line` read it, at `now`.
    WatchLine {
        event: Result<SecretWatchEvent, String>,
        now: i64,
    },
    /// The server ended the watch, as it does after some minutes.
    WatchClosed,
    /// The page, the snapshot or the watch failed.
    Failed(E),
}

/// What the list view is told as the list loads and changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListUpdate<E> {
    /// A page arrived while loading: rows so far, and how many remain if known.
    Progress {
        list: SecretList,
        remaining: Option<i64>,
    },
    /// The list is complete and current.
    Complete(SecretList),
    /// One change from the watch (placed in its namespace for all namespaces).
    Event(SecretWatchEvent),
    /// A watch (re)connected: live updates flow again, even before a change.
    Live,
    /// A request failed; the loop retries by itself unless it stopped.
    Failed(E),
    /// All namespaces: the namespaces could not be listed, so no snapshot
    /// can say where each secret is; retried unless it stopped.
    NamespacesFailed(E),
}

/// The complete list named no resourceVersion. Watching from an empty one
/// would not continue from the list but from whatever the server holds at
/// that moment, so it is an error, not a silent "watch from now".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MissingResourceVersion;

/// What the loop must know of a failed request.
pub trait RequestError: From<MissingResourceVersion> {
    /// The HTTP status, when the server answered.
    fn status(&self) -> Option<u16>;
}

/// The result of one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step<E> {
    pub state: LiveState,
    pub report: Option<ListUpdate<E>>,
    pub next: Next,
}

/// Where every live list begins: the first page (or the anchor), at once.
pub fn start(scope: &Scope) -> (LiveState, Next) {
    (LiveState::Empty, first_request(scope, Duration::ZERO))
}

/// Advances the loop by one input.
pub fn step<E: RequestError>(scope: &Scope, state: LiveState, input: Input<E>) -> Step<E> {
    match (state, input) {
        (LiveState::Stopped, _) => Step {
            state: LiveState::Stopped,
            report: None,
            next: Next::Stop,
        },
        (LiveState::Empty, Input::Page { page, now }) => match scope {
            Scope::Namespace(_) => page_arrived(scope, SecretList::default(), page, now),
            Scope::All => anchored(scope, page),
        },
        (LiveState::Listing { rows }, Input::Page { page, now }) => {
            page_arrived(scope, rows, page, now)
        }
        (
            LiveState::Anchored {
                resource_version,
                total,
            },
            Input::Namespaces(names),
        ) => snapshot_started(resource_version, total, names),
        (LiveState::Anchored { .. }, Input::Failed(error)) => namespaces_failed(scope, error),
        (LiveState::Snapshot { .. }, Input::Failed(error)) if error.status() == Some(410) => {
            relist(scope)
        }
        (
            LiveState::Snapshot {
                resource_version,
                total,
                mut rows,
                mut pending,
                reported,
            },
            Input::Listed {
                namespace,
                rows: listed,
                now,
            },
        ) => {
            if pending.remove(&namespace) {
                for mut row in listed {
                    row.namespace = namespace.clone();
                    rows.apply(SecretWatchEvent::Upsert(settle(scope, row, now)));
                }
            }
            snapshot_progress(resource_version, total, rows, pending, reported)
        }
        (
            LiveState::Empty | LiveState::Listing { .. } | LiveState::Snapshot { .. },
            Input::Failed(error),
        ) => list_failed(scope, error),
        (
            LiveState::Watching {
                resource_version,
                placed,
            },
            input,
        ) => watching(scope, resource_version, placed, input),
        // News that answers nothing asked: the executor feeds only answers to
        // what was asked, so this does not happen; a fresh list needs no history.
        (
            LiveState::Empty
            | LiveState::Listing { .. }
            | LiveState::Anchored { .. }
            | LiveState::Snapshot { .. },
            _,
        ) => relist(scope),
    }
}

fn page_arrived<E: RequestError>(
    scope: &Scope,
    mut rows: SecretList,
    page: SecretTablePage,
    now: i64,
) -> Step<E> {
    for row in page.rows {
        rows.apply(SecretWatchEvent::Upsert(settle(scope, row, now)));
    }
    if let Some(token) = page.continue_token {
        return Step {
            report: Some(ListUpdate::Progress {
                list: rows.clone(),
                remaining: page.remaining,
            }),
            state: LiveState::Listing { rows },
            next: send(Request::Page {
                continue_token: Some(token),
            }),
        };
    }
    match page.resource_version {
        Some(resource_version) => Step {
            state: LiveState::Watching {
                resource_version: resource_version.clone(),
                placed: None,
            },
            report: Some(ListUpdate::Complete(rows)),
            next: send(Request::Watch { resource_version }),
        },
        None => list_failed(scope, E::from(MissingResourceVersion)),
    }
}

/// The anchor's version is what the snapshot and the watch are read at.
fn anchored<E: RequestError>(scope: &Scope, page: SecretTablePage) -> Step<E> {
    let Some(resource_version) = page.resource_version else {
        return list_failed(scope, E::from(MissingResourceVersion));
    };
    let total = match (page.remaining, &page.continue_token) {
        (Some(more), _) => Some(page.rows.len() as i64 + more),
        // One page held everything.
        (None, None) => Some(page.rows.len() as i64),
        // More follow, and the server did not say how many (a selector).
        (None, Some(_)) => None,
    };
    Step {
        state: LiveState::Anchored {
            resource_version,
            total,
        },
        report: None,
        next: send(Request::Namespaces),
    }
}

fn snapshot_started<E>(
    resource_version: String,
    total: Option<i64>,
    names: Vec<String>,
) -> Step<E> {
    let pending: BTreeSet<String> = names.into_iter().filter(|n| !n.is_empty()).collect();
    let namespaces: Vec<String> = pending.iter().cloned().collect();
    let step = snapshot_progress(
        resource_version.clone(),
        total,
        SecretList::default(),
        pending,
        0,
    );
    if namespaces.is_empty() {
        return step;
    }
    Step {
        next: send(Request::Snapshot {
            namespaces,
            resource_version,
        }),
        ..step
    }
}

/// After a namespace of the snapshot: the next one, or the watch once all are
/// in. Progress is reported each time the rows have doubled, so a thousand
/// namespaces cost a handful of copies of the list, not a thousand.
fn snapshot_progress<E>(
    resource_version: String,
    total: Option<i64>,
    rows: SecretList,
    pending: BTreeSet<String>,
    reported: usize,
) -> Step<E> {
    if pending.is_empty() {
        return Step {
            state: LiveState::Watching {
                resource_version: resource_version.clone(),
                placed: Some(rows.clone()),
            },
            report: Some(ListUpdate::Complete(rows)),
            next: send(Request::Watch { resource_version }),
        };
    }
    let grown = !rows.is_empty() && rows.len() >= reported.saturating_mul(2).max(1);
    let report = grown.then(|| ListUpdate::Progress {
        list: rows.clone(),
        remaining: total.map(|t| (t - rows.len() as i64).max(0)),
    });
    Step {
        state: LiveState::Snapshot {
            resource_version,
            total,
            reported: if grown { rows.len() } else { reported },
            rows,
            pending,
        },
        report,
        next: Next::ReadSnapshot,
    }
}

/// The namespaces could not be listed: as a failed list, said apart.
fn namespaces_failed<E: RequestError>(scope: &Scope, error: E) -> Step<E> {
    let step = list_failed(scope, error);
    Step {
        report: step.report.map(|r| match r {
            ListUpdate::Failed(e) => ListUpdate::NamespacesFailed(e),
            other => other,
        }),
        ..step
    }
}

/// A failed page: the whole list starts over after a pause (a later page
/// cannot be asked for again: its continue token may have expired).
fn list_failed<E: RequestError>(scope: &Scope, error: E) -> Step<E> {
    let hopeless = matches!(error.status(), Some(403 | 404));
    Step {
        state: if hopeless {
            LiveState::Stopped
        } else {
            LiveState::Empty
        },
        report: Some(ListUpdate::Failed(error)),
        next: if hopeless {
            Next::Stop
        } else {
            first_request(scope, RETRY_DELAY)
        },
    }
}

fn watching<E: RequestError>(
    scope: &Scope,
    resource_version: String,
    placed: Option<SecretList>,
    input: Input<E>,
) -> Step<E> {
    match input {
        Input::WatchConnected => read_on(resource_version, placed, Some(ListUpdate::Live)),
        Input::WatchLine {
            event: Ok(event),
            now,
        } => watch_event(scope, resource_version, placed, event, now),
        // A line we cannot read tells us of no change we could show.
        Input::WatchLine { event: Err(_), .. } => read_on(resource_version, placed, None),
        // The next watch starts where this one stopped: no change is missed.
        Input::WatchClosed => Step {
            state: LiveState::Watching {
                resource_version: resource_version.clone(),
                placed,
            },
            report: None,
            next: send(Request::Watch { resource_version }),
        },
        // The version is too old to watch from. The view keeps the old rows
        // until the relist is complete, so nothing needs saying.
        Input::Failed(error) if error.status() == Some(410) => relist(scope),
        Input::Failed(error) => Step {
            state: LiveState::Watching {
                resource_version: resource_version.clone(),
                placed,
            },
            report: Some(ListUpdate::Failed(error)),
            next: Next::Send {
                request: Request::Watch { resource_version },
                after: RETRY_DELAY,
            },
        },
        // List answers while watching: as for watch news while listing (see `step`).
        Input::Page { .. } | Input::Namespaces(_) | Input::Listed { .. } => relist(scope),
    }
}

fn watch_event<E>(
    scope: &Scope,
    resource_version: String,
    placed: Option<SecretList>,
    event: SecretWatchEvent,
    now: i64,
) -> Step<E> {
    let newer = match &event {
        SecretWatchEvent::Bookmark(newer) => newer.clone(),
        SecretWatchEvent::Added(row) | SecretWatchEvent::Upsert(row) => row
            .resource_version
            .clone()
            .unwrap_or_else(|| resource_version.clone()),
        _ => resource_version.clone(),
    };
    let event = match event {
        SecretWatchEvent::Bookmark(_) => return read_on(newer, placed, None),
        SecretWatchEvent::Expired => return relist(scope),
        // The server ends the watch after an error event; the renewal follows.
        SecretWatchEvent::Error(_) => return read_on(resource_version, placed, None),
        SecretWatchEvent::Added(row) => SecretWatchEvent::Added(settle(scope, row, now)),
        SecretWatchEvent::Upsert(row) => SecretWatchEvent::Upsert(settle(scope, row, now)),
        SecretWatchEvent::Deleted { namespace, name } => SecretWatchEvent::Deleted {
            namespace: match scope {
                Scope::Namespace(ns) if namespace.is_empty() => ns.clone(),
                _ => namespace,
            },
            name,
        },
    };
    let Some(mut rows) = placed else {
        return read_on(newer, None, Some(ListUpdate::Event(event)));
    };
    match place(&rows, event) {
        Placed::Event(event) => {
            rows.apply(event.clone());
            read_on(newer, Some(rows), Some(ListUpdate::Event(event)))
        }
        Placed::Unchanged => read_on(newer, Some(rows), None),
        Placed::Unknown => relist(scope),
    }
}

/// Where an all-namespaces watch event belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Placed {
    /// In this namespace (the event now says which).
    Event(SecretWatchEvent),
    /// Nowhere that shows: what it says is what every candidate row shows.
    Unchanged,
    /// It cannot be told: relist.
    Unknown,
}

/// Places an event that names no namespace by the rows that hold its name.
/// The snapshot and the watch start at the same version, so every secret
/// the watch speaks of was in the snapshot, unless it is new (ADDED): a new
/// secret could be in any namespace, even one that holds its name already.
fn place(rows: &SecretList, event: SecretWatchEvent) -> Placed {
    let named_in = |name: &str| rows.named(name).collect::<Vec<_>>();
    match event {
        SecretWatchEvent::Added(row) | SecretWatchEvent::Upsert(row)
            if !row.namespace.is_empty() =>
        {
            Placed::Event(SecretWatchEvent::Upsert(row))
        }
        SecretWatchEvent::Deleted { namespace, name } if !namespace.is_empty() => {
            Placed::Event(SecretWatchEvent::Deleted { namespace, name })
        }
        SecretWatchEvent::Added(_) => Placed::Unknown,
        SecretWatchEvent::Upsert(mut row) => match named_in(&row.name).as_slice() {
            [only] => {
                row.namespace = only.namespace.clone();
                // A change keeps the secret's creation time.
                if only.created.is_some() {
                    row.created = only.created.clone();
                }
                Placed::Event(SecretWatchEvent::Upsert(row))
            }
            [] => Placed::Unknown,
            several
                if several
                    .iter()
                    .all(|r| r.secret_type == row.secret_type && r.keys == row.keys) =>
            {
                Placed::Unchanged
            }
            _ => Placed::Unknown,
        },
        SecretWatchEvent::Deleted { name, .. } => match named_in(&name).as_slice() {
            [only] => Placed::Event(SecretWatchEvent::Deleted {
                namespace: only.namespace.clone(),
                name,
            }),
            [] => Placed::Unchanged,
            _ => Placed::Unknown,
        },
        SecretWatchEvent::Bookmark(_) | SecretWatchEvent::Expired | SecretWatchEvent::Error(_) => {
            Placed::Unchanged
        }
    }
}

fn read_on<E>(
    resource_version: String,
    placed: Option<SecretList>,
    report: Option<ListUpdate<E>>,
) -> Step<E> {
    Step {
        state: LiveState::Watching {
            resource_version,
            placed,
        },
        report,
        next: Next::ReadWatch,
    }
}

fn relist<E>(scope: &Scope) -> Step<E> {
    Step {
        state: LiveState::Empty,
        report: None,
        next: first_request(scope, Duration::ZERO),
    }
}

fn first_request(scope: &Scope, after: Duration) -> Next {
    Next::Send {
        request: match scope {
            Scope::Namespace(_) => Request::Page {
                continue_token: None,
            },
            Scope::All => Request::Anchor,
        },
        after,
    }
}

fn send(request: Request) -> Next {
    Next::Send {
        request,
        after: Duration::ZERO,
    }
}

/// Table rows without objects carry only the printed AGE; turn it into a
/// creation time so the column keeps counting. A one-namespace list's rows
/// are stamped with its namespace, so every row says where it lives.
fn settle(scope: &Scope, mut row: SecretRow, now: i64) -> SecretRow {
    if row.created.is_none() {
        row.created = created_from_age(&row.age_cell, now);
    }
    if let (Scope::Namespace(ns), true) = (scope, row.namespace.is_empty()) {
        row.namespace = ns.clone();
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::list::rows::SortKey;
    use crate::model::list::table::{parse_secret_table, parse_watch_line};
    use proptest::prelude::*;
    use serde_json::json;

    /// 2026-11-27T10:00:00Z, when the scripted answers arrive.
    const NOW: i64 = 1_795_773_600;

    #[derive(Debug, Clone, PartialEq, Eq)]
    enum TestError {
        Http(u16),
        Network,
        NoResourceVersion,
    }

    impl From<MissingResourceVersion> for TestError {
        fn from(_: MissingResourceVersion) -> Self {
            TestError::NoResourceVersion
        }
    }

    impl RequestError for TestError {
        fn status(&self) -> Option<u16> {
            match self {
                TestError::Http(code) => Some(*code),
                TestError::Network | TestError::NoResourceVersion => None,
            }
        }
    }

    /// A scripted run: the test plays the server, answering each request
    /// with text as the apiserver sends it.
    struct Run {
        scope: Scope,
        state: LiveState,
        next: Next,
        reports: Vec<ListUpdate<TestError>>,
    }

    impl Run {
        fn new() -> Run {
            Run::of(Scope::Namespace("default".into()))
        }

        fn of(scope: Scope) -> Run {
            let (state, next) = start(&scope);
            Run {
                scope,
                state,
                next,
                reports: Vec::new(),
            }
        }

        fn feed(&mut self, input: Input<TestError>) -> &Next {
            let step = step(&self.scope, std::mem::take(&mut self.state), input);
            self.state = step.state;
            self.reports.extend(step.report);
            self.next = step.next;
            &self.next
        }

        fn page(&mut self, json: String) -> &Next {
            let page = parse_secret_table(&json).unwrap();
            self.feed(Input::Page { page, now: NOW })
        }

        fn line(&mut self, json: String) -> &Next {
            let event = parse_watch_line(&json);
            self.feed(Input::WatchLine { event, now: NOW })
        }

        fn fail(&mut self, error: TestError) -> &Next {
            self.feed(Input::Failed(error))
        }

        /// The reports since the last call.
        fn reports(&mut self) -> Vec<ListUpdate<TestError>> {
            std::mem::take(&mut self.reports)
        }

        fn watched_version(&self) -> &str {
            match &self.state {
                LiveState::Watching {
                    resource_version, ..
                } => resource_version,
                other => panic!("not watching: {other:?}"),
            }
        }

        /// Lists one complete page of `names` at `version`, then connects the watch.
        fn watching(names: &[&str], version: &str) -> Run {
            let mut run = Run::new();
            run.page(table(names, Some(version), None, None));
            run.feed(Input::WatchConnected);
            run.reports();
            run
        }
    }

    /// A Table page as `includeObject=None` returns it.
    fn table(
        names: &[&str],
        version: Option<&str>,
        continue_token: Option<&str>,
        remaining: Option<i64>,
    ) -> String {
        let mut metadata = json!({});
        if let Some(v) = version {
            metadata["resourceVersion"] = json!(v);
        }
        if let Some(t) = continue_token {
            metadata["continue"] = json!(t);
        }
        if let Some(r) = remaining {
            metadata["remainingItemCount"] = json!(r);
        }
        json!({
            "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": metadata,
            "columnDefinitions": [{"name": "Name"}, {"name": "Type"}, {"name": "Data"}, {"name": "Age"}],
            "rows": names.iter().map(|n| json!({"cells": [n, "Opaque", 1, "5m"], "object": null})).collect::<Vec<_>>(),
        })
        .to_string()
    }

    fn watch_line(kind: &str, name: &str, version: &str) -> String {
        json!({"type": kind, "object": {"kind": "Table", "apiVersion": "meta.k8s.io/v1",
            "metadata": {"resourceVersion": version},
            "rows": [{"cells": [name, "Opaque", 2, "0s"], "object": null}]}})
        .to_string()
    }

    fn bookmark(version: &str) -> String {
        json!({"type": "BOOKMARK", "object": {"kind": "Table", "apiVersion": "meta.k8s.io/v1",
            "metadata": {"resourceVersion": version}, "columnDefinitions": null,
            "rows": [{"cells": ["", "", 0, "<unknown>"], "object": null}]}})
        .to_string()
    }

    fn error_event(code: u16, reason: &str, message: &str) -> String {
        json!({"type": "ERROR", "object": {"kind": "Status", "apiVersion": "v1", "metadata": {},
            "status": "Failure", "message": message, "reason": reason, "code": code}})
        .to_string()
    }

    fn page_request(continue_token: Option<&str>, after: Duration) -> Next {
        Next::Send {
            request: Request::Page {
                continue_token: continue_token.map(String::from),
            },
            after,
        }
    }

    fn watch_request(version: &str, after: Duration) -> Next {
        Next::Send {
            request: Request::Watch {
                resource_version: version.into(),
            },
            after,
        }
    }

    fn names(list: &SecretList) -> Vec<String> {
        list.rows_filtered_sorted(&Default::default(), Default::default(), false)
            .into_iter()
            .map(|r| r.name.clone())
            .collect()
    }

    fn progress_names(update: &ListUpdate<TestError>) -> (Vec<String>, Option<i64>) {
        match update {
            ListUpdate::Progress { list, remaining } => (names(list), *remaining),
            other => panic!("not progress: {other:?}"),
        }
    }

    fn complete_names(update: &ListUpdate<TestError>) -> Vec<String> {
        match update {
            ListUpdate::Complete(list) => names(list),
            other => panic!("not a complete list: {other:?}"),
        }
    }

    #[test]
    fn pages_are_listed_in_turn_then_watched_from_the_lists_version() {
        let mut run = Run::new();
        assert_eq!(run.next, page_request(None, Duration::ZERO));
        assert_eq!(
            run.page(table(&["a", "b"], Some("400"), Some("t1"), Some(3))),
            &page_request(Some("t1"), Duration::ZERO)
        );
        assert_eq!(
            run.page(table(&["c", "d"], Some("400"), Some("t2"), Some(1))),
            &page_request(Some("t2"), Duration::ZERO)
        );
        assert_eq!(
            run.page(table(&["e"], Some("500"), None, None)),
            &watch_request("500", Duration::ZERO)
        );
        let reports = run.reports();
        assert_eq!(reports.len(), 3);
        assert_eq!(
            progress_names(&reports[0]),
            (vec!["a".into(), "b".into()], Some(3))
        );
        assert_eq!(progress_names(&reports[1]).0, ["a", "b", "c", "d"]);
        assert_eq!(complete_names(&reports[2]), ["a", "b", "c", "d", "e"]);
        // Rows without objects get a creation time from their AGE cell.
        let ListUpdate::Complete(list) = &reports[2] else {
            unreachable!()
        };
        assert_eq!(
            list.get("default", "a").unwrap().created.as_deref(),
            Some("2026-11-27T09:55:00Z")
        );
        assert_eq!(run.watched_version(), "500");

        assert_eq!(run.feed(Input::WatchConnected), &Next::ReadWatch);
        assert_eq!(run.reports(), [ListUpdate::Live]);
    }

    #[test]
    fn an_empty_namespace_is_one_page_then_the_watch() {
        let mut run = Run::new();
        assert_eq!(
            run.page(table(&[], Some("7"), None, None)),
            &watch_request("7", Duration::ZERO)
        );
        assert_eq!(run.reports(), [ListUpdate::Complete(SecretList::default())]);
    }

    #[test]
    fn watch_events_are_reported_and_advance_the_version() {
        let mut run = Run::watching(&["a"], "500");
        assert_eq!(run.line(watch_line("ADDED", "b", "501")), &Next::ReadWatch);
        assert_eq!(run.watched_version(), "501");
        assert_eq!(
            run.line(watch_line("MODIFIED", "a", "502")),
            &Next::ReadWatch
        );
        assert_eq!(
            run.line(watch_line("DELETED", "b", "503")),
            &Next::ReadWatch
        );
        let reports = run.reports();
        let ListUpdate::Event(SecretWatchEvent::Added(added)) = &reports[0] else {
            panic!("not an addition: {:?}", reports[0]);
        };
        assert_eq!(
            added.namespace, "default",
            "stamped with the list's namespace"
        );
        assert_eq!((added.name.as_str(), added.keys), ("b", 2));
        assert_eq!(added.created.as_deref(), Some("2026-11-27T10:00:00Z"));
        assert!(
            matches!(&reports[1], ListUpdate::Event(SecretWatchEvent::Upsert(r)) if r.name == "a")
        );
        assert_eq!(
            reports[2],
            ListUpdate::Event(SecretWatchEvent::Deleted {
                namespace: "default".into(),
                name: "b".into()
            })
        );
        assert_eq!(run.watched_version(), "502");
    }

    #[test]
    fn a_bookmark_moves_the_version_and_tells_the_view_nothing() {
        let mut run = Run::watching(&["a"], "500");
        assert_eq!(run.line(bookmark("900")), &Next::ReadWatch);
        assert_eq!(run.watched_version(), "900");
        assert!(run.reports().is_empty());
    }

    #[test]
    fn a_watch_the_server_ends_is_renewed_at_once_from_the_last_version() {
        let mut run = Run::watching(&["a"], "500");
        run.line(watch_line("ADDED", "b", "640"));
        run.line(bookmark("700"));
        assert_eq!(
            run.feed(Input::WatchClosed),
            &watch_request("700", Duration::ZERO)
        );
        assert_eq!(run.feed(Input::WatchConnected), &Next::ReadWatch);
        assert_eq!(run.watched_version(), "700");
        assert_eq!(run.reports().last(), Some(&ListUpdate::Live));
    }

    #[test]
    fn a_gone_error_event_relists_at_once_and_watches_from_the_new_list() {
        let mut run = Run::watching(&["a"], "500");
        let gone = error_event(410, "Expired", "too old resource version: 500 (900)");
        assert_eq!(run.line(gone), &page_request(None, Duration::ZERO));
        assert_eq!(run.state, LiveState::Empty);
        assert!(run.reports().is_empty(), "a relist is not news");
        run.page(table(&["a", "b"], Some("950"), Some("t"), None));
        // The relist starts from no rows: a secret deleted meanwhile is gone.
        assert_eq!(
            run.page(table(&["c"], Some("960"), None, None)),
            &watch_request("960", Duration::ZERO)
        );
        let reports = run.reports();
        assert_eq!(progress_names(&reports[0]).0, ["a", "b"]);
        assert_eq!(complete_names(&reports[1]), ["a", "b", "c"]);
    }

    #[test]
    fn a_gone_answer_to_the_watch_request_relists_at_once() {
        let mut run = Run::watching(&["a"], "500");
        run.feed(Input::WatchClosed);
        assert_eq!(
            run.fail(TestError::Http(410)),
            &page_request(None, Duration::ZERO)
        );
        assert_eq!(run.state, LiveState::Empty);
        assert!(run.reports().is_empty());
        assert_eq!(
            run.page(table(&["a"], Some("990"), None, None)),
            &watch_request("990", Duration::ZERO)
        );
    }

    #[test]
    fn a_failed_later_page_is_reported_and_the_list_starts_over_after_a_pause() {
        let mut run = Run::new();
        run.page(table(&["a", "b"], Some("400"), Some("t1"), Some(5)));
        assert_eq!(
            run.fail(TestError::Http(500)),
            &page_request(None, RETRY_DELAY)
        );
        assert_eq!(run.state, LiveState::Empty);
        assert_eq!(
            run.reports().last(),
            Some(&ListUpdate::Failed(TestError::Http(500)))
        );
        run.page(table(&["b"], Some("420"), None, None));
        assert_eq!(complete_names(&run.reports()[0]), ["b"]);
    }

    #[test]
    fn a_list_without_a_resource_version_is_an_error_not_a_watch_from_now() {
        let mut run = Run::new();
        run.page(table(&["a"], None, Some("t1"), None));
        assert_eq!(
            run.page(table(&["b"], None, None, None)),
            &page_request(None, RETRY_DELAY)
        );
        assert_eq!(run.state, LiveState::Empty);
        assert_eq!(
            run.reports().last(),
            Some(&ListUpdate::Failed(TestError::NoResourceVersion))
        );
    }

    #[test]
    fn a_forbidden_or_missing_list_stops_the_loop() {
        for code in [403, 404] {
            let mut run = Run::new();
            assert_eq!(run.fail(TestError::Http(code)), &Next::Stop);
            assert_eq!(run.state, LiveState::Stopped);
            assert_eq!(run.reports(), [ListUpdate::Failed(TestError::Http(code))]);
            assert_eq!(run.feed(Input::WatchClosed), &Next::Stop);
        }
    }

    #[test]
    fn a_failed_watch_is_reported_and_retried_from_the_same_version_after_a_pause() {
        let mut run = Run::watching(&["a"], "500");
        run.line(bookmark("600"));
        assert_eq!(
            run.fail(TestError::Network),
            &watch_request("600", RETRY_DELAY)
        );
        assert_eq!(run.reports(), [ListUpdate::Failed(TestError::Network)]);
        assert_eq!(run.feed(Input::WatchConnected), &Next::ReadWatch);
        assert_eq!(run.reports(), [ListUpdate::Live]);
    }

    #[test]
    fn lines_that_change_nothing_keep_the_watch_reading() {
        let mut run = Run::watching(&["a"], "500");
        assert_eq!(run.line("not json".into()), &Next::ReadWatch);
        assert_eq!(
            run.line(error_event(
                500,
                "InternalError",
                "etcdserver: request timed out"
            )),
            &Next::ReadWatch
        );
        assert_eq!(run.watched_version(), "500");
        assert!(run.reports().is_empty());
    }

    fn listed(namespace: &str, names: &[&str]) -> Input<TestError> {
        Input::Listed {
            namespace: namespace.into(),
            rows: parse_secret_table(&table(names, Some("1"), None, None))
                .unwrap()
                .rows,
            now: NOW,
        }
    }

    fn anchor_request(after: Duration) -> Next {
        Next::Send {
            request: Request::Anchor,
            after,
        }
    }

    fn keys_of(list: &SecretList) -> Vec<String> {
        list.rows_filtered_sorted(&Default::default(), SortKey::Namespace, false)
            .into_iter()
            .map(|r| format!("{}/{}", r.namespace, r.name))
            .collect()
    }

    /// A MODIFIED line whose row prints `keys` keys.
    fn modified_with_keys(name: &str, keys: u32, version: &str) -> String {
        json!({"type": "MODIFIED", "object": {"kind": "Table", "apiVersion": "meta.k8s.io/v1",
            "metadata": {"resourceVersion": version},
            "rows": [{"cells": [name, "Opaque", keys, "3m"], "object": null}]}})
        .to_string()
    }

    /// All namespaces, watching from 400 with team-a/api, team-b/api and team-b/web.
    fn watching_all() -> Run {
        let mut run = Run::of(Scope::All);
        run.page(table(&["api"], Some("400"), Some("t"), Some(2)));
        run.feed(Input::Namespaces(vec!["team-a".into(), "team-b".into()]));
        run.feed(listed("team-a", &["api"]));
        run.feed(listed("team-b", &["api", "web"]));
        run.feed(Input::WatchConnected);
        run.reports();
        run
    }

    #[test]
    fn all_namespaces_anchor_then_a_snapshot_at_its_version_then_one_watch() {
        let mut run = Run::of(Scope::All);
        assert_eq!(run.next, anchor_request(Duration::ZERO));
        // The anchor's one row says there are five secrets, at version 400.
        assert_eq!(
            run.page(table(&["x"], Some("400"), Some("t"), Some(4))),
            &Next::Send {
                request: Request::Namespaces,
                after: Duration::ZERO
            }
        );
        assert!(run.reports().is_empty(), "the anchor's row is not shown");
        assert_eq!(
            run.feed(Input::Namespaces(vec![
                "team-b".into(),
                "team-a".into(),
                "empty".into()
            ])),
            &Next::Send {
                request: Request::Snapshot {
                    namespaces: vec!["empty".into(), "team-a".into(), "team-b".into()],
                    resource_version: "400".into(),
                },
                after: Duration::ZERO
            }
        );
        assert_eq!(
            run.feed(listed("team-b", &["api", "web"])),
            &Next::ReadSnapshot
        );
        let reports = run.reports();
        let [ListUpdate::Progress { list, remaining }] = reports.as_slice() else {
            panic!("not one progress report: {reports:?}");
        };
        assert_eq!(keys_of(list), ["team-b/api", "team-b/web"]);
        assert_eq!(*remaining, Some(3));
        // Fewer than twice the rows last reported: no copy of the list yet.
        assert_eq!(run.feed(listed("team-a", &["api"])), &Next::ReadSnapshot);
        assert!(run.reports().is_empty());
        // A namespace answered twice, or never asked, changes nothing.
        assert_eq!(run.feed(listed("team-a", &["ghost"])), &Next::ReadSnapshot);
        assert_eq!(
            run.feed(listed("empty", &[])),
            &watch_request("400", Duration::ZERO)
        );
        let reports = run.reports();
        let [ListUpdate::Complete(list)] = reports.as_slice() else {
            panic!("not complete: {reports:?}");
        };
        assert_eq!(keys_of(list), ["team-a/api", "team-b/api", "team-b/web"]);
        assert_eq!(
            list.get("team-a", "api").unwrap().created.as_deref(),
            Some("2026-11-27T09:55:00Z")
        );
        assert_eq!(run.watched_version(), "400");
    }

    #[test]
    fn all_namespaces_with_no_namespace_is_complete_at_once() {
        let mut run = Run::of(Scope::All);
        run.page(table(&[], Some("9"), None, None));
        assert_eq!(
            run.feed(Input::Namespaces(vec![])),
            &watch_request("9", Duration::ZERO)
        );
        assert_eq!(run.reports(), [ListUpdate::Complete(SecretList::default())]);
    }

    #[test]
    fn events_are_placed_by_the_one_namespace_holding_their_name() {
        let mut run = watching_all();
        assert_eq!(
            run.line(watch_line("MODIFIED", "web", "401")),
            &Next::ReadWatch
        );
        assert_eq!(run.watched_version(), "401");
        let reports = run.reports();
        let [ListUpdate::Event(SecretWatchEvent::Upsert(row))] = reports.as_slice() else {
            panic!("not one change: {reports:?}");
        };
        assert_eq!((row.namespace.as_str(), row.keys), ("team-b", 2));
        assert_eq!(
            row.created.as_deref(),
            Some("2026-11-27T09:55:00Z"),
            "a change keeps the creation time"
        );
        assert_eq!(
            run.line(watch_line("DELETED", "web", "402")),
            &Next::ReadWatch
        );
        assert_eq!(
            run.reports(),
            [ListUpdate::Event(SecretWatchEvent::Deleted {
                namespace: "team-b".into(),
                name: "web".into()
            })]
        );
        // Gone from the rows the events are placed by, too.
        assert_eq!(
            run.line(watch_line("MODIFIED", "web", "403")),
            &anchor_request(Duration::ZERO)
        );
        assert_eq!(run.state, LiveState::Empty);
    }

    #[test]
    fn a_name_several_namespaces_hold_is_placed_only_when_nothing_shows() {
        let mut run = watching_all();
        // Both `api` rows already print one key: whichever changed, nothing shows.
        assert_eq!(
            run.line(modified_with_keys("api", 1, "410")),
            &Next::ReadWatch
        );
        assert!(run.reports().is_empty());
        assert_eq!(run.watched_version(), "410");
        // Two keys now: in which namespace cannot be told, so relist.
        assert_eq!(
            run.line(modified_with_keys("api", 2, "411")),
            &anchor_request(Duration::ZERO)
        );
        assert!(run.reports().is_empty(), "a relist is not news");

        let mut run = watching_all();
        assert_eq!(
            run.line(watch_line("DELETED", "api", "412")),
            &anchor_request(Duration::ZERO)
        );
        let mut run = watching_all();
        // Deleting what no namespace holds changes nothing.
        assert_eq!(
            run.line(watch_line("DELETED", "nope", "413")),
            &Next::ReadWatch
        );
        assert!(run.reports().is_empty());
    }

    #[test]
    fn a_new_secret_in_any_namespace_relists() {
        for name in ["brand-new", "api"] {
            let mut run = watching_all();
            assert_eq!(
                run.line(watch_line("ADDED", name, "420")),
                &anchor_request(Duration::ZERO),
                "{name}"
            );
            // The relist is a new snapshot, at the new anchor's version.
            run.page(table(&["api"], Some("421"), None, None));
            run.feed(Input::Namespaces(vec!["team-c".into()]));
            assert_eq!(
                run.next,
                Next::Send {
                    request: Request::Snapshot {
                        namespaces: vec!["team-c".into()],
                        resource_version: "421".into()
                    },
                    after: Duration::ZERO
                }
            );
            run.feed(listed("team-c", &[name]));
            let reports = run.reports();
            let [ListUpdate::Complete(list)] = reports.as_slice() else {
                panic!("not complete: {reports:?}");
            };
            assert_eq!(keys_of(list), [format!("team-c/{name}")]);
        }
    }

    #[test]
    fn a_forbidden_cluster_wide_list_stops_and_says_so() {
        let mut run = Run::of(Scope::All);
        assert_eq!(run.fail(TestError::Http(403)), &Next::Stop);
        assert_eq!(run.reports(), [ListUpdate::Failed(TestError::Http(403))]);
        assert_eq!(run.state, LiveState::Stopped);
    }

    #[test]
    fn namespaces_that_cannot_be_listed_are_said_apart() {
        let mut run = Run::of(Scope::All);
        run.page(table(&[], Some("5"), None, None));
        assert_eq!(run.fail(TestError::Network), &anchor_request(RETRY_DELAY));
        assert_eq!(
            run.reports(),
            [ListUpdate::NamespacesFailed(TestError::Network)]
        );
        run.page(table(&[], Some("6"), None, None));
        assert_eq!(run.fail(TestError::Http(403)), &Next::Stop);
        assert_eq!(
            run.reports(),
            [ListUpdate::NamespacesFailed(TestError::Http(403))]
        );
    }

    #[test]
    fn a_snapshot_whose_version_is_gone_starts_over_at_once() {
        let mut run = Run::of(Scope::All);
        run.page(table(&[], Some("5"), None, None));
        run.feed(Input::Namespaces(vec!["a".into(), "b".into()]));
        run.feed(listed("a", &["x"]));
        assert_eq!(
            run.fail(TestError::Http(410)),
            &anchor_request(Duration::ZERO)
        );
        assert!(run
            .reports()
            .iter()
            .all(|r| !matches!(r, ListUpdate::Failed(_))));
        run.page(table(&[], Some("6"), None, None));
        run.feed(Input::Namespaces(vec!["a".into()]));
        assert_eq!(run.fail(TestError::Http(500)), &anchor_request(RETRY_DELAY));
        assert_eq!(run.reports(), [ListUpdate::Failed(TestError::Http(500))]);
    }

    fn any_input() -> impl Strategy<Value = Input<TestError>> {
        let version = proptest::option::of("[0-9]{1,3}");
        let token = proptest::option::of("[a-z]{1,3}");
        prop_oneof![
            (
                proptest::collection::vec("[a-z]{1,4}", 0..4),
                version,
                token
            )
                .prop_map(|(names, version, token)| {
                    let names: Vec<&str> = names.iter().map(String::as_str).collect();
                    let json = table(&names, version.as_deref(), token.as_deref(), None);
                    Input::Page {
                        page: parse_secret_table(&json).unwrap(),
                        now: NOW,
                    }
                }),
            Just(Input::WatchConnected),
            Just(Input::WatchClosed),
            "[0-9]{1,3}".prop_map(|v| Input::WatchLine {
                event: parse_watch_line(&bookmark(&v)),
                now: NOW
            }),
            ("[a-z]{1,4}", "[0-9]{1,3}").prop_map(|(n, v)| Input::WatchLine {
                event: parse_watch_line(&watch_line("ADDED", &n, &v)),
                now: NOW
            }),
            Just(Input::WatchLine {
                event: parse_watch_line(&error_event(410, "Expired", "too old")),
                now: NOW
            }),
            prop_oneof![Just(403u16), Just(404), Just(410), Just(500)]
                .prop_map(|c| Input::Failed(TestError::Http(c))),
            Just(Input::Failed(TestError::Network)),
        ]
    }

    fn any_all_namespaces_input() -> impl Strategy<Value = Input<TestError>> {
        prop_oneof![
            any_input(),
            proptest::collection::vec("[a-c]", 0..3).prop_map(Input::Namespaces),
            ("[a-c]", proptest::collection::vec("[a-z]{1,3}", 0..3)).prop_map(|(ns, names)| {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                listed(&ns, &names)
            }),
            ("[a-z]{1,3}", "[0-9]{1,3}").prop_map(|(n, v)| Input::WatchLine {
                event: parse_watch_line(&watch_line("MODIFIED", &n, &v)),
                now: NOW
            }),
            ("[a-z]{1,3}", "[0-9]{1,3}").prop_map(|(n, v)| Input::WatchLine {
                event: parse_watch_line(&watch_line("DELETED", &n, &v)),
                now: NOW
            }),
        ]
    }

    proptest! {
        /// All namespaces, whatever the server answers in whatever order:
        /// snapshots and watches are read at a version, a snapshot is read
        /// only while one is out, a watch only while watching, and every row
        /// it shows knows its namespace.
        #[test]
        fn all_namespaces_keep_the_loop_consistent(inputs in proptest::collection::vec(any_all_namespaces_input(), 0..40)) {
            let mut run = Run::of(Scope::All);
            for input in inputs {
                let next = run.feed(input).clone();
                match &next {
                    Next::Send { request: Request::Watch { resource_version }, .. }
                    | Next::Send { request: Request::Snapshot { resource_version, .. }, .. } => {
                        prop_assert!(!resource_version.is_empty());
                    }
                    Next::Send { request: Request::Page { .. }, .. } => {
                        prop_assert!(false, "a one-namespace page for all namespaces");
                    }
                    Next::ReadWatch => {
                        let watching = matches!(run.state, LiveState::Watching { placed: Some(_), .. });
                        prop_assert!(watching, "reads a watch while {:?}", run.state);
                    }
                    Next::ReadSnapshot => {
                        let listing = matches!(&run.state, LiveState::Snapshot { pending, .. } if !pending.is_empty());
                        prop_assert!(listing, "reads a snapshot while {:?}", run.state);
                    }
                    Next::Send { .. } | Next::Stop => {}
                }
                for report in run.reports() {
                    let rows = match report {
                        ListUpdate::Progress { list, .. } | ListUpdate::Complete(list) => keys_of(&list),
                        ListUpdate::Event(SecretWatchEvent::Upsert(r) | SecretWatchEvent::Added(r)) => vec![format!("{}/{}", r.namespace, r.name)],
                        ListUpdate::Event(SecretWatchEvent::Deleted { namespace, name }) => vec![format!("{namespace}/{name}")],
                        _ => vec![],
                    };
                    prop_assert!(rows.iter().all(|k| !k.starts_with('/')), "a row without its namespace: {:?}", rows);
                }
            }
        }
    }

    proptest! {
        /// Whatever the server answers, in whatever order: the loop never
        /// watches from an empty version, reads a watch only while watching,
        /// and stops only after a 403 or 404 to a list.
        #[test]
        fn any_answers_keep_the_loop_consistent(inputs in proptest::collection::vec(any_input(), 0..40)) {
            let mut run = Run::new();
            for input in inputs {
                let was_stopped = run.state == LiveState::Stopped;
                let listing = matches!(run.state, LiveState::Empty | LiveState::Listing { .. });
                let hopeless = matches!(&input, Input::Failed(TestError::Http(403 | 404)));
                let next = run.feed(input).clone();
                match &next {
                    Next::Send { request: Request::Watch { resource_version }, .. } => {
                        prop_assert!(!resource_version.is_empty());
                    }
                    Next::ReadWatch => {
                        let watching = matches!(run.state, LiveState::Watching { .. });
                        prop_assert!(watching, "reads a watch while {:?}", run.state);
                    }
                    Next::ReadSnapshot => prop_assert!(false, "a snapshot of one namespace"),
                    Next::Send { .. } | Next::Stop => {}
                }
                let stopped = run.state == LiveState::Stopped;
                prop_assert_eq!(next == Next::Stop, stopped);
                prop_assert_eq!(stopped, was_stopped || listing && hopeless);
            }
        }
    }
}
