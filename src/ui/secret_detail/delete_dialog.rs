//! Deleting a secret: the user types its name to confirm, and the delete only
//! happens if the secret is still the version they were looking at.

use crate::api::explain::{explain, Attempt};
use crate::api::{client, secrets};
use crate::ui::toast::Toasts;
use leptos::prelude::*;

#[component]
pub fn DeleteDialog(
    namespace: String,
    name: String,
    resource_version: String,
    on_deleted: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let toasts = expect_context::<Toasts>();
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let matches = {
        let name = name.clone();
        move || typed.get() == name
    };
    let delete = {
        let (namespace, name) = (namespace.clone(), name.clone());
        move |_| {
            busy.set(true);
            let req = secrets::delete(&namespace, &name, &resource_version);
            let name = name.clone();
            leptos::task::spawn_local(async move {
                match client::send_text(&req).await {
                    Ok(_) => {
                        toasts.info(format!("Deleted {name}"));
                        on_deleted.run(());
                    }
                    Err(e) => {
                        busy.set(false);
                        error.set(Some(explain(&e, Attempt::DeleteSecret)));
                    }
                }
            });
        }
    };
    view! {
        <section class="dialog" role="dialog" aria-modal="false" aria-labelledby="delete-title" data-testid="delete-dialog"
            on:keydown=move |ev| if ev.key() == "Escape" {
                // Esc closes the dialog only, not the secret behind it.
                ev.stop_propagation();
                on_cancel.run(());
            }>
            <h3 id="delete-title">{format!("Delete {name}?")}</h3>
            <p>"Workloads that read this secret will fail to start. This cannot be undone."</p>
            <label for="delete-confirm">{format!("Type {name} to confirm")}</label>
            <input id="delete-confirm" type="text" data-testid="delete-confirm" spellcheck="false" autocomplete="off"
                prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) />
            {move || error.get().map(|m| view! { <p class="error-text" role="alert">{m}</p> })}
            <div class="actions">
                <button type="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                <button type="button" class="btn-danger" data-testid="delete-submit"
                    disabled=move || !matches() || busy.get() on:click=delete>"Delete"</button>
            </div>
        </section>
    }
}
