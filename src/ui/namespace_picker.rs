//! Picks the namespace to browse. Fed by the API; when listing namespaces is
//! forbidden (a normal, restricted user) it becomes a text field instead.

use super::connection::Connection;
use crate::api::explain::{explain, Attempt};
use crate::api::{self, client, ApiError};
use crate::model::cluster::namespace_names;
use k8s_openapi::api::core::v1::Namespace;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Choices {
    Loading,
    Listed(Vec<String>),
    Unlisted(ApiError),
}

#[component]
pub fn NamespacePicker(
    connection: ReadSignal<Connection>,
    namespace: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let (choices, set_choices) = signal(Choices::Loading);

    // (Re)load whenever the connection comes (back) up.
    Effect::new(move |was_connected: Option<bool>| {
        let connected = connection.with(Connection::is_connected);
        if connected && was_connected != Some(true) {
            leptos::task::spawn_local(async move {
                let result =
                    client::send_list::<Namespace>(&api::discovery::list_namespaces()).await;
                set_choices.set(match result {
                    Ok(items) => Choices::Listed(namespace_names(&items)),
                    Err(e) => Choices::Unlisted(e),
                });
            });
        }
        connected
    });

    // The app may refuse to switch (a form with unsaved changes, and the user
    // chose to stay): the field then shows the namespace still browsed.
    let choose = move |ev: &leptos::ev::Event| {
        on_change.run(event_target_value(ev));
        let shown = namespace.get_untracked();
        if let Some(target) = ev.target() {
            if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
                select.set_value(&shown);
            } else if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
                input.set_value(&shown);
            }
        }
    };

    move || match choices.get() {
        Choices::Listed(mut names) => {
            // Keep a namespace from the URL selectable even if it is not listed.
            let current = namespace.get();
            if !names.contains(&current) {
                names.insert(0, current.clone());
            }
            view! {
                <label class="namespace-picker">
                    <span>"Namespace"</span>
                    <select
                        data-testid="namespace-select"
                        on:change=move |ev| choose(&ev)
                        prop:value=move || namespace.get()
                    >
                        {names
                            .into_iter()
                            .map(|n| {
                                let selected = n == current;
                                view! { <option value=n.clone() selected=selected>{n.clone()}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
            }
            .into_any()
        }
        Choices::Unlisted(err) => {
            let why = explain(&err, Attempt::ListNamespaces);
            let title = why.clone();
            view! {
                <label class="namespace-picker" title=title>
                    <span>"Namespace"</span>
                    <input
                        data-testid="namespace-input"
                        type="text"
                        spellcheck="false"
                        prop:value=move || namespace.get()
                        on:change=move |ev| choose(&ev)
                    />
                    <span class="hint">{why}</span>
                </label>
            }
            .into_any()
        }
        Choices::Loading => view! {
            <label class="namespace-picker">
                <span>"Namespace"</span>
                <select data-testid="namespace-select" disabled=true aria-busy="true">
                    <option>{move || namespace.get()}</option>
                </select>
            </label>
        }
        .into_any(),
    }
}
