//! A `kubernetes.io/service-account-token` Secret: which account it is for,
//! what its token says (decoded, never verified) and the cluster CA it
//! carries. The token stays in its masked key row.
//!
//! A new token Secret is empty until kube-controller-manager's token
//! controller fills in `token`, `ca.crt` and `namespace`, usually within a
//! second; until then the view asks again once a second, for a minute.

use super::cert_card::{cert_cards, findings_list};
use crate::api::explain::{explain, Attempt};
use crate::api::live_list::sleep;
use crate::api::{client, secrets};
use crate::model::secret_types::kinds::SERVICE_ACCOUNT_NAME_ANNOTATION;
use crate::model::secret_types::tls::facts::bundle_overview;
use crate::model::secret_types::token::facts::{claim_facts, header_facts, Facts};
use crate::model::secret_types::token::jwt::decode_jwt;
use k8s_openapi::api::core::v1::Secret;
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How many times to ask for the token, a second apart.
const POLLS: u32 = 60;

#[component]
pub fn TokenView(
    secret: Secret,
    now: i64,
    /// The secret as read again once its token arrived.
    on_refreshed: Callback<Secret>,
) -> impl IntoView {
    let namespace = secret.metadata.namespace.clone().unwrap_or_default();
    let name = secret.metadata.name.clone().unwrap_or_default();
    let account = secret
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(SERVICE_ACCOUNT_NAME_ANNOTATION))
        .cloned()
        .unwrap_or_else(|| format!("(no {SERVICE_ACCOUNT_NAME_ANNOTATION} annotation)"));
    let data = secret.data.unwrap_or_default();
    let value = |key: &str| data.get(key).map(|v| v.0.clone()).filter(|v| !v.is_empty());
    let who = view! {
        <dl class="facts">
            <dt>"Service account"</dt><dd data-testid="token-service-account">{account}</dd>
            <dt>"Namespace"</dt><dd data-testid="token-namespace">{namespace.clone()}</dd>
        </dl>
    };
    let body = match value("token") {
        None => view! { <WaitForToken namespace name on_refreshed/> }.into_any(),
        Some(token) => {
            let claims = match decode_jwt(&token) {
                Ok(summary) => view! {
                    <div class="token-claims" data-testid="token-claims">
                        <h4>"Token header"</h4>
                        {facts_list(header_facts(&summary))}
                        <h4>"Token claims"</h4>
                        {facts_list(claim_facts(&summary, now))}
                    </div>
                }
                .into_any(),
                Err(e) => view! {
                    <p class="error-text" data-testid="typed-error">{format!("token cannot be read: {e}")}</p>
                }
                .into_any(),
            };
            let ca = value("ca.crt").map(|pem| {
                let (cards, findings) = bundle_overview("ca.crt", &pem, now);
                view! {
                    <h4>"Cluster CA (ca.crt)"</h4>
                    {findings_list(findings)}
                    {cert_cards("ca.crt", cards)}
                }
            });
            view! { {claims}{ca} }.into_any()
        }
    };
    view! { <div class="token-view" data-testid="token-view">{who}{body}</div> }
}

fn facts_list(facts: Facts) -> impl IntoView {
    let rows = facts
        .into_iter()
        .map(|(label, value)| view! { <dt>{label}</dt><dd data-label=label>{value}</dd> })
        .collect_view();
    view! { <dl class="facts">{rows}</dl> }
}

/// Asks for the secret once a second until its token is there (then hands
/// the secret up), for at most [`POLLS`] seconds, and stops when unmounted.
#[component]
fn WaitForToken(namespace: String, name: String, on_refreshed: Callback<Secret>) -> impl IntoView {
    let gave_up = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let alive = Arc::new(AtomicBool::new(true));
    {
        let alive = alive.clone();
        on_cleanup(move || alive.store(false, Ordering::Relaxed));
    }
    leptos::task::spawn_local(async move {
        let req = secrets::get(&namespace, &name);
        for _ in 0..POLLS {
            sleep(Duration::from_secs(1)).await;
            if !alive.load(Ordering::Relaxed) {
                return;
            }
            match client::send_json::<Secret>(&req).await {
                Ok(secret) if has_token(&secret) => {
                    if alive.load(Ordering::Relaxed) {
                        on_refreshed.try_run(secret);
                    }
                    return;
                }
                Ok(_) => problem.set(None),
                Err(e) => problem.set(Some(explain(&e, Attempt::ReadSecret))),
            }
        }
        if alive.load(Ordering::Relaxed) {
            gave_up.set(true);
        }
    });
    view! {
        {move || if gave_up.get() {
            view! {
                <p class="warn-text" data-testid="token-gave-up">"The cluster has not filled in the token within a minute. \
                    The token controller of kube-controller-manager fills it in; is it running, and does the service account exist?"</p>
            }.into_any()
        } else {
            view! {
                <p class="loading" aria-busy="true" data-testid="token-waiting">"Waiting for the cluster to fill in the token…"</p>
            }.into_any()
        }}
        {move || problem.get().map(|p| view! { <p class="warn-text">{format!("Reading the secret again failed: {p}")}</p> })}
    }
}

fn has_token(secret: &Secret) -> bool {
    secret
        .data
        .as_ref()
        .and_then(|d| d.get("token"))
        .is_some_and(|t| !t.0.is_empty())
}
