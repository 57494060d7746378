//! A SealedSecret's own page: the Secret the controller writes from it,
//! where it may be unsealed (its scope), its sealed keys, and whether the
//! controller managed to unseal it (`Synced`). Nothing here can decrypt:
//! only the controller holds the key.

use crate::api::explain::{explain, Attempt};
use crate::api::object_link::object_path;
use crate::api::{client, secrets, ApiError, ApiRequest};
use crate::model::seal::sealed_summary::{produced, sealed_summary, Produced, SealedSummary};
use crate::ui::app_link::{href, opens_in_place};
use leptos::prelude::*;
use serde_json::Value;

#[component]
pub fn SealedSecretPage(
    namespace: String,
    name: String,
    on_close: Callback<()>,
    /// Opens the Secret it produces.
    on_open: Callback<String>,
) -> impl IntoView {
    let state = RwSignal::new(None::<Result<(SealedSummary, Produced), String>>);
    {
        let (namespace, name) = (namespace.clone(), name.clone());
        let label = format!("SealedSecret {name}");
        leptos::task::spawn_local(async move {
            let req = object_path("bitnami.com/v1alpha1", "SealedSecret", &namespace, &name)
                .map(ApiRequest::get);
            let result = match req {
                Some(req) => client::send_json::<Value>(&req).await,
                None => Err(ApiError::Unexpected {
                    code: 0,
                    detail: "no name".into(),
                }),
            };
            let shown = match result {
                Ok(object) => {
                    let summary = sealed_summary(&object);
                    // Metadata only: the values are not needed to tell whose it is.
                    let meta =
                        client::send_json::<Value>(&secrets::get_metadata(&namespace, &name))
                            .await
                            .ok();
                    let made =
                        produced(meta.as_ref().and_then(|m| m.get("metadata")), &summary.name);
                    Ok((summary, made))
                }
                Err(e) => Err(explain(&e, Attempt::ReadManager { label: &label })),
            };
            state.try_set(Some(shown));
        });
    }
    let back = href(&namespace, None);
    let body = move || match state.get() {
        None => view! { <p class="loading" aria-busy="true">"Opening…"</p> }.into_any(),
        Some(Err(why)) => {
            view! { <p class="error-text" role="alert" data-testid="sealed-error">{why}</p> }
                .into_any()
        }
        Some(Ok((s, made))) => {
            let secret_link = href(&s.namespace, Some(&s.name));
            let secret_name = s.name.clone();
            let synced = s.synced.clone();
            view! {
                <dl class="facts" data-testid="sealed-summary">
                    <dt>"Produces"</dt>
                    <dd data-testid="sealed-produces">
                        "Secret "
                        <a href=secret_link data-testid="sealed-secret-link"
                            on:click=move |ev| if opens_in_place(&ev) { on_open.run(secret_name.clone()) }>{s.name.clone()}</a>
                        {format!(" ({}) in {}, which {}", s.secret_type, s.namespace, made.sentence())}
                    </dd>
                    <dt>"Scope"</dt>
                    <dd data-testid="sealed-scope">{format!("{}: may be unsealed as {}", s.scope.as_str(), s.scope.description())}</dd>
                    <dt>"Sealed keys"</dt>
                    <dd data-testid="sealed-keys">{if s.keys.is_empty() { "none".to_string() } else { s.keys.join(", ") }}</dd>
                    <dt>"Controller"</dt>
                    <dd data-testid="sealed-synced" class:error-text=synced.as_ref().is_some_and(|c| !c.ok)>
                        {match &synced {
                            Some(c) => format!("{}{}", c.sentence(), c.at.as_ref().map(|t| format!(" ({t})")).unwrap_or_default()),
                            None => "No status yet: no controller has reported on it.".into(),
                        }}
                    </dd>
                </dl>
            }
            .into_any()
        }
    };
    view! {
        <article class="secret-detail" data-testid="sealed-page">
            <header class="detail-head">
                <a class="btn-link" href=back data-testid="back-to-list"
                    on:click=move |ev| if opens_in_place(&ev) { on_close.run(()) }>"← All secrets"</a>
                <h2 data-testid="detail-name">{name.clone()}</h2>
                <span class="muted">{format!("SealedSecret in {namespace}")}</span>
            </header>
            {body}
        </article>
    }
}
