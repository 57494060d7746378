//! Keeps a namespace's secret list live: the executor of the state machine
//! in `model::list::live_state`, which decides every request; this file only
//! sends them and feeds the answers back. It also holds the first page asked
//! for at start-up, before the app has rendered.

use super::client::{send_text, send_text_until};
use super::error::ApiError;
use super::request::ApiRequest;
use super::secrets::{list_table, watch_table, ListSelection};
use super::watch_stream::WatchStream;
use crate::model::list::live_state::{self, Input, Next, Request};
use crate::model::list::table::{parse_secret_table, parse_watch_line};
use std::cell::RefCell;
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
    namespace: String,
    selection: ListSelection,
    controller: AbortController,
    on_update: impl Fn(ListUpdate) + 'static,
) {
    let signal = controller.signal();
    let (mut state, mut next) = live_state::start();
    let mut watch: Option<WatchStream> = None;
    loop {
        let input = match next {
            Next::Stop => return,
            Next::ReadWatch => match watch.as_mut() {
                Some(stream) => read_line(stream).await,
                // Only an open watch is read; were none open, renewing it is the way on.
                None => Input::WatchClosed,
            },
            Next::Send { request, after } => {
                // Whatever watch was open is done with; dropping it closes it.
                watch = None;
                if !after.is_zero() {
                    sleep(after).await;
                    if signal.aborted() {
                        return;
                    }
                }
                match request {
                    Request::Page { continue_token } => {
                        let token = continue_token.as_deref();
                        let req = list_table(&namespace, &selection, token);
                        read_page(&req, &signal).await
                    }
                    Request::Watch { resource_version } => {
                        let req = watch_table(&namespace, &selection, &resource_version);
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
        let step = live_state::step(state, input);
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
