//! Leptos components and pages. Views hold no URL building, no base64 and no
//! JSON surgery: they call `api` and render `model` values.

mod app;
mod browser;
mod connection;
mod connection_banner;
mod crash;
mod file_input;
mod header;
mod keyboard;
mod namespace_picker;
mod permission;
mod secret_access;
mod secret_detail;
mod secret_editor;
mod secret_list;
mod toast;

/// Entry point called from `main`: installs the crash panel, mounts the app.
pub fn start() {
    crash::install_panic_hook();
    leptos::mount::mount_to_body(app::App);
}
