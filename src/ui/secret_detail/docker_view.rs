//! A docker registry Secret (`.dockerconfigjson`, or the legacy
//! `.dockercfg`): one row per registry with its user and email. Passwords
//! are never put on the page, not even when the key rows are revealed.

use crate::model::secret::manifest::MASK;
use crate::model::secret_types::docker::config::parse_docker_config;
use leptos::prelude::*;

#[component]
pub fn DockerView(
    /// `.dockerconfigjson` or `.dockercfg`.
    field: &'static str,
    bytes: Option<Vec<u8>>,
    legacy: bool,
) -> impl IntoView {
    let Some(bytes) = bytes else {
        return view! { <p class="error-text" data-testid="typed-error">{format!("The secret has no {field} key.")}</p> }.into_any();
    };
    let config = match parse_docker_config(&bytes, legacy) {
        Ok(config) => config,
        Err(e) => {
            return view! { <p class="error-text" data-testid="typed-error">{format!("{field} cannot be read: {e}")}</p> }.into_any();
        }
    };
    let empty = config.credentials.is_empty();
    let rows = config
        .credentials
        .into_iter()
        .map(|c| {
            let password = if c.password.is_empty() {
                "(none)"
            } else {
                MASK
            };
            let or_none = |s: String| if s.is_empty() { "(none)".to_owned() } else { s };
            let server = c.server.clone();
            view! {
                <tr data-testid="registry-row" data-server=server>
                    <td><code>{c.server}</code></td>
                    <td data-testid="registry-row-username">{or_none(c.username)}</td>
                    <td data-testid="registry-row-email">{or_none(c.email)}</td>
                    <td class="masked" aria-label="password not shown">{password}</td>
                </tr>
            }
        })
        .collect_view();
    let notes = config
        .notes
        .into_iter()
        .map(|n| view! { <li>{n}</li> })
        .collect_view();
    view! {
        <div class="docker-view" data-testid="docker-view">
            {if empty {
                view! { <p class="empty-state">"No registry credentials in this secret."</p> }.into_any()
            } else {
                view! {
                    <table class="simple-table registries">
                        <thead><tr><th scope="col">"Registry"</th><th scope="col">"Username"</th><th scope="col">"Email"</th><th scope="col">"Password"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
            <ul class="notes" data-testid="docker-notes">{notes}</ul>
        </div>
    }
    .into_any()
}
