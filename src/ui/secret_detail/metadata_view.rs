//! Labels, annotations, owners and the server's bookkeeping of a secret.

use super::object_link::object_link;
use crate::model::managed::field_managers::writers;
use k8s_openapi::api::core::v1::Secret;
use leptos::prelude::*;

/// This annotation repeats every value of secrets created with `kubectl apply`.
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

#[component]
pub fn MetadataView(secret: Secret) -> impl IntoView {
    let meta = secret.metadata;
    let pairs = |map: Option<std::collections::BTreeMap<String, String>>| {
        map.unwrap_or_default()
            .into_iter()
            .map(|(k, v)| {
                let v = if k == LAST_APPLIED {
                    "(repeats the secret's values; not shown)".to_string()
                } else {
                    v
                };
                view! { <li><code>{k}</code>" = "<code>{v}</code></li> }
            })
            .collect_view()
    };
    let namespace = meta.namespace.clone().unwrap_or_default();
    let owners = meta
        .owner_references
        .unwrap_or_default()
        .into_iter()
        .map(|o| {
            let text = format!("{} {}", o.kind, o.name);
            view! { <li data-testid="owner">{object_link(&o.api_version, &o.kind, &namespace, &o.name, text)}</li> }
        })
        .collect_view();
    // From managedFields: the last writer first, and the keys each owns.
    let writers = writers(meta.managed_fields.as_deref().unwrap_or_default())
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            let when = w.time.map(|t| format!(" at {t}")).unwrap_or_default();
            let keys = if w.keys.is_empty() {
                "no keys".to_string()
            } else {
                format!("keys {}", w.keys.join(", "))
            };
            let last = if i == 0 { "last write: " } else { "" };
            view! {
                <li data-testid="writer" data-manager=w.manager.clone()>
                    {format!("{last}{} ({}{when}); {keys}", w.manager, w.operation)}
                </li>
            }
        })
        .collect_view();
    let created = meta
        .creation_timestamp
        .map(|t| t.0.to_string())
        .unwrap_or_default();
    view! {
        <dl class="metadata" data-testid="metadata">
            <dt>"Labels"</dt><dd><ul class="pairs">{pairs(meta.labels)}</ul></dd>
            <dt>"Annotations"</dt><dd><ul class="pairs">{pairs(meta.annotations)}</ul></dd>
            <dt>"Owners"</dt><dd><ul class="pairs">{owners}</ul></dd>
            <dt>"Written by"</dt><dd><ul class="pairs" data-testid="writers">{writers}</ul></dd>
            <dt>"Immutable"</dt><dd>{if secret.immutable == Some(true) { "yes" } else { "no" }}</dd>
            <dt>"Created"</dt><dd>{created}</dd>
            <dt>"Resource version"</dt><dd data-testid="resource-version">{meta.resource_version.unwrap_or_default()}</dd>
            <dt>"UID"</dt><dd><code>{meta.uid.unwrap_or_default()}</code></dd>
        </dl>
    }
}
