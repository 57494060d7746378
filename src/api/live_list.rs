//! Keeps a secret list live, for one namespace or all: the executor of the
//! state machine in `model::list::live_state`, which decides every request;
//! this file only sends them and feeds the answers back. It also holds the
//! first page asked for at start-up, before the app has rendered.

use super::client::{send_list, send_text, send_text_until};
use super::discovery::list_namespaces;
use super::error::ApiError;
use super::request::ApiRequest;
use super::secrets::{
    list_all_anchor, list_table, list_table_at, watch_all_table, watch_table, ListSelection,
};
use super::watch_stream::WatchStream;
use crate::model::cluster::namespace_names;
use crate::model::cluster::Namespace;
use crate::model::list::live_state::{self, Input, Next, Request, Scope};
use crate::model::list::table::{parse_secret_table, parse_watch_line, SecretRow};
use futures::future::{select_all, LocalBoxFuture};
use futures::FutureExt;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::time::Duration;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{AbortController, AbortSignal};

/// What the list view is told as the list loads and changes.
pub type ListUpdate = live_state::ListUpdate<ApiError>;

/// Runs until `controller` is aborted (or listing is hopeless, see
/// [`live_state::LiveState::Stopped`]). Once aborted it tells `on_update`
/// nothing more: the answers belong to a list the user has left.
pub async fn run(
    scope: Scope,
    selection: ListSelection,
    controller: AbortController,
    on_update: impl Fn(ListUpdate) + 'static,
) {
    let signal = controller.signal();
    let (mut state, mut next) = live_state::start(&scope);
    let mut watch: Option<WatchStream> = None;
    let mut snapshot: Option<Snapshot> = None;
    loop {
        let input = match next {
            Next::Stop => return,
            Next::ReadWatch => match watch.as_mut() {
                Some(stream) => read_line(stream).await,
                // Only an open watch is read; were none open, renewing it is the way on.
                None => Input::WatchClosed,
            },
            Next::ReadSnapshot => match snapshot.as_mut() {
                Some(s) => s.next().await,
                // Only a snapshot under way is read (see `live_state`).
                None => return,
            },
            Next::Send { request, after } => {
                // Whatever watch or snapshot was open is done with; dropping
                // it closes it (its requests' answers go unread).
                watch = None;
                snapshot = None;
                if !after.is_zero() {
                    sleep(after).await;
                    if signal.aborted() {
                        return;
                    }
                }
                match request {
                    Request::Page { continue_token } => {
                        let Scope::Namespace(namespace) = &scope else {
                            return;
                        };
                        let token = continue_token.as_deref();
                        let req = list_table(namespace, &selection, token);
                        read_page(&req, &signal).await
                    }
                    Request::Anchor => read_page(&list_all_anchor(&selection), &signal).await,
                    Request::Namespaces => match send_list::<Namespace>(&list_namespaces()).await {
                        Ok(items) => Input::Namespaces(namespace_names(&items)),
                        Err(e) => Input::Failed(e),
                    },
                    Request::Snapshot {
                        namespaces,
                        resource_version,
                    } => {
                        let s = snapshot.insert(Snapshot::start(
                            namespaces,
                            resource_version,
                            selection.clone(),
                            signal.clone(),
                        ));
                        s.next().await
                    }
                    Request::Watch { resource_version } => {
                        let req = match &scope {
                            Scope::Namespace(namespace) => {
                                watch_table(namespace, &selection, &resource_version)
                            }
                            Scope::All => watch_all_table(&selection, &resource_version),
                        };
                        match WatchStream::open(&req, &signal).await {
                            Ok(stream) => {
                                watch = Some(stream);
                                Input::WatchConnected
                            }
                            Err(e) => Input::Failed(e),
                        }
                    }
                }
            }
        };
        // The user moved on (another namespace, another selector) while we
        // waited: whatever came back, success or failure, is not news for
        // the list now on screen (an aborted page or watch ends as
        // `ApiError::Aborted`; the early page cannot be cancelled), so check here.
        if signal.aborted() {
            return;
        }
        let step = live_state::step(&scope, state, input);
        state = step.state;
        if let Some(report) = step.report {
            on_update(report);
        }
        next = step.next;
    }
}

async fn read_page(req: &ApiRequest, signal: &AbortSignal) -> Input<ApiError> {
    let page = send_page(req, signal)
        .await
        .and_then(|text| parse_secret_table(&text).map_err(|detail| ApiError::Decode { detail }));
    match page {
        Ok(page) => Input::Page {
            page,
            now: now_seconds(),
        },
        Err(e) => Input::Failed(e),
    }
}

/// How many namespaces of a snapshot are read at once. The browser opens at
/// most six connections to the proxy, and the watch and the page's other
/// requests need some.
const SNAPSHOT_CONCURRENCY: usize = 4;

type Listing = LocalBoxFuture<'static, (String, Result<Vec<SecretRow>, ApiError>)>;

/// The all-namespaces snapshot under way: each namespace's every page at
/// one resourceVersion, [`SNAPSHOT_CONCURRENCY`] namespaces at a time.
struct Snapshot {
    waiting: VecDeque<String>,
    running: Vec<Listing>,
    resource_version: String,
    selection: ListSelection,
    signal: AbortSignal,
}

impl Snapshot {
    fn start(
        namespaces: Vec<String>,
        resource_version: String,
        selection: ListSelection,
        signal: AbortSignal,
    ) -> Snapshot {
        let mut snapshot = Snapshot {
            waiting: namespaces.into(),
            running: Vec::new(),
            resource_version,
            selection,
            signal,
        };
        snapshot.fill();
        snapshot
    }

    fn fill(&mut self) {
        while self.running.len() < SNAPSHOT_CONCURRENCY {
            let Some(namespace) = self.waiting.pop_front() else {
                return;
            };
            let (version, selector, signal) = (
                self.resource_version.clone(),
                self.selection.clone(),
                self.signal.clone(),
            );
            self.running.push(
                async move {
                    let rows = list_namespace_at(&namespace, &selector, &version, &signal).await;
                    (namespace, rows)
                }
                .boxed_local(),
            );
        }
    }

    /// The next namespace to be complete, as the state machine takes it.
    async fn next(&mut self) -> Input<ApiError> {
        if self.running.is_empty() {
            // Nothing out: the state machine asks only while some are.
            return Input::Failed(ApiError::Aborted);
        }
        let ((namespace, rows), _, rest) = select_all(std::mem::take(&mut self.running)).await;
        self.running = rest;
        self.fill();
        match rows {
            Ok(rows) => Input::Listed {
                namespace,
                rows,
                now: now_seconds(),
            },
            Err(e) => Input::Failed(e),
        }
    }
}

/// Every page of `namespace`'s Table at `resource_version`.
async fn list_namespace_at(
    namespace: &str,
    selection: &ListSelection,
    resource_version: &str,
    signal: &AbortSignal,
) -> Result<Vec<SecretRow>, ApiError> {
    let mut rows = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let req = list_table_at(namespace, selection, resource_version, token.as_deref());
        let text = send_text_until(&req, Some(signal)).await?;
        let page = parse_secret_table(&text).map_err(|detail| ApiError::Decode { detail })?;
        rows.extend(page.rows);
        match page.continue_token {
            Some(next) => token = Some(next),
            None => return Ok(rows),
        }
    }
}

async fn read_line(stream: &mut WatchStream) -> Input<ApiError> {
    match stream.next_line().await {
        Ok(Some(line)) => Input::WatchLine {
            event: parse_watch_line(&line),
            now: now_seconds(),
        },
        Ok(None) => Input::WatchClosed,
        Err(e) => Input::Failed(e),
    }
}

/// The browser's clock, in Unix seconds.
pub fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

thread_local! {
    /// The first page asked for at start-up (see [`start_first_page`]): the
    /// request's URL and a promise of its body, `null` when it failed.
    static EARLY_PAGE: RefCell<Option<(String, js_sys::Promise)>> = const { RefCell::new(None) };
}

/// Sends the first page of `namespace`'s list now, before the app has
/// rendered anything, so the round trip overlaps with building the page
/// instead of following it. The list view's first load picks it up (when it
/// asks for the same URL: same namespace, same Helm toggle).
pub fn start_first_page(namespace: &str, helm_records: bool) {
    let selection = ListSelection {
        helm_records,
        ..ListSelection::default()
    };
    let req = list_table(namespace, &selection, None);
    let url = req.url();
    let promise = future_to_promise(async move {
        Ok(match send_text(&req).await {
            Ok(text) => JsValue::from_str(&text),
            Err(_) => JsValue::NULL,
        })
    });
    EARLY_PAGE.with(|early| *early.borrow_mut() = Some((url, promise)));
}

/// Waits until the page started early has arrived (or failed), but no longer
/// than `limit`; at once when none was started.
pub async fn first_page_or(limit: Duration) {
    let Some(page) = EARLY_PAGE.with(|early| early.borrow().as_ref().map(|(_, p)| p.clone()))
    else {
        return;
    };
    let race = js_sys::Promise::race(&js_sys::Array::of2(&page, &timer(limit)));
    JsFuture::from(race).await.ok();
}

/// Sends `req`, unless it is the page started early: then that answer is
/// used. The early page is taken by the first load whatever it asks for, so
/// a page never outlives the start-up it was fetched for; a failed early
/// page is simply asked for again, to report its error the usual way.
async fn send_page(req: &ApiRequest, signal: &AbortSignal) -> Result<String, ApiError> {
    let early = EARLY_PAGE.with(|early| early.borrow_mut().take());
    let promise = early.filter(|(url, _)| *url == req.url()).map(|(_, p)| p);
    if let Some(promise) = promise {
        if let Some(text) = JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_string())
        {
            return Ok(text);
        }
    }
    send_text_until(req, Some(signal)).await
}

/// Waits `duration` on the browser's timer.
pub async fn sleep(duration: Duration) {
    JsFuture::from(timer(duration)).await.ok();
}

/// A promise the browser's timer resolves after `duration`.
fn timer(duration: Duration) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                duration.as_millis() as i32,
            )
            .ok();
        }
    })
}
