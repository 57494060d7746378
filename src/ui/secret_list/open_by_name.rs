//! Opening a secret by name: for users who may `get` a secret but not list them.

use leptos::prelude::*;

#[component]
pub fn OpenByName(on_open: Callback<String>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    view! {
        <form class="open-by-name" on:submit=move |ev| {
            ev.prevent_default();
            let n = name.get_untracked().trim().to_string();
            if !n.is_empty() { on_open.run(n) }
        }>
            <input type="text" placeholder="Open by name" aria-label="Open a secret by name"
                data-testid="open-by-name" spellcheck="false"
                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            <button type="submit" class="btn-small">"Open"</button>
        </form>
    }
}
