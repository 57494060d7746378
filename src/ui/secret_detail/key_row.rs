//! One key of an opened secret: name, size, masked value, reveal, copy, download.

use super::reveal::Reveal;
use crate::model::secret::manifest::MASK;
use crate::model::secret::value::{human_size, view_value, ValueView};
use crate::ui::browser::download_bytes;
use crate::ui::copy_value::copy_secret_value;
use crate::ui::toast::Toasts;
use leptos::prelude::*;

#[component]
pub fn KeyRow(secret_name: String, key: String, value: Vec<u8>, reveal: Reveal) -> impl IntoView {
    let toasts = expect_context::<Toasts>();
    let size = human_size(value.len());
    let view = view_value(&value);
    let is_text = matches!(view, ValueView::Text(_));
    let value = StoredValue::new(value);
    let key_for_toggle = key.clone();
    let key_for_shown = key.clone();
    let shown = Signal::derive(move || reveal.is_shown(&key_for_shown));
    let kind = if is_text { "text" } else { "binary" };

    let copy = {
        let key = key.clone();
        move |_| {
            let text = value.with_value(|v| String::from_utf8_lossy(v).into_owned());
            leptos::task::spawn_local(copy_secret_value(key.clone(), text, toasts));
        }
    };
    let download = {
        let file = format!("{secret_name}.{key}");
        move |_| value.with_value(|v| download_bytes(&file, v, "application/octet-stream"))
    };
    let body = move || {
        if !shown.get() {
            return view! { <span class="masked" aria-label="masked value">{MASK}</span> }
                .into_any();
        }
        match &view {
            ValueView::Text(text) => {
                view! { <pre class="value value-text" data-testid="value-text">{text.clone()}</pre> }.into_any()
            }
            ValueView::Binary { hex_preview, .. } => {
                view! { <pre class="value value-hex" data-testid="value-hex">{hex_preview.clone()}</pre> }.into_any()
            }
        }
    };

    view! {
        <div class="key-row" data-testid="key-row" data-key=key.clone()>
            <div class="key-head">
                <code class="key-name">{key.clone()}</code>
                <span class="key-meta">{format!("{size} · {kind}")}</span>
                <div class="key-actions">
                    <button type="button" class="btn-small"
                        aria-pressed=move || shown.get().to_string()
                        aria-label=format!("Reveal or hide {key}")
                        on:click=move |_| reveal.toggle(&key_for_toggle)>
                        {move || if shown.get() { "Hide" } else { "Reveal" }}
                    </button>
                    {is_text.then(|| view! {
                        <button type="button" class="btn-small" on:click=copy.clone()
                            aria-label=format!("Copy the value of {key}")>"Copy"</button>
                    })}
                    <button type="button" class="btn-small" on:click=download
                        aria-label=format!("Download the value of {key}")>"Download"</button>
                </div>
            </div>
            <div class="key-value">{body}</div>
        </div>
    }
}
