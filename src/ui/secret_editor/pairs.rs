//! Rows of key=value pairs, for labels and annotations.

use super::rows::PairRow;
use crate::model::problem::Problem;
use crate::model::secret::draft::Field;
use leptos::prelude::*;

#[component]
pub fn PairsEditor(
    title: &'static str,
    rows: RwSignal<Vec<PairRow>>,
    errors: RwSignal<Vec<Problem<Field>>>,
    /// Which field errors belong to this editor's row `i` (key or value).
    is_mine: fn(&Field, usize) -> bool,
    new_id: Callback<(), u64>,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <fieldset class="pairs-editor" data-testid=testid>
            <legend>{title}</legend>
            <For each=move || rows.get() key=|r| r.id let:row>
                {
                    let index = move || rows.with(|v| v.iter().position(|r| r.id == row.id).unwrap_or(0));
                    let error = move || errors.with(|e| {
                        e.iter().find(|fe| is_mine(&fe.field, index())).map(|fe| fe.message.clone())
                    });
                    view! {
                        <div class="pair-row">
                            <input type="text" placeholder="key" aria-label=format!("{title} key") spellcheck="false"
                                prop:value=move || row.key.get() on:input=move |ev| row.key.set(event_target_value(&ev)) />
                            <span aria-hidden="true">"="</span>
                            <input type="text" placeholder="value" aria-label=format!("{title} value") spellcheck="false"
                                prop:value=move || row.value.get() on:input=move |ev| row.value.set(event_target_value(&ev)) />
                            <button type="button" class="btn-small btn-danger-quiet" aria-label=format!("Remove this {title}")
                                on:click=move |_| rows.update(|v| v.retain(|r| r.id != row.id))>"Remove"</button>
                            {move || error().map(|m| view! { <p class="field-error" data-testid="field-error">{m}</p> })}
                        </div>
                    }
                }
            </For>
            <button type="button" class="btn-small" on:click=move |_| {
                let id = new_id.run(());
                rows.update(|v| v.push(PairRow::new(id, "", "")))
            }>{format!("Add {}", title.to_ascii_lowercase().trim_end_matches('s'))}</button>
        </fieldset>
    }
}
