//! Opening a secret by name: for users who may `get` a secret but not list them.

use leptos::prelude::*;

/// `unavailable` says why it cannot be used now (all namespaces are shown:
/// a name alone does not say which namespace to open it in).
#[component]
pub fn OpenByName(
    on_open: Callback<String>,
    unavailable: Signal<Option<&'static str>>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let title = move || {
        unavailable
            .get()
            .unwrap_or("Open a secret of this namespace by its name")
    };
    view! {
        <form class="open-by-name" on:submit=move |ev| {
            ev.prevent_default();
            let n = name.get_untracked().trim().to_string();
            if !n.is_empty() && unavailable.get_untracked().is_none() { on_open.run(n) }
        }>
            <input type="text" placeholder="Open by name" aria-label="Open a secret by name"
                data-testid="open-by-name" spellcheck="false" title=title
                disabled=move || unavailable.get().is_some()
                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            <button type="submit" class="btn-small" title=title
                disabled=move || unavailable.get().is_some()>"Open"</button>
        </form>
    }
}
