//! The secrets a bulk action acts on, one line each: where it is, who
//! manages it, and where the action stands for it.

use crate::model::bulk::item::{BulkItem, ItemState};
use leptos::prelude::*;

#[component]
pub fn ItemRows(
    items: RwSignal<Vec<BulkItem>>,
    /// The word for a finished item ("deleted", "labelled").
    done: &'static str,
) -> impl IntoView {
    view! {
        <ul class="copy-results bulk-items" data-testid="bulk-items" aria-live="polite">
            {move || items.get().into_iter().map(|item| {
                let class = match item.state {
                    ItemState::Done | ItemState::Ready => "copy-ok",
                    ItemState::Reading | ItemState::Working | ItemState::Unchanged => "muted",
                    _ => "copy-problem",
                };
                let detail = match &item.state {
                    ItemState::Failed(why) => Some(why.clone()),
                    _ => None,
                };
                view! {
                    <li data-testid="bulk-item" data-namespace=item.namespace.clone() data-name=item.name.clone()
                        aria-busy=item.state.busy().to_string()>
                        <strong>{item.path()}</strong>" "
                        {item.managers.iter().map(|m| view! {
                            <span class="badge" data-testid="bulk-managed">{format!("managed by {m}")}</span>" "
                        }).collect_view()}
                        <span class=class data-testid="bulk-state">{item.state.label(done)}</span>
                        {detail.map(|d| view! { <p class="hint" data-testid="bulk-detail">{d}</p> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
