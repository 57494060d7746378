//! Who manages this secret, near the top of its page: the manager, a link
//! to the object it writes the secret from, and that object's state when
//! the user may read it.

use super::object_link::object_link;
use crate::api::explain::{explain, Attempt};
use crate::api::{client, managed};
use crate::model::managed::manager::{Manager, Source};
use crate::model::managed::source_state::source_state;
use crate::ui::app_link::sealed_href;
use leptos::prelude::*;

#[component]
pub fn ManagedBy(managers: Vec<Manager>) -> impl IntoView {
    (!managers.is_empty()).then(|| {
        let items = managers
            .into_iter()
            .map(|m| {
                let label = m.label();
                let source = m.source();
                let detail = detail_of(&m);
                view! {
                    <li data-testid="manager" data-manager=label>
                        <span class="badge badge-managed">{label}</span>
                        {detail.map(|d| view! { <span>{d}</span> })}
                        {source.map(|s| view! { <SourceState source=s/> })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="managed-by" data-testid="managed-by" aria-label="Managed by">
                <h3 class="inline-title">"Managed by"</h3>
                <ul class="managers">{items}</ul>
            </section>
        }
    })
}

/// What names the manager's side when there is no object to link.
fn detail_of(manager: &Manager) -> Option<String> {
    match manager {
        Manager::Helm {
            release,
            release_namespace,
        } => Some(match (release, release_namespace) {
            (Some(r), Some(ns)) => format!("release {ns}/{r}"),
            (Some(r), None) => format!("release {r}"),
            _ => "a Helm chart".into(),
        }),
        Manager::ArgoCd { application } => application.as_ref().map(|a| format!("application {a}")),
        Manager::ArgoCdConfig { secret_type } => {
            Some(format!("Argo CD's own {secret_type} secret"))
        }
        Manager::CertManager {
            issuer: Some(issuer),
            ..
        } => Some(format!("issued by {issuer}")),
        _ => None,
    }
}

/// A link to the managing object and, once read, its state.
#[component]
fn SourceState(source: Source) -> impl IntoView {
    let label = format!("{} {}", source.kind, source.name);
    let state = RwSignal::new(None::<Result<Vec<(&'static str, String)>, String>>);
    if let Some(req) = managed::read_source(&source) {
        let (kind, label) = (source.kind.clone(), label.clone());
        leptos::task::spawn_local(async move {
            let result = client::send_json::<serde_json::Value>(&req).await;
            // try_set: the page may have closed meanwhile.
            state.try_set(Some(match result {
                Ok(object) => Ok(source_state(&kind, &object)),
                Err(e) => Err(explain(&e, Attempt::ReadManager { label: &label })),
            }));
        });
    }
    let link = object_link(
        &source.api_version,
        &source.kind,
        &source.namespace,
        &source.name,
        label,
    );
    let own_page = (source.kind == "SealedSecret" && source.api_version.starts_with("bitnami.com/"))
        .then(|| {
            view! {
                " · "
                <a href=sealed_href(&source.namespace, &source.name) data-testid="sealed-page-link">"its page"</a>
            }
        });
    view! {
        {link}
        {own_page}
        {move || state.get().map(|s| match s {
            Ok(pairs) => view! {
                <dl class="source-state" data-testid="manager-state">
                    {pairs.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                </dl>
            }.into_any(),
            Err(why) => view! { <p class="hint" data-testid="manager-state-error">{why}</p> }.into_any(),
        })}
    }
}
