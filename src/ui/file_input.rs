//! Reading the file a user picked, as exact bytes.

use wasm_bindgen::JsCast;

/// Reads the first file of an `<input type=file>` change event and calls
/// `done(file_name, bytes)` once it is loaded.
pub fn read_selected_file(ev: &web_sys::Event, done: impl FnOnce(String, Vec<u8>) + 'static) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    let name = file.name();
    leptos::task::spawn_local(async move {
        if let Ok(buffer) = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            done(name, js_sys::Uint8Array::new(&buffer).to_vec());
        }
    });
}
