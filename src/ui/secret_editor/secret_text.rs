//! A value typed or edited as text, masked like a password until the user
//! shows it. A single-line value is a password field (typing and pasting
//! work without showing it); a multi-line value cannot live in one, so while
//! hidden it is summarised ("3 lines, hidden") and edited once shown, in a
//! monospace area that grows with it. Showing is the user's choice and no
//! timer takes it back: re-masking would hide text they are in the middle of
//! editing.

use crate::model::editing::value_text::{masked_summary, splice_utf16};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn SecretText(
    /// The value as it stands.
    #[prop(into)]
    value: Signal<String>,
    on_input: Callback<String>,
    id: String,
    label: &'static str,
    #[prop(into)] invalid: Signal<bool>,
) -> impl IntoView {
    let shown = RwSignal::new(false);
    let multi_line = Memo::new(move |_| value.with(|v| v.contains('\n')));
    // Re-rendered only when the kind of field changes, so typing keeps focus.
    let field = move || {
        let id = id.clone();
        match (shown.get(), multi_line.get()) {
            (true, _) => view! {
                <textarea id=id class="value-input mono secret-text" spellcheck="false" autocomplete="off"
                    data-testid="entry-value" aria-label=label
                    aria-invalid=move || invalid.get().to_string()
                    rows=move || value.with(|v| v.lines().count().clamp(2, 20)).to_string()
                    prop:value=move || value.get()
                    on:input=move |ev| on_input.run(event_target_value(&ev))></textarea>
            }
            .into_any(),
            (false, false) => view! {
                <input id=id type="password" class="value-input secret-text" spellcheck="false" autocomplete="off"
                    data-testid="entry-value" aria-label=label
                    aria-invalid=move || invalid.get().to_string()
                    prop:value=move || value.get()
                    on:input=move |ev| on_input.run(event_target_value(&ev))
                    on:paste=move |ev| paste_keeping_lines(ev, on_input) />
            }
            .into_any(),
            (false, true) => view! {
                <span id=id class="value-masked" data-testid="entry-value-masked" tabindex="0" role="note"
                    aria-label=format!("{label}: hidden")>
                    {move || masked_summary(&value.get())}
                </span>
            }
            .into_any(),
        }
    };
    view! {
        <span class="secret-text-field">
            {field}
            <button type="button" class="btn-small" data-testid="value-toggle"
                aria-pressed=move || shown.get().to_string()
                aria-label=move || if shown.get() { format!("Hide {label}") } else { format!("Show {label}") }
                on:click=move |_| shown.update(|s| *s = !*s)>
                {move || if shown.get() { "Hide" } else { "Show" }}
            </button>
        </span>
    }
}

/// A password field drops line breaks from pasted text. A paste with line
/// breaks is inserted into the value here instead, exactly as copied (the
/// field then becomes the multi-line summary).
fn paste_keeping_lines(ev: web_sys::ClipboardEvent, on_input: Callback<String>) {
    let Some(pasted) = ev.clipboard_data().and_then(|d| d.get_data("text").ok()) else {
        return;
    };
    if !pasted.contains('\n') && !pasted.contains('\r') {
        return;
    }
    let Some(field) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    ev.prevent_default();
    let current = field.value();
    // The selection is counted in UTF-16 code units, like JavaScript strings.
    let start = field.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = field.selection_end().ok().flatten().unwrap_or(0) as usize;
    on_input.run(splice_utf16(&current, start, end, &pasted));
}
