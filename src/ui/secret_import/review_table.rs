//! The review of an import, one entry per document: what it is, where it
//! goes, its keys (values masked), and what happens or happened to it.

use super::review::{Row, RowState};
use crate::model::secret::value::exact_size;
use leptos::prelude::*;

#[component]
pub fn ReviewTable(
    rows: Signal<Vec<Row>>,
    confirmed_updates: RwSignal<Vec<usize>>,
    /// Writing or written: the update choices can no longer change.
    locked: Signal<bool>,
    browsed: Signal<String>,
) -> impl IntoView {
    view! {
        <ul class="import-review" aria-label="Documents to import" data-testid="import-review">
            {move || rows.get().into_iter().map(|row| view! {
                <ImportRow row confirmed_updates locked browsed/>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn ImportRow(
    row: Row,
    confirmed_updates: RwSignal<Vec<usize>>,
    locked: Signal<bool>,
    browsed: Signal<String>,
) -> impl IntoView {
    let id = row.id;
    let title = match row.name.as_str() {
        "" => format!("{} (no name)", row.origin),
        name => format!("{}: {name}", row.origin),
    };
    let (status_class, status) = status_text(&row);
    let namespace = row.namespace.clone().map(|ns| {
        if row.other_namespace {
            view! {
                <p class="import-namespace warn-text" data-testid="import-other-namespace">
                    <strong>{format!("Namespace {ns}")}</strong>
                    {move || format!(": named by the document, not the namespace you are browsing ({}).", browsed.get())}
                </p>
            }
            .into_any()
        } else {
            view! { <p class="import-namespace">{format!("Namespace {ns}")}</p> }.into_any()
        }
    });
    let keys = (!row.keys.is_empty()).then(|| {
        let text = row
            .keys
            .iter()
            .map(|(key, size)| format!("{key} ••••• ({})", exact_size(*size)))
            .collect::<Vec<_>>()
            .join(", ");
        view! { <p class="import-keys" data-testid="import-keys">{format!("Keys: {text}")}</p> }
    });
    let errors = match &row.state {
        RowState::Invalid(errors) => Some(view! {
            <ul class="import-errors error-text" data-testid="import-errors">
                {errors.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}
            </ul>
        }),
        _ => None,
    };
    let is_update = matches!(
        row.state,
        RowState::WillUpdate | RowState::Updated | RowState::Skipped
    );
    let changes = (is_update).then(|| {
        let text = if row.changes.is_empty() {
            "No key changes (labels, annotations or type may still differ).".to_string()
        } else {
            format!("Changed keys: {}", row.changes.join("; "))
        };
        view! { <p class="import-changes" data-testid="import-changes">{text}</p> }
    });
    let offer = (row.state == RowState::WillUpdate).then(|| {
        view! {
            <label class="import-offer">
                <input type="checkbox" data-testid="import-update"
                    disabled=move || locked.get()
                    prop:checked=move || confirmed_updates.with(|c| c.contains(&id))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        confirmed_updates.update(|c| {
                            c.retain(|x| *x != id);
                            if on { c.push(id) }
                        });
                    } />
                {format!(" Replace the existing {} with this document", row.name)}
            </label>
        }
    });
    let notes = row.notes.clone();
    let label = title.clone();
    view! {
        <li class="import-row" data-testid="import-row" aria-label=label>
            <div class="import-row-head">
                <strong class="import-title">{title}</strong>
                <span class=format!("import-status {status_class}") data-testid="import-status">{status}</span>
            </div>
            {namespace}
            {keys}
            {errors}
            {changes}
            {offer}
            {notes.into_iter().map(|n| view! { <p class="hint">{n}</p> }).collect_view()}
        </li>
    }
}

fn status_text(row: &Row) -> (&'static str, String) {
    let who = match row.name.as_str() {
        "" => row.origin.clone(),
        name => format!("{} ({name})", row.origin),
    };
    match &row.state {
        RowState::Refused(why) => ("error-text", format!("Refused: {who} {why}.")),
        RowState::Invalid(_) => (
            "error-text",
            "Not importable: fix these in the manifest.".into(),
        ),
        RowState::DryRunFailed(why) => ("error-text", format!("Dry run refused: {why}")),
        RowState::WillCreate => ("ok-text", "Dry run passed: will be created.".into()),
        RowState::WillUpdate => ("warn-text", "Exists already: update it?".into()),
        RowState::Created => ("ok-text", "Created.".into()),
        RowState::Updated => ("ok-text", "Updated.".into()),
        RowState::WriteFailed(why) => ("error-text", format!("Not written: {why}")),
        RowState::Skipped => ("muted", "Not written: update not confirmed.".into()),
    }
}
