//! A panic must never leave a blank page, and must never print what it was
//! doing: panic messages can contain data (a secret value in an `unwrap` on a
//! parse, say). So the hook shows a fixed panel and logs only the location.

use wasm_bindgen::JsCast;

pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        web_sys::console::error_1(&format!("Keyhole stopped at {place} (details withheld)").into());
        show_crash_panel();
    }));
}

fn show_crash_panel() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let Ok(panel) = document.create_element("div") else {
        return;
    };
    panel.set_class_name("crash-panel");
    panel.set_attribute("role", "alert").ok();
    let title = document.create_element("h1").ok();
    let text = document.create_element("p").ok();
    let button = document.create_element("button").ok();
    if let (Some(title), Some(text), Some(button)) = (title, text, button) {
        title.set_text_content(Some("Keyhole hit an internal error"));
        text.set_text_content(Some(
            "Nothing was written to the cluster by this error. Reload to continue; \
             the namespace and secret you had open are kept in the address.",
        ));
        button.set_text_content(Some("Reload"));
        button.set_attribute("type", "button").ok();
        let reload = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
            if let Some(w) = web_sys::window() {
                w.location().reload().ok();
            }
        });
        if let Some(b) = button.dyn_ref::<web_sys::HtmlElement>() {
            b.set_onclick(Some(reload.as_ref().unchecked_ref()));
        }
        reload.forget();
        panel.append_child(&title).ok();
        panel.append_child(&text).ok();
        panel.append_child(&button).ok();
    }
    body.append_child(&panel).ok();
}

/// A deliberate panic, exported to JavaScript so the browser tests can prove
/// the crash panel appears and that a panic's message (which here carries the
/// caller's text, as a real one might carry a value) reaches neither the page
/// nor the console. Calling it only breaks the caller's own tab. Only in
/// builds for the tests (feature `crash-drill`), never in the one users run.
#[cfg(feature = "crash-drill")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = keyholeCrashDrill)]
pub fn crash_drill(detail: String) {
    panic!("crash drill: {detail}");
}
