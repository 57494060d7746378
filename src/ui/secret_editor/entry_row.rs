//! One key/value row of the editor: the value is typed text, pasted base64,
//! a file's exact bytes, or (when editing) the stored value, kept or edited
//! in place when it is text.

use super::rows::{EntryRow, ValueInput};
use super::secret_text::SecretText;
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
    // The value's source; the editor below is rebuilt only when it changes,
    // so typing never replaces the field under the cursor.
    let mode = Memo::new(move |_| match row.input.get() {
        ValueInput::Unchanged => "unchanged",
        ValueInput::Edited(_) => "edit",
        ValueInput::Text(_) => "text",
        ValueInput::Base64(_) => "base64",
        ValueInput::File { .. } => "file",
    });
    let stored_text = StoredValue::new(row.stored_text());
    let set_mode = move |m: String| {
        row.input.set(match m.as_str() {
            "unchanged" => ValueInput::Unchanged,
            "edit" => ValueInput::Edited(stored_text.get_value().unwrap_or_default()),
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
    let stored = row.original_value.is_some();
    let binary = stored && stored_text.with_value(Option::is_none);
    let stored_size = row
        .original_value
        .map(|v| v.with_value(|b| human_size(b.len())))
        .unwrap_or_default();
    let text_now = Signal::derive(move || match row.input.get() {
        ValueInput::Text(t) | ValueInput::Edited(t) => t,
        _ => String::new(),
    });
    let invalid = Signal::derive(move || value_error().is_some());

    let value_editor = move || {
        let value_id = value_id.clone();
        match mode.get() {
            "unchanged" => view! {
                <span class="unchanged" data-testid="value-unchanged">
                    {format!("•••••••• stored value kept ({stored_size})")}
                </span>
            }
            .into_any(),
            "edit" => view! {
                <SecretText value=text_now id=value_id label="Value" invalid=invalid
                    on_input=Callback::new(move |t| row.input.set(ValueInput::Edited(t)))/>
            }
            .into_any(),
            "text" => view! {
                <SecretText value=text_now id=value_id label="Value" invalid=invalid
                    on_input=Callback::new(move |t| row.input.set(ValueInput::Text(t)))/>
            }
            .into_any(),
            "base64" => view! {
                <textarea id=value_id class="value-input mono" rows="2" spellcheck="false" autocomplete="off"
                    data-testid="entry-value-base64" aria-label="Value as base64"
                    placeholder="Paste base64, e.g. the output of base64 -w0"
                    prop:value=move || match row.input.get() { ValueInput::Base64(t) => t, _ => String::new() }
                    on:input=move |ev| row.input.set(ValueInput::Base64(event_target_value(&ev)))></textarea>
            }
            .into_any(),
            _ => {
                let chosen = move || match row.input.get() {
                    ValueInput::File { name, bytes } if !name.is_empty() => {
                        Some(format!("{name} ({})", human_size(bytes.len())))
                    }
                    _ => None,
                };
                // One truthful label: the browser's own "No file chosen" is hidden.
                view! {
                    <span class="file-pick">
                        <label class="btn-small file-label">
                            {move || if chosen().is_some() { "Choose another file" } else { "Choose a file" }}
                            <input id=value_id type="file" class="visually-hidden" data-testid="entry-file"
                                aria-label="Value from a file"
                                on:change=move |ev| {
                                    read_selected_file(&ev, move |file_name, bytes| {
                                        row.input.set(ValueInput::File { name: file_name, bytes });
                                    })
                                } />
                        </label>
                        <span class="file-chosen" data-testid="file-chosen">
                            {move || chosen().unwrap_or_else(|| "No file chosen yet".into())}
                        </span>
                    </span>
                }
                .into_any()
            }
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
                    {stored.then(|| view! { <option value="unchanged">"Keep stored value"</option> })}
                    {(stored && !binary).then(|| view! { <option value="edit">"Edit value"</option> })}
                    {(!binary).then(|| view! { <option value="text">{if stored { "Replace with new text" } else { "Text" }}</option> })}
                    <option value="base64">{if stored { "Replace from base64" } else { "Base64" }}</option>
                    <option value="file">{if stored { "Replace from a file" } else { "File" }}</option>
                </select>
                {value_editor}
                {binary.then(|| view! {
                    <p class="hint" data-testid="binary-note">"This value is binary (not UTF-8 text), so it cannot be edited as text: keep it, replace it from a file, or paste its replacement as base64."</p>
                })}
                {move || value_error().map(|m| view! { <p class="field-error" data-testid="field-error">{m}</p> })}
            </div>
            <button type="button" class="btn-small btn-danger-quiet" aria-label="Remove this key"
                data-testid="entry-remove" on:click=move |_| on_remove.run(row.id)>"Remove"</button>
        </div>
    }
}
