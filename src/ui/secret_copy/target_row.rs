//! One target namespace's line in the results: where the copy stands there,
//! why, and for a secret already there, which keys differ and "Replace it".

use crate::model::copy::outcome::TargetState;
use leptos::prelude::*;

#[component]
pub fn TargetRow(
    namespace: String,
    state: TargetState,
    /// Replaces the secret there, carrying this resourceVersion.
    on_replace: Callback<(String, String)>,
) -> impl IntoView {
    let (label, busy) = (state.label(), state.busy().to_string());
    let class = match &state {
        TargetState::Created | TargetState::Replaced | TargetState::Ready => "copy-ok",
        TargetState::Checking | TargetState::Writing => "muted",
        _ => "copy-problem",
    };
    let detail = match &state {
        TargetState::Forbidden(why) | TargetState::Failed(why) => Some(why.clone()),
        TargetState::UnknownNamespace => Some(format!(
            "There is no namespace {namespace}; nothing was written there."
        )),
        _ => None,
    };
    let exists = match state {
        TargetState::Exists {
            differences,
            resource_version,
        } => Some((differences, resource_version)),
        _ => None,
    };
    let (ns, shown) = (namespace.clone(), namespace.clone());
    view! {
        <li data-testid="copy-target" data-namespace=namespace aria-busy=busy>
            <strong>{shown}</strong>" "
            <span class=class data-testid="copy-state">{label}</span>
            {detail.map(|d| view! { <p class="hint" data-testid="copy-detail">{d}</p> })}
            {exists.map(|(differences, resource_version)| {
                let summary = match &differences {
                    None => "You may not read it, so it cannot be compared.".to_string(),
                    Some(d) if d.is_empty() => "It holds the same keys and values.".to_string(),
                    Some(_) => "It differs from the copy:".to_string(),
                };
                view! {
                    <p class="hint">{summary}</p>
                    <ul class="copy-differences" data-testid="copy-differences">
                        {differences.unwrap_or_default().into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                    </ul>
                    {resource_version.map(|rv| view! {
                        <button type="button" class="btn-small" data-testid="copy-replace"
                            on:click=move |_| on_replace.run((ns.clone(), rv.clone()))>"Replace it"</button>
                    })}
                }
            })}
        </li>
    }
}
