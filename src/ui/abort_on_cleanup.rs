//! Requests that end with their view: a signal that aborts when the current
//! reactive owner is cleaned up (the view unmounts), so an answer nobody
//! will show is not waited for (the hackernews example's pattern).

use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use web_sys::{AbortController, AbortSignal};

/// `None` only where the browser has no AbortController: requests then
/// simply run to the end.
pub fn abort_on_cleanup() -> Option<AbortSignal> {
    let controller = AbortController::new().ok()?;
    let signal = controller.signal();
    let controller = SendWrapper::new(controller);
    on_cleanup(move || controller.abort());
    Some(signal)
}
