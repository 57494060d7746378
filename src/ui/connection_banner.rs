//! The banner that says why Keyhole cannot talk to the cluster, and what to do.

use super::browser::{page_path, page_port};
use super::connection::Connection;
use crate::api::ApiError;
use crate::model::page::serving::{restart_command, ServingInfo};
use leptos::prelude::*;

#[component]
pub fn ConnectionBanner(
    connection: ReadSignal<Connection>,
    serving: ReadSignal<Option<ServingInfo>>,
) -> impl IntoView {
    move || {
        match connection.get() {
        Connection::Down(ApiError::ProxyUnreachable) => {
            let command = serving.with(|info| restart_command(&page_path(), &page_port(), info.as_ref()));
            view! {
                <section class="banner banner-error" role="alert" data-testid="banner-proxy-down">
                    <h2>"kubectl proxy is not running"</h2>
                    <p>"Keyhole reaches your cluster through kubectl proxy, which has stopped. Start it again from the Keyhole folder; this address keeps working:"</p>
                    <pre class="command"><code>{command}</code></pre>
                    <p class="hint">"Keyhole reconnects by itself as soon as the proxy answers."</p>
                </section>
            }
            .into_any()
        }
        Connection::Down(ApiError::ClusterUnreachable { code, detail }) => view! {
            <section class="banner banner-error" role="alert" data-testid="banner-cluster-down">
                <h2>"kubectl proxy runs, but cannot reach the cluster"</h2>
                <p>{format!("The proxy answered {code} and says:")}</p>
                <pre class="command"><code>{detail}</code></pre>
                <p class="hint">"Check that the cluster is up and that your kube context points at it (kubectl config current-context). Keyhole retries by itself."</p>
            </section>
        }
        .into_any(),
        Connection::Down(other) => view! {
            <section class="banner banner-error" role="alert" data-testid="banner-api-error">
                <h2>"The cluster did not answer as expected"</h2>
                <p>{other.to_string()}</p>
            </section>
        }
        .into_any(),
        Connection::Checking | Connection::Connected { .. } => ().into_any(),
    }
    }
}
