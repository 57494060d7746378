//! Actions on the secrets ticked in the list: copy them to namespaces,
//! delete them, add or remove a label. Each panel first reads what it acts
//! on, shows it, and writes only on the user's confirmation; every secret
//! reports on its own line and a summary says what was and was not done.

mod copy_panel;
mod delete_panel;
mod item_rows;
mod label_panel;
mod pool;

pub use copy_panel::BulkCopy;
pub use delete_panel::BulkDelete;
pub use label_panel::BulkLabel;

use crate::api::bulk;
use crate::model::bulk::item::{BulkItem, ItemState};
use leptos::prelude::*;

/// Reads every item's metadata (a few at a time) into `items`.
fn read_all(items: RwSignal<Vec<BulkItem>>) {
    let count = items.with_untracked(Vec::len);
    pool::for_each(count, move |i| async move {
        let Some(item) = items
            .try_with_untracked(|list| list.get(i).cloned())
            .flatten()
        else {
            return;
        };
        let read = bulk::read(&item).await;
        items.try_update(|list| list[i] = read);
    });
}

/// Sets item `i`'s state, unless the panel has gone meanwhile.
fn set_state(items: RwSignal<Vec<BulkItem>>, i: usize, state: ItemState) {
    items.try_update(|list| {
        if let Some(item) = list.get_mut(i) {
            item.state = state;
        }
    });
}

/// The indices of the items in `state`.
fn indices_in(items: RwSignal<Vec<BulkItem>>, state: ItemState) -> Vec<usize> {
    items.with_untracked(|list| {
        list.iter()
            .enumerate()
            .filter(|(_, item)| item.state == state)
            .map(|(i, _)| i)
            .collect()
    })
}
