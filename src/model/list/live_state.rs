//! The live list as a state machine: list a namespace's secrets page by page,
//! watch from the list's resourceVersion, renew the watch when the server
//! ends it, and relist when that version is gone (`410`).
//!
//! Shaped like kube-rs's `kube-runtime` watcher, but without I/O: [`step`]
//! takes the state and one thing that happened and returns the next state,
//! what to tell the view and which request to send next, as data.
//! `api::live_list` sends the requests and feeds the answers back.

use std::time::Duration;

use crate::model::list::age::created_from_age;
use crate::model::list::rows::SecretList;
use crate::model::list::table::{SecretRow, SecretTablePage, SecretWatchEvent};

/// How long to wait before retrying after a failure.
pub const RETRY_DELAY: Duration = Duration::from_secs(2);

/// Where the loop is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum LiveState {
    /// Nothing listed yet: at the start, and whenever the list must be redone
    /// (`410 Gone`, a failed list). The first page is on its way.
    #[default]
    Empty,
    /// Some pages are in, the next is on its way.
    Listing { rows: SecretList },
    /// The list is complete and watched from `resource_version`, the newest
    /// version seen (the list's, then events' and bookmarks').
    Watching { resource_version: String },
    /// Given up: listing is forbidden here (403) or the path does not exist
    /// (404); asking again cannot change that.
    Stopped,
}

/// A request the loop wants sent; `api::secrets` builds the real one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// A page of the list: the first when `continue_token` is `None`.
    Page { continue_token: Option<String> },
    /// A watch from `resource_version` on, with bookmarks.
    Watch { resource_version: String },
}

/// What the executor does after a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// Send `request` once `after` has passed (zero: at once). A watch still
    /// open is dropped: its answers are no longer wanted.
    Send { request: Request, after: Duration },
    /// Read on in the open watch: its next line, or its end.
    ReadWatch,
    /// End the loop.
    Stop,
}

/// One thing that happened to the request in flight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input<E> {
    /// A page of the list arrived, at `now` (Unix seconds).
    Page { page: SecretTablePage, now: i64 },
    /// The server accepted the watch.
    WatchConnected,
    /// One line of the watch, as `parse_watch_line` read it, at `now`.
    WatchLine {
        event: Result<SecretWatchEvent, String>,
        now: i64,
    },
    /// The server ended the watch, as it does after some minutes.
    WatchClosed,
    /// The page or the watch failed.
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
    /// One change from the watch.
    Event(SecretWatchEvent),
    /// A watch (re)connected: live updates flow again, even before a change.
    Live,
    /// A request failed; the loop retries by itself unless it stopped.
    Failed(E),
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

/// Where every live list begins: the first page, at once.
pub fn start() -> (LiveState, Next) {
    (LiveState::Empty, first_page(Duration::ZERO))
}

/// Advances the loop by one input.
pub fn step<E: RequestError>(state: LiveState, input: Input<E>) -> Step<E> {
    match (state, input) {
        (LiveState::Stopped, _) => Step {
            state: LiveState::Stopped,
            report: None,
            next: Next::Stop,
        },
        (LiveState::Empty, Input::Page { page, now }) => {
            page_arrived(SecretList::default(), page, now)
        }
        (LiveState::Listing { rows }, Input::Page { page, now }) => page_arrived(rows, page, now),
        (LiveState::Empty | LiveState::Listing { .. }, Input::Failed(error)) => list_failed(error),
        (LiveState::Watching { resource_version }, input) => watching(resource_version, input),
        // Watch news while listing: the executor feeds only answers to what
        // was asked, so this does not happen; a fresh list needs no history.
        (LiveState::Empty | LiveState::Listing { .. }, _) => relist(),
    }
}

fn page_arrived<E: RequestError>(mut rows: SecretList, page: SecretTablePage, now: i64) -> Step<E> {
    for row in page.rows {
        rows.apply(SecretWatchEvent::Upsert(with_created(row, now)));
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
            },
            report: Some(ListUpdate::Complete(rows)),
            next: send(Request::Watch { resource_version }),
        },
        None => list_failed(E::from(MissingResourceVersion)),
    }
}

/// A failed page: the whole list starts over after a pause (a later page
/// cannot be asked for again: its continue token may have expired).
fn list_failed<E: RequestError>(error: E) -> Step<E> {
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
            first_page(RETRY_DELAY)
        },
    }
}

fn watching<E: RequestError>(resource_version: String, input: Input<E>) -> Step<E> {
    match input {
        Input::WatchConnected => read_on(resource_version, Some(ListUpdate::Live)),
        Input::WatchLine {
            event: Ok(event),
            now,
        } => watch_event(resource_version, event, now),
        // A line we cannot read tells us of no change we could show.
        Input::WatchLine { event: Err(_), .. } => read_on(resource_version, None),
        // The next watch starts where this one stopped: no change is missed.
        Input::WatchClosed => Step {
            state: LiveState::Watching {
                resource_version: resource_version.clone(),
            },
            report: None,
            next: send(Request::Watch { resource_version }),
        },
        // The version is too old to watch from. The view keeps the old rows
        // until the relist is complete, so nothing needs saying.
        Input::Failed(error) if error.status() == Some(410) => relist(),
        Input::Failed(error) => Step {
            state: LiveState::Watching {
                resource_version: resource_version.clone(),
            },
            report: Some(ListUpdate::Failed(error)),
            next: Next::Send {
                request: Request::Watch { resource_version },
                after: RETRY_DELAY,
            },
        },
        // A page while watching: as for watch news while listing (see `step`).
        Input::Page { .. } => relist(),
    }
}

fn watch_event<E>(resource_version: String, event: SecretWatchEvent, now: i64) -> Step<E> {
    match event {
        SecretWatchEvent::Bookmark(newer) => read_on(newer, None),
        SecretWatchEvent::Expired => relist(),
        // The server ends the watch after an error event; the renewal follows.
        SecretWatchEvent::Error(_) => read_on(resource_version, None),
        SecretWatchEvent::Upsert(row) => {
            let newer = row.resource_version.clone().unwrap_or(resource_version);
            let event = SecretWatchEvent::Upsert(with_created(row, now));
            read_on(newer, Some(ListUpdate::Event(event)))
        }
        SecretWatchEvent::Deleted(name) => read_on(
            resource_version,
            Some(ListUpdate::Event(SecretWatchEvent::Deleted(name))),
        ),
    }
}

fn read_on<E>(resource_version: String, report: Option<ListUpdate<E>>) -> Step<E> {
    Step {
        state: LiveState::Watching { resource_version },
        report,
        next: Next::ReadWatch,
    }
}

fn relist<E>() -> Step<E> {
    Step {
        state: LiveState::Empty,
        report: None,
        next: first_page(Duration::ZERO),
    }
}

fn first_page(after: Duration) -> Next {
    Next::Send {
        request: Request::Page {
            continue_token: None,
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
/// creation time so the column keeps counting.
fn with_created(mut row: SecretRow, now: i64) -> SecretRow {
    if row.created.is_none() {
        row.created = created_from_age(&row.age_cell, now);
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;
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
        state: LiveState,
        next: Next,
        reports: Vec<ListUpdate<TestError>>,
    }

    impl Run {
        fn new() -> Run {
            let (state, next) = start();
            Run {
                state,
                next,
                reports: Vec::new(),
            }
        }

        fn feed(&mut self, input: Input<TestError>) -> &Next {
            let step = step(std::mem::take(&mut self.state), input);
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
                LiveState::Watching { resource_version } => resource_version,
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
            list.get("a").unwrap().created.as_deref(),
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
        let ListUpdate::Event(SecretWatchEvent::Upsert(added)) = &reports[0] else {
            panic!("not an upsert: {:?}", reports[0]);
        };
        assert_eq!((added.name.as_str(), added.keys), ("b", 2));
        assert_eq!(added.created.as_deref(), Some("2026-11-27T10:00:00Z"));
        assert!(
            matches!(&reports[1], ListUpdate::Event(SecretWatchEvent::Upsert(r)) if r.name == "a")
        );
        assert_eq!(
            reports[2],
            ListUpdate::Event(SecretWatchEvent::Deleted("b".into()))
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
                    Next::Send { .. } | Next::Stop => {}
                }
                let stopped = run.state == LiveState::Stopped;
                prop_assert_eq!(next == Next::Stop, stopped);
                prop_assert_eq!(stopped, was_stopped || listing && hopeless);
            }
        }
    }
}
