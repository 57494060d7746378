//! Keeps a namespace's secret list live: pages through a Table list, then
//! watches from the list's resourceVersion with bookmarks. A watch that the
//! server ends (they time out after minutes) resumes from the last version
//! seen; `410 Gone` means that version is too old, so it relists — keeping
//! the old rows on screen until the new list is complete.

use super::client::send_text;
use super::error::ApiError;
use super::request::ApiRequest;
use super::secrets::{list_table, watch_table};
use super::watch_stream::watch_lines;
use crate::model::list::age::created_from_age;
use crate::model::list::rows::SecretList;
use crate::model::list::table::{
    parse_secret_table, parse_watch_line, SecretRow, SecretWatchEvent,
};
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::AbortController;

/// What the list view is told as the list loads and changes.
pub enum ListUpdate {
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
    /// A request failed; the loop retries by itself (unless it was a 403/404).
    Failed(ApiError),
}

/// How long to wait before retrying after a failure.
const RETRY_DELAY: Duration = Duration::from_secs(2);

/// Runs until `controller` is aborted. `on_update` returns nothing; the view
/// decides what to show.
pub async fn run(
    namespace: String,
    label_selector: String,
    controller: AbortController,
    on_update: impl Fn(ListUpdate) + 'static,
) {
    let signal = controller.signal();
    'relist: loop {
        if signal.aborted() {
            return;
        }
        let (list, mut resource_version) =
            match load_all(&namespace, &label_selector, &signal, &on_update).await {
                Ok(done) => done,
                Err(e) => {
                    let fatal = matches!(e.code(), Some(403) | Some(404));
                    on_update(ListUpdate::Failed(e));
                    if fatal || signal.aborted() {
                        return;
                    }
                    sleep(RETRY_DELAY).await;
                    continue 'relist;
                }
            };
        on_update(ListUpdate::Complete(list));
        loop {
            if signal.aborted() {
                return;
            }
            let mut expired = false;
            let req = watch_table(&namespace, &label_selector, &resource_version);
            let connected = || on_update(ListUpdate::Live);
            let result = watch_lines(&req, &signal, connected, |line| {
                match parse_watch_line(line) {
                    Ok(SecretWatchEvent::Bookmark(rv)) => resource_version = rv,
                    Ok(SecretWatchEvent::Expired) => expired = true,
                    Ok(event) => {
                        if let Some(rv) = event_resource_version(&event) {
                            resource_version = rv;
                        }
                        let event = match event {
                            SecretWatchEvent::Upsert(row) => {
                                SecretWatchEvent::Upsert(with_created(row, now_seconds()))
                            }
                            other => other,
                        };
                        on_update(ListUpdate::Event(event));
                    }
                    Err(_) => {}
                }
            })
            .await;
            if signal.aborted() {
                return;
            }
            match result {
                Ok(()) if !expired => continue,
                Ok(()) => continue 'relist,
                Err(e) if e.code() == Some(410) => continue 'relist,
                Err(e) => {
                    on_update(ListUpdate::Failed(e));
                    sleep(RETRY_DELAY).await;
                }
            }
        }
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

/// The browser's clock, in Unix seconds.
pub fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

fn event_resource_version(event: &SecretWatchEvent) -> Option<String> {
    match event {
        SecretWatchEvent::Upsert(row) => row.resource_version.clone(),
        _ => None,
    }
}

thread_local! {
    /// The first page asked for at start-up (see [`start_first_page`]): the
    /// request's URL and a promise of its body, `null` when it failed.
    static EARLY_PAGE: RefCell<Option<(String, js_sys::Promise)>> = const { RefCell::new(None) };
}

/// Sends the first page of `namespace`'s list now, before the app has
/// rendered anything, so the round trip overlaps with building the page
/// instead of following it. The list view's first load picks it up.
pub fn start_first_page(namespace: &str) {
    let req = list_table(namespace, "", None);
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
async fn send_page(req: &ApiRequest) -> Result<String, ApiError> {
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
    send_text(req).await
}

async fn load_all(
    namespace: &str,
    label_selector: &str,
    signal: &web_sys::AbortSignal,
    on_update: &impl Fn(ListUpdate),
) -> Result<(SecretList, String), ApiError> {
    let mut list = SecretList::default();
    let mut token: Option<String> = None;
    loop {
        let text = send_page(&list_table(namespace, label_selector, token.as_deref())).await?;
        if signal.aborted() {
            return Err(ApiError::ProxyUnreachable);
        }
        let page = parse_secret_table(&text).map_err(|detail| ApiError::Decode { detail })?;
        let now = now_seconds();
        for row in page.rows {
            list.apply(SecretWatchEvent::Upsert(with_created(row, now)));
        }
        match page.continue_token.filter(|t| !t.is_empty()) {
            Some(next) => {
                on_update(ListUpdate::Progress {
                    list: list.clone(),
                    remaining: page.remaining,
                });
                token = Some(next);
            }
            None => return Ok((list, page.resource_version.unwrap_or_default())),
        }
    }
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
