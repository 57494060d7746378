//! Before a hand edit or delete of a managed secret: one sentence per
//! manager on what it will do with the change, the right place instead
//! where Keyhole can reach it (External Secrets: sync now), and the choice
//! to go ahead anyway.

use crate::api::explain::{explain, Attempt};
use crate::api::live_list::now_seconds;
use crate::api::{client, managed};
use crate::model::managed::hand_edit::{consequence, HandChange};
use crate::model::managed::manager::Manager;
use crate::ui::permission;
use crate::ui::toast::Toasts;
use leptos::prelude::*;

#[component]
pub fn ManagedWarning(
    managers: Vec<Manager>,
    change: HandChange,
    on_go: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let toasts = expect_context::<Toasts>();
    let sentences = managers
        .iter()
        .map(|m| view! { <li>{consequence(m, change)}</li> })
        .collect_view();
    // External Secrets can be asked to sync now: the right place for "make it current".
    let syncable = managers.iter().find_map(|m| match m {
        Manager::ExternalSecrets { source: Some(s) } => Some(s.clone()),
        _ => None,
    });
    let sync = syncable.map(|source| {
        let group = source.api_version.split('/').next().unwrap_or_default().to_string();
        let can_patch = permission::ask("patch", &group, "externalsecrets", &source.namespace, Some(&source.name));
        let source = StoredValue::new(source);
        let (error, set_error) = signal(None::<String>);
        let run = move |_| {
            let source = source.get_value();
            let label = format!("{} {}", source.kind, source.name);
            let Some(req) = managed::force_sync(&source, now_seconds()) else {
                return;
            };
            leptos::task::spawn_local(async move {
                match client::send_text(&req).await {
                    Ok(_) => {
                        toasts.info(format!("Asked {label} to sync now"));
                        on_cancel.run(());
                    }
                    Err(e) => {
                        set_error.set(Some(explain(&e, Attempt::ForceSync { label: &label })));
                    }
                }
            });
        };
        view! {
            <button type="button" data-testid="force-sync" disabled=move || !can_patch.get().allowed()
                title=move || can_patch.get().reason().unwrap_or_else(|| "Annotate the ExternalSecret with force-sync, as kubectl annotate does".into())
                on:click=run>{format!("Sync {} now instead", source.with_value(|s| s.name.clone()))}</button>
            {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
        }
    });
    let go_label = match change {
        HandChange::Edit => "Edit anyway",
        HandChange::Delete => "Delete anyway",
    };
    view! {
        <section class="banner banner-warn" role="alertdialog" aria-labelledby="managed-warning-title" data-testid="managed-warning">
            <h3 id="managed-warning-title">"This secret is managed"</h3>
            <ul>{sentences}</ul>
            <div class="actions">
                {sync}
                <button type="button" data-testid="managed-go" on:click=move |_| on_go.run(())>{go_label}</button>
                <button type="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </div>
        </section>
    }
}
