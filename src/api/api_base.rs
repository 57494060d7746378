//! Where the API is, as seen from this page: the prefix before `/ui/` in the
//! page's own path (see [`crate::model::page::serving::api_base`]). Request
//! builders keep writing plain paths (`/api/v1/…`); only the executors put
//! this in front, so every request value stays the same at any prefix.

use crate::model::page::serving::api_base;

thread_local! {
    /// Read once: the page never moves to another prefix without a reload.
    static BASE: String = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .map(|path| api_base(&path).to_string())
        .unwrap_or_default();
}

/// The URL to send for `path_and_query` (which starts with `/`).
pub fn absolute(path_and_query: &str) -> String {
    BASE.with(|base| format!("{base}{path_and_query}"))
}
