//! One key/value row of the editor: the value is typed text, pasted base64,
//! a file's exact bytes, or (when editing) the stored value left unchanged.

use super::rows::{EntryRow, ValueInput};
use crate::model::secret::draft::Field;
use crate::model::secret::value::human_size;
use crate::ui::file_input::read_selected_file;
use leptos::prelude::*;

#[component]
pub fn EntryRowView(
    row: EntryRow,
    /// Errors for this row's key and value, already matched to it.
    #[prop(into)]
    errors: Signal<Vec<(Field, String)>>,
    on_remove: Callback<u64>,
) -> impl IntoView {
    let key_error = move || {
        errors.with(|e| {
            e.iter()
                .find(|(f, _)| matches!(f, Field::Key(_)))
                .map(|(_, m)| m.clone())
        })
    };
    let value_error = move || {
        errors.with(|e| {
            e.iter()
                .find(|(f, _)| matches!(f, Field::Value(_)))
                .map(|(_, m)| m.clone())
        })
    };
    let mode = move || match row.input.get() {
        ValueInput::Unchanged => "unchanged",
        ValueInput::Text(_) => "text",
        ValueInput::Base64(_) => "base64",
        ValueInput::File { .. } => "file",
    };
    let set_mode = move |m: String| {
        row.input.set(match m.as_str() {
            "unchanged" => ValueInput::Unchanged,
            "base64" => ValueInput::Base64(String::new()),
            "file" => ValueInput::File {
                name: String::new(),
                bytes: Vec::new(),
            },
            _ => ValueInput::Text(String::new()),
        })
    };
    let key_id = format!("key-{}", row.id);
    let value_id = format!("value-{}", row.id);
    let stored_size = row
        .original_value
        .map(|v| v.with_value(|b| human_size(b.len())));

    let value_editor = move || {
        match row.input.get() {
        ValueInput::Unchanged => view! {
            <span class="unchanged" data-testid="value-unchanged">
                {format!("•••••••• stored value kept ({})", stored_size.clone().unwrap_or_default())}
            </span>
        }.into_any(),
        ValueInput::Text(text) => view! {
            <textarea id=value_id.clone() class="value-input" rows="2" spellcheck="false" autocomplete="off"
                data-testid="entry-value" aria-label="Value"
                prop:value=text
                on:input=move |ev| row.input.set(ValueInput::Text(event_target_value(&ev)))></textarea>
        }.into_any(),
        ValueInput::Base64(text) => view! {
            <textarea id=value_id.clone() class="value-input mono" rows="2" spellcheck="false" autocomplete="off"
                data-testid="entry-value-base64" aria-label="Value as base64"
                placeholder="Paste base64, e.g. the output of base64 -w0"
                prop:value=text
                on:input=move |ev| row.input.set(ValueInput::Base64(event_target_value(&ev)))></textarea>
        }.into_any(),
        ValueInput::File { name, bytes } => view! {
            <span class="file-pick">
                <input type="file" data-testid="entry-file" aria-label="Value from a file"
                    on:change=move |ev| {
                        read_selected_file(&ev, move |file_name, bytes| {
                            row.input.set(ValueInput::File { name: file_name, bytes });
                        })
                    } />
                {(!name.is_empty()).then(|| format!("{name} ({})", human_size(bytes.len())))}
            </span>
        }.into_any(),
    }
    };

    view! {
        <div class="entry-row" data-testid="entry-row">
            <div class="field">
                <input id=key_id type="text" class="key-input" placeholder="key" spellcheck="false" autocomplete="off"
                    data-testid="entry-key" aria-label="Key"
                    aria-invalid=move || key_error().is_some().to_string()
                    prop:value=move || row.key.get()
                    on:input=move |ev| row.key.set(event_target_value(&ev)) />
                {move || key_error().map(|m| view! { <p class="field-error" data-testid="field-error">{m}</p> })}
            </div>
            <div class="field field-value">
                <select aria-label="Value source" data-testid="entry-mode"
                    prop:value=mode on:change=move |ev| set_mode(event_target_value(&ev))>
                    {row.original_value.is_some().then(|| view! { <option value="unchanged">"Keep stored value"</option> })}
                    <option value="text">"Text"</option>
                    <option value="base64">"Base64"</option>
                    <option value="file">"File"</option>
                </select>
                {value_editor}
                {move || value_error().map(|m| view! { <p class="field-error" data-testid="field-error">{m}</p> })}
            </div>
            <button type="button" class="btn-small btn-danger-quiet" aria-label="Remove this key"
                data-testid="entry-remove" on:click=move |_| on_remove.run(row.id)>"Remove"</button>
        </div>
    }
}
