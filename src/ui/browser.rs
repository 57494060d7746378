//! Small wrappers over the browser's location and history.

use crate::model::page::view_state::ViewState;

fn window() -> web_sys::Window {
    web_sys::window().expect("Keyhole runs in a browser window")
}

/// The view state from the page URL's query string.
pub fn current_view_state() -> ViewState {
    ViewState::from_query(&window().location().search().unwrap_or_default())
}

/// Puts the view state into the URL without reloading. `push` adds a history
/// entry (navigation the user can go back from); otherwise it is replaced.
pub fn write_view_state(state: &ViewState, push: bool) {
    let location = window().location();
    let path = location.pathname().unwrap_or_else(|_| "./".into());
    let url = format!("{path}{}", state.to_query());
    if let Ok(history) = window().history() {
        let result = if push {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        };
        result.ok();
    }
}

/// The page's path (`/<prefix>/ui/`), for the "start the proxy" hint.
pub fn page_path() -> String {
    window().location().pathname().unwrap_or_default()
}

/// The port the page was served from, for the "start the proxy" hint.
pub fn page_port() -> String {
    window()
        .location()
        .port()
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "8001".into())
}

/// Copies text to the clipboard; resolves to whether it worked.
pub async fn copy_text(text: &str) -> bool {
    let promise = window().navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// The text the clipboard holds, or `None` where the browser refuses to say
/// (no permission, or the tab is not focused).
pub async fn read_clipboard() -> Option<String> {
    let promise = window().navigator().clipboard().read_text();
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_string()
}

/// The state of the `clipboard-read` permission (`granted`, `prompt`,
/// `denied`), or `None` where the browser cannot be asked.
pub async fn clipboard_read_permission() -> Option<String> {
    use js_sys::{Object, Reflect};
    let descriptor = Object::new();
    Reflect::set(&descriptor, &"name".into(), &"clipboard-read".into()).ok()?;
    let promise = window()
        .navigator()
        .permissions()
        .ok()?
        .query(&descriptor)
        .ok()?;
    let status = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    Reflect::get(&status, &"state".into()).ok()?.as_string()
}

/// Saves bytes as a file through a temporary object URL (never a data: URL
/// in the address bar, never stored).
pub fn download_bytes(file_name: &str, bytes: &[u8], mime: &str) {
    use wasm_bindgen::JsCast;
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(document) = window().document() {
        if let Ok(anchor) = document.create_element("a") {
            if let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlAnchorElement>() {
                anchor.set_href(&url);
                anchor.set_download(file_name);
                anchor.click();
            }
        }
    }
    web_sys::Url::revoke_object_url(&url).ok();
}

/// A value from `localStorage` (`None` where storage is refused or empty).
/// Only public data goes there: never a secret value, never the proxy's
/// path prefix.
pub fn stored_text(key: &str) -> Option<String> {
    window().local_storage().ok()??.get_item(key).ok()?
}

/// Stores (`Some`) or forgets (`None`) a public value; `false` when the
/// browser refuses.
pub fn store_text(key: &str, value: Option<&str>) -> bool {
    let Some(storage) = window().local_storage().ok().flatten() else {
        return false;
    };
    match value {
        Some(v) => storage.set_item(key, v).is_ok(),
        None => storage.remove_item(key).is_ok(),
    }
}
