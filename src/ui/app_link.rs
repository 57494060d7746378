//! Links to the app's own views. They are real `<a href="?ns=…&secret=…">`
//! links, so open-in-new-tab, middle-click and copy-link work; a plain click
//! (or Enter) opens in place without reloading the page.

use crate::model::page::view_state::ViewState;

/// The relative URL of a namespace's list (`secret: None`) or one secret.
/// Relative, so it keeps the page's own path (and its prefix) as it is.
pub fn href(namespace: &str, secret: Option<&str>) -> String {
    ViewState {
        namespace: Some(namespace.to_string()),
        secret: secret.map(str::to_string),
        ..ViewState::default()
    }
    .to_query()
}

/// The relative URL of a SealedSecret's page (a full load: it is opened
/// from deep inside a secret's page, which has no route to the app's state).
pub fn sealed_href(namespace: &str, name: &str) -> String {
    ViewState {
        namespace: Some(namespace.to_string()),
        sealed: Some(name.to_string()),
        ..ViewState::default()
    }
    .to_query()
}

/// Whether a click on a link should be handled in place; a modified or
/// non-primary click is left to the browser (new tab, new window, download).
/// When it returns true the browser's own navigation has been cancelled.
pub fn opens_in_place(ev: &web_sys::MouseEvent) -> bool {
    let plain =
        ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
    if plain {
        ev.prevent_default();
    }
    plain
}
