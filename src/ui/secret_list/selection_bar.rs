//! The bar over the list while rows are ticked: how many (and how many the
//! filter hides), and the actions on all of them, each in its own panel.

use crate::model::bulk::item::{secrets, BulkItem};
use crate::model::list::rows::SecretList;
use crate::model::list::selection::{RowKey, Selection};
use crate::ui::secret_bulk::{BulkCopy, BulkDelete, BulkLabel};
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Copy,
    Label,
    Delete,
}

#[component]
pub fn SelectionBar(
    selection: RwSignal<Selection>,
    /// The shown rows, in order: to count the ticked ones a filter hides.
    order: Memo<Vec<RowKey>>,
    list: RwSignal<SecretList>,
) -> impl IntoView {
    let open = RwSignal::new(None::<Action>);
    let count = move || selection.with(Selection::len);
    let hidden = move || order.with(|o| selection.with(|s| s.hidden(o)));
    // The ticked secrets as the panel will act on them, fixed when it opens:
    // the list moving on underneath does not change what was confirmed.
    let items = move || {
        let keys = selection.get_untracked().keys();
        list.with_untracked(|l| {
            keys.iter()
                .map(|(ns, name)| {
                    let secret_type = l
                        .get(ns, name)
                        .map(|r| r.secret_type.clone())
                        .unwrap_or_default();
                    BulkItem::new(ns, name, &secret_type)
                })
                .collect::<Vec<_>>()
        })
    };
    let close = Callback::new(move |()| open.set(None));
    // Nothing ticked, nothing to act on: a panel left open closes.
    Effect::new(move |_| {
        if selection.with(Selection::is_empty) && open.get_untracked().is_some() {
            let acting = open.get_untracked();
            // A delete panel stays to report what it deleted.
            if acting != Some(Action::Delete) {
                open.set(None);
            }
        }
    });
    let button =
        move |action: Action, label: &'static str, testid: &'static str, class: &'static str| {
            view! {
                <button type="button" class=class data-testid=testid
                    aria-expanded=move || (open.get() == Some(action)).to_string()
                    on:click=move |_| open.set(Some(action))>{label}</button>
            }
        };

    view! {
        {move || (count() > 0).then(|| view! {
            <div class="selection-bar" role="region" aria-label="Selected secrets" data-testid="selection-bar">
                <span data-testid="selection-count">{move || {
                    let (n, h) = (count(), hidden());
                    let head = format!("{} selected", secrets(n));
                    if h > 0 { format!("{head} ({h} hidden by the filter)") } else { head }
                }}</span>
                {button(Action::Copy, "Copy to namespaces…", "bulk-copy-open", "")}
                {button(Action::Label, "Add or remove a label…", "bulk-label-open", "")}
                {button(Action::Delete, "Delete…", "bulk-delete-open", "btn-danger-quiet")}
                <button type="button" data-testid="selection-clear"
                    on:click=move |_| selection.update(Selection::clear)>"Clear selection"</button>
            </div>
        })}
        {move || open.get().map(|action| {
            let items = items();
            match action {
                Action::Copy => view! { <BulkCopy items on_close=close/> }.into_any(),
                Action::Label => view! { <BulkLabel items on_close=close/> }.into_any(),
                Action::Delete => view! { <BulkDelete items on_close=close/> }.into_any(),
            }
        })}
    }
}
