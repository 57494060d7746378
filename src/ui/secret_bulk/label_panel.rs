//! Adding or removing one label on the ticked secrets: the key and value are
//! checked before anything is sent, each secret is patched only at the
//! version read, and one already labelled so is left alone.

use super::item_rows::ItemRows;
use super::{indices_in, pool, read_all, set_state};
use crate::api::bulk;
use crate::model::bulk::item::{managed_note, secrets, summary, BulkItem, ItemState};
use crate::model::bulk::label_change::{label_change, LabelField};
use crate::model::problem::Problem;
use leptos::prelude::*;

#[component]
pub fn BulkLabel(items: Vec<BulkItem>, on_close: Callback<()>) -> impl IntoView {
    let items = RwSignal::new(items);
    let remove = RwSignal::new(false);
    let key = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<Problem<LabelField>>::new());
    let started = RwSignal::new(false);
    read_all(items);

    let reading = move || items.with(|l| l.iter().any(|i| i.state == ItemState::Reading));
    let ready = move || items.with(|l| l.iter().filter(|i| i.state == ItemState::Ready).count());
    let error_of = move |field: LabelField| {
        move || {
            problems.with(|p| {
                p.iter()
                    .find(|x| x.field == field)
                    .map(|x| x.message.clone())
            })
        }
    };
    let apply = move || {
        if started.get_untracked() || reading() {
            return;
        }
        let change = match label_change(
            remove.get_untracked(),
            &key.get_untracked(),
            &value.get_untracked(),
        ) {
            Ok(change) => change,
            Err(found) => return problems.set(found),
        };
        problems.set(Vec::new());
        started.set(true);
        let chosen = indices_in(items, ItemState::Ready);
        for &i in &chosen {
            set_state(items, i, ItemState::Working);
        }
        pool::for_each(chosen.len(), move |n| {
            let (i, change) = (chosen[n], change.clone());
            async move {
                let Some(item) = items.try_with_untracked(|l| l[i].clone()) else {
                    return;
                };
                let state = bulk::relabel(&item, &change).await;
                set_state(items, i, state);
            }
        });
    };
    let title = format!("Label {}", secrets(items.with_untracked(Vec::len)));
    let (key_error, value_error) = (error_of(LabelField::Key), error_of(LabelField::Value));
    let on_enter = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            apply();
        }
    };

    view! {
        <section class="copy-dialog bulk-panel" role="dialog" aria-modal="false" aria-labelledby="bulk-label-title"
            data-testid="bulk-label"
            on:keydown=move |ev| if ev.key() == "Escape" { ev.stop_propagation(); on_close.run(()) }>
            <h3 id="bulk-label-title">{title}</h3>
            <fieldset class="choice" disabled=move || started.get()>
                <legend>"Change"</legend>
                <label><input type="radio" name="bulk-label-op" data-testid="bulk-label-set"
                    prop:checked=move || !remove.get() on:change=move |_| remove.set(false)/>" Add or change a label"</label>
                <label><input type="radio" name="bulk-label-op" data-testid="bulk-label-remove"
                    prop:checked=move || remove.get() on:change=move |_| remove.set(true)/>" Remove a label"</label>
            </fieldset>
            <div class="field">
                <label for="bulk-label-key">"Label key"</label>
                <input id="bulk-label-key" type="text" spellcheck="false" autocomplete="off" data-testid="bulk-label-key"
                    placeholder="e.g. team" disabled=move || started.get()
                    aria-invalid=move || key_error().is_some().to_string() aria-describedby="bulk-label-key-error"
                    prop:value=move || key.get() on:input=move |ev| key.set(event_target_value(&ev)) on:keydown=on_enter/>
                <p class="field-error" id="bulk-label-key-error" data-testid="bulk-label-key-error">{key_error}</p>
            </div>
            {move || (!remove.get()).then(|| view! {
                <div class="field">
                    <label for="bulk-label-value">"Label value"</label>
                    <input id="bulk-label-value" type="text" spellcheck="false" autocomplete="off" data-testid="bulk-label-value"
                        placeholder="e.g. payments" disabled=move || started.get()
                        aria-invalid=move || value_error().is_some().to_string() aria-describedby="bulk-label-value-error"
                        prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) on:keydown=on_enter/>
                    <p class="field-error" id="bulk-label-value-error" data-testid="bulk-label-value-error">{value_error}</p>
                </div>
            })}
            {move || items.with(|l| managed_note(l)).map(|n| view! { <p class="warn-text" data-testid="bulk-managed-note">{n}</p> })}
            <ItemRows items done="labelled"/>
            <div class="actions">
                <button type="button" data-testid="bulk-close" on:click=move |_| on_close.run(())>
                    {move || if started.get() { "Close" } else { "Cancel" }}
                </button>
                {move || (!started.get()).then(|| view! {
                    <button type="button" class="btn-primary" data-testid="bulk-label-submit"
                        disabled=move || reading() || ready() == 0 on:click=move |_| apply()>
                        {move || {
                            let verb = if remove.get() { "Remove the label from" } else { "Label" };
                            format!("{verb} {}", secrets(ready()))
                        }}
                    </button>
                })}
            </div>
            {move || started.get().then(|| items.with(|l| summary(l, "labelled"))).flatten()
                .map(|s| view! { <p role="status" data-testid="bulk-summary">{s}</p> })}
        </section>
    }
}
