//! Where to copy: the namespaces the user may list, as checkboxes, and a
//! field for any others (the only way when listing is forbidden).

use crate::api::explain::{explain, Attempt};
use crate::api::{client, discovery};
use crate::model::cluster::namespace_names;
use crate::model::cluster::Namespace;
use leptos::prelude::*;

#[derive(Clone)]
enum Listed {
    Loading,
    Names(Vec<String>),
    Refused(String),
}

#[component]
pub fn NamespaceChoice(
    ticked: RwSignal<Vec<String>>,
    typed: RwSignal<String>,
    error: Signal<Option<String>>,
    disabled: Signal<bool>,
) -> impl IntoView {
    let listed = RwSignal::new(Listed::Loading);
    leptos::task::spawn_local(async move {
        let result = client::send_list::<Namespace>(&discovery::list_namespaces()).await;
        listed.set(match result {
            Ok(items) => Listed::Names(namespace_names(&items)),
            Err(e) => Listed::Refused(explain(&e, Attempt::ListNamespaces)),
        });
    });
    let toggle = move |name: String, on: bool| {
        ticked.update(|t| {
            t.retain(|n| *n != name);
            if on {
                t.push(name);
            }
        })
    };
    let boxes = move || match listed.get() {
        Listed::Loading => {
            view! { <p class="loading" aria-busy="true">"Listing namespaces…"</p> }.into_any()
        }
        Listed::Refused(why) => {
            view! { <p class="hint" data-testid="copy-namespaces-unlisted">{why}</p> }.into_any()
        }
        Listed::Names(names) => view! {
            <fieldset class="copy-namespace-list" data-testid="copy-namespace-list">
                <legend>"Namespaces"</legend>
                {names.into_iter().map(|name| {
                    let (n1, n2) = (name.clone(), name.clone());
                    view! {
                        <label class="checkbox">
                            <input type="checkbox" data-namespace=name.clone() disabled=disabled
                                prop:checked=move || ticked.with(|t| t.contains(&n1))
                                on:change=move |ev| toggle(n2.clone(), event_target_checked(&ev))/>
                            {name}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
        }
        .into_any(),
    };
    view! {
        {boxes}
        <div class="field">
            <label for="copy-typed-namespaces">
                {move || if matches!(listed.get(), Listed::Names(_)) { "Other namespaces" } else { "Namespaces" }}
                <span class="hint">" (separated by commas or spaces)"</span>
            </label>
            <input id="copy-typed-namespaces" type="text" data-testid="copy-typed-namespaces" spellcheck="false" autocomplete="off"
                disabled=disabled
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby="copy-namespaces-error"
                prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
            <p class="field-error" id="copy-namespaces-error" data-testid="copy-namespaces-error">{move || error.get()}</p>
        </div>
    }
}
