//! The top bar: product name, the kube context being served, connection
//! state, namespace picker.

use super::connection::Connection;
use super::namespace_picker::NamespacePicker;
use crate::model::page::serving::ServingInfo;
use leptos::prelude::*;

#[component]
pub fn Header(
    connection: ReadSignal<Connection>,
    serving: ReadSignal<Option<ServingInfo>>,
    namespace: Signal<String>,
    on_namespace: Callback<String>,
) -> impl IntoView {
    let status = move || match connection.get() {
        Connection::Checking => ("status status-checking", "Connecting…".to_string()),
        Connection::Connected { version } => (
            "status status-ok",
            format!("Connected · Kubernetes {version}"),
        ),
        Connection::Down(e) if e.is_connection_problem() => {
            ("status status-down", "Disconnected".to_string())
        }
        Connection::Down(_) => ("status status-down", "Cluster error".to_string()),
    };
    view! {
        <header class="app-header">
            <div class="brand">
                <svg class="brand-mark" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                    <circle cx="12" cy="9" r="5" fill="currentColor"/>
                    <path d="M9.5 12 L8 21 H16 L14.5 12 Z" fill="currentColor"/>
                </svg>
                <span class="brand-name">"Keyhole"</span>
            </div>
            <ServedContext serving=serving/>
            <NamespacePicker connection=connection namespace=namespace on_change=on_namespace/>
            <div class=move || status().0 role="status" data-testid="connection-status">
                {move || status().1}
            </div>
        </header>
    }
}

/// Which kube context this proxy serves, and whether it refuses writes, as
/// the run command wrote them: with several contexts at hand, the first thing
/// to know before touching a secret.
#[component]
fn ServedContext(serving: ReadSignal<Option<ServingInfo>>) -> impl IntoView {
    move || {
        let info = serving.get()?;
        let context = info.context.filter(|c| !c.is_empty());
        if context.is_none() && !info.read_only {
            return None;
        }
        Some(view! {
            <div class="served-context" data-testid="served-context">
                {context.map(|c| view! {
                    <span class="context-name" title="The kube context kubectl proxy serves">
                        "Context "<strong data-testid="context-name">{c}</strong>
                    </span>
                })}
                {info.read_only.then(|| view! {
                    <span class="badge badge-read-only" data-testid="read-only-badge"
                        title="kubectl proxy runs with --reject-methods: it refuses every write">"read-only"</span>
                })}
            </div>
        })
    }
}
