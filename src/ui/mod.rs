//! Leptos components and pages. Views hold no URL building, no base64 and no
//! JSON surgery: they call `api` and render `model` values.

mod abort_on_cleanup;
mod app;
mod app_link;
mod browser;
mod connection;
mod connection_banner;
mod copy_value;
mod crash;
mod file_input;
mod first_screen;
mod header;
mod keyboard;
mod leave_guard;
mod namespace_picker;
mod permission;
mod secret_access;
mod secret_bulk;
mod secret_copy;
mod secret_detail;
mod secret_editor;
mod secret_import;
mod secret_list;
pub(crate) mod secret_seal;
mod toast;

/// Entry point called from `main`: installs the crash panel, mounts the app.
///
/// When the URL opens on a list, its first page is requested before anything
/// is built, and the mount waits for it, up to [`FIRST_PAGE_WAIT`]: the first
/// frame the browser draws then already has the rows. Mounting first costs
/// more than the wait on a local proxy, because the answer is only read once
/// the browser has laid out and painted a frame of placeholder rows.
pub fn start() {
    crash::install_panic_hook();
    first_screen::start_clock();
    let state = browser::current_view_state();
    // The lists say themselves when their rows are in; other pages are drawn
    // once mounted, and fetch no list page to wait for.
    let list_first = state.shows_list();
    if list_first && !state.all_namespaces() {
        crate::api::live_list::start_first_page(state.namespace_or_default(), state.helm_records);
    }
    // wasm-bindgen's own queue: Leptos's executor starts with the mount.
    wasm_bindgen_futures::spawn_local(async move {
        crate::api::live_list::first_page_or(FIRST_PAGE_WAIT).await;
        leptos::mount::mount_to_body(app::App);
        if !list_first {
            first_screen::drawn();
        }
    });
}

/// How long an empty window is better than placeholder rows: a slow cluster
/// gets the app (with placeholders) after this.
const FIRST_PAGE_WAIT: std::time::Duration = std::time::Duration::from_millis(200);
