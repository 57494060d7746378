//! Keyboard shortcuts that work across the app: `/` jumps to the name filter,
//! Esc closes what is open. They never fire while the user types into a
//! field, so a `/` in a value or a name stays a `/`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether the key event comes from a place where keys are text.
pub fn typing_in_field(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || el.has_attribute("contenteditable")
}

/// Focuses the first element matching `selector`; true if there was one.
pub fn focus(selector: &str) -> bool {
    let found = document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match found {
        Some(el) => el.focus().is_ok(),
        None => false,
    }
}

/// Installs the global shortcuts. `on_escape` runs for Esc pressed outside a
/// dialog (dialogs handle their own Esc and stop it there).
pub fn install(on_escape: Callback<()>) {
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.default_prevented() || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        match ev.key().as_str() {
            "/" if !typing_in_field(&ev) && focus("[data-testid=filter-name]") => {
                ev.prevent_default();
            }
            "Escape" => on_escape.run(()),
            _ => {}
        }
    });
}
