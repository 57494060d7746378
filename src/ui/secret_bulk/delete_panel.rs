//! Deleting the ticked secrets: each is read first (metadata only), the
//! user types how many will go, and each delete carries the resourceVersion
//! read, so a secret changed meanwhile is reported and left alone.

use super::item_rows::ItemRows;
use super::{indices_in, pool, read_all, set_state};
use crate::api::bulk;
use crate::model::bulk::delete_confirm::confirm_count;
use crate::model::bulk::item::{managed_note, secrets, summary, BulkItem, ItemState};
use leptos::prelude::*;

#[component]
pub fn BulkDelete(items: Vec<BulkItem>, on_close: Callback<()>) -> impl IntoView {
    let items = RwSignal::new(items);
    let typed = RwSignal::new(String::new());
    let started = RwSignal::new(false);
    read_all(items);

    let reading = move || items.with(|l| l.iter().any(|i| i.state == ItemState::Reading));
    let ready = move || items.with(|l| l.iter().filter(|i| i.state == ItemState::Ready).count());
    let confirmed = move || !reading() && confirm_count(&typed.get(), ready()).is_ok();
    let error = move || {
        if started.get() || reading() {
            return None;
        }
        confirm_count(&typed.get(), ready()).err().flatten()
    };
    let delete_now = move || {
        if !confirmed() || started.get_untracked() {
            return;
        }
        started.set(true);
        let chosen = indices_in(items, ItemState::Ready);
        for &i in &chosen {
            set_state(items, i, ItemState::Working);
        }
        pool::for_each(chosen.len(), move |n| {
            let i = chosen[n];
            async move {
                let Some(item) = items.try_with_untracked(|l| l[i].clone()) else {
                    return;
                };
                let state = bulk::delete(&item).await;
                set_state(items, i, state);
            }
        });
    };
    let title = format!("Delete {}", secrets(items.with_untracked(Vec::len)));

    view! {
        <section class="dialog bulk-panel" role="dialog" aria-modal="false" aria-labelledby="bulk-delete-title"
            data-testid="bulk-delete"
            on:keydown=move |ev| if ev.key() == "Escape" { ev.stop_propagation(); on_close.run(()) }>
            <h3 id="bulk-delete-title">{title}</h3>
            {move || items.with(|l| managed_note(l)).map(|n| view! { <p class="warn-text" data-testid="bulk-managed-note">{n}</p> })}
            <ItemRows items done="deleted"/>
            {move || (!started.get()).then(|| view! {
                <div class="field">
                    <label for="bulk-delete-count">{move || if reading() {
                        "Reading the secrets…".to_string()
                    } else {
                        match ready() { 1 => "Type 1 to delete this secret".to_string(), n => format!("Type {n} to delete these {n} secrets") }
                    }}</label>
                    <input id="bulk-delete-count" type="text" inputmode="numeric" autocomplete="off" data-testid="bulk-delete-count"
                        aria-invalid=move || error().is_some().to_string() aria-describedby="bulk-delete-error"
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                        on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); delete_now() }/>
                    <p class="field-error" id="bulk-delete-error" data-testid="bulk-delete-error">{error}</p>
                </div>
            })}
            <div class="actions">
                <button type="button" data-testid="bulk-close" on:click=move |_| on_close.run(())>
                    {move || if started.get() { "Close" } else { "Cancel" }}
                </button>
                {move || (!started.get()).then(|| view! {
                    <button type="button" class="btn-danger" data-testid="bulk-delete-submit"
                        disabled=move || !confirmed() on:click=move |_| delete_now()>
                        {move || format!("Delete {}", secrets(ready()))}
                    </button>
                })}
            </div>
            {move || started.get().then(|| items.with(|l| summary(l, "deleted"))).flatten()
                .map(|s| view! { <p role="status" data-testid="bulk-summary">{s}</p> })}
        </section>
    }
}
