//! Who uses this secret, how, and what a rotation means for each of them:
//! which consumers pick up a new value by themselves and which must be
//! restarted (offered only where RBAC allows, after confirmation).

use super::loading_sections::report_loading;
use super::object_link::object_link;
use crate::api::client;
use crate::api::explain::{explain, Attempt};
use crate::api::list_reads::{answers, items, read_all};
use crate::api::workloads::{self, WorkloadResource};
use crate::model::unread_lists::UnreadLists;
use crate::model::usage::consumers::{
    after_rotation, consumers_of, restart_patch, AfterRotation, Consumer, NamespaceObjects,
    OwnerKind,
};
use crate::ui::abort_on_cleanup::abort_on_cleanup;
use crate::ui::permission;
use crate::ui::toast::Toasts;
use leptos::prelude::*;
use web_sys::AbortSignal;

#[derive(Clone)]
struct Findings {
    consumers: Vec<Consumer>,
    /// Kinds that could not be listed, and why: the answer is incomplete.
    missing: UnreadLists,
}

/// Every kind that can use a secret, read at once.
async fn gather(namespace: &str, signal: Option<&AbortSignal>) -> (NamespaceObjects, UnreadLists) {
    use WorkloadResource as R;
    let reqs = WorkloadResource::ALL.map(|res| workloads::list(res, namespace));
    // In the order of WorkloadResource::ALL.
    let [pods, replica_sets, deployments, stateful_sets, daemon_sets, jobs, cron_jobs, accounts, ingresses] =
        answers(read_all(&reqs, signal).await);
    let mut missing = UnreadLists::default();
    let name = |res: WorkloadResource| res.resource().plural;
    let objects = NamespaceObjects {
        pods: missing.keep(items(pods), name(R::Pods)),
        replica_sets: missing.keep(items(replica_sets), name(R::ReplicaSets)),
        deployments: missing.keep(items(deployments), name(R::Deployments)),
        stateful_sets: missing.keep(items(stateful_sets), name(R::StatefulSets)),
        daemon_sets: missing.keep(items(daemon_sets), name(R::DaemonSets)),
        jobs: missing.keep(items(jobs), name(R::Jobs)),
        cron_jobs: missing.keep(items(cron_jobs), name(R::CronJobs)),
        service_accounts: missing.keep(items(accounts), name(R::ServiceAccounts)),
        ingresses: missing.keep(items(ingresses), name(R::Ingresses)),
    };
    (objects, missing)
}

fn restartable_resource(kind: OwnerKind) -> Option<WorkloadResource> {
    match kind {
        OwnerKind::Deployment => Some(WorkloadResource::Deployments),
        OwnerKind::StatefulSet => Some(WorkloadResource::StatefulSets),
        OwnerKind::DaemonSet => Some(WorkloadResource::DaemonSets),
        _ => None,
    }
}

fn plan_text(plan: AfterRotation) -> &'static str {
    match plan {
        AfterRotation::UpdatesItself => "sees a new value by itself",
        AfterRotation::RolloutRestart => "keeps the old value until restarted",
        AfterRotation::RecreatePods => {
            "keeps the old value until its pods are deleted and recreated"
        }
        AfterRotation::NextRun => "its next run reads the new value",
        AfterRotation::ReloaderRestarts => "Reloader restarts it when the secret changes",
    }
}

#[component]
pub fn UsedBy(
    namespace: String,
    secret_name: String,
    keys: Vec<String>,
    /// True right after the user changed a value: lead with what needs a restart.
    just_rotated: bool,
) -> impl IntoView {
    let findings = RwSignal::new(None::<Findings>);
    {
        let namespace = namespace.clone();
        let signal = abort_on_cleanup();
        let loaded = report_loading();
        leptos::task::spawn_local(async move {
            let (objects, missing) = gather(&namespace, signal.as_ref()).await;
            let consumers = consumers_of(&secret_name, &keys, &objects);
            // try_set: the page may have closed while the lists were read.
            findings.try_set(Some(Findings { consumers, missing }));
            loaded();
        });
    }
    let namespace = StoredValue::new(namespace);

    let body = move || {
        let Some(f) = findings.get() else {
            // The page shows one loading line for all its lists.
            return ().into_any();
        };
        let incomplete = f.missing.describe(" here").map(|what| {
            view! {
                <p class="warn-text" data-testid="used-by-incomplete">{format!(
                    "Incomplete: {what}, so users among them are not shown.")}</p>
            }
        });
        let stale: Vec<String> = f
            .consumers
            .iter()
            .filter(|c| after_rotation(c) == AfterRotation::RolloutRestart)
            .map(|c| format!("{} {}", c.owner.kind, c.owner.name))
            .collect();
        let rotation_note = (just_rotated && !stale.is_empty()).then(|| view! {
            <p class="banner banner-warn" role="status" data-testid="rotation-note">
                {format!("Value changed. Still running the old value until restarted: {}.", stale.join(", "))}
            </p>
        });
        if f.consumers.is_empty() {
            return view! {
                {incomplete}
                <p class="empty-state" data-testid="used-by-none">{if f.missing.is_empty() {
                    "No pod, workload, service account or ingress in this namespace uses this secret."
                } else {
                    "None found among what you may read."
                }}</p>
            }.into_any();
        }
        let rows = f
            .consumers
            .into_iter()
            .map(|c| {
                let ns = namespace.get_value();
                view! { <ConsumerRow namespace=ns consumer=c/> }
            })
            .collect_view();
        view! { {rotation_note} {incomplete} <ul class="consumers">{rows}</ul> }.into_any()
    };
    view! {
        <section class="used-by" aria-labelledby="used-by-title" data-testid="used-by">
            {body}
        </section>
    }
}

#[component]
fn ConsumerRow(namespace: String, consumer: Consumer) -> impl IntoView {
    let plan = after_rotation(&consumer);
    let title = format!("{} {}", consumer.owner.kind, consumer.owner.name);
    let link_ns = namespace.clone();
    let usages = consumer
        .usages
        .iter()
        .map(|u| view! { <li>{u.to_string()}</li> })
        .collect_view();
    let missing = consumer
        .missing_keys
        .iter()
        .map(|m| {
            let text = if m.optional {
                format!(
                    "refers to key {} which this secret does not have (optional)",
                    m.key
                )
            } else {
                format!(
                    "refers to key {} which this secret does not have: pods will fail to start",
                    m.key
                )
            };
            view! { <li class="error-text" data-testid="missing-key">{text}</li> }
        })
        .collect_view();
    let restart = (plan == AfterRotation::RolloutRestart)
        .then(|| restartable_resource(consumer.owner.kind))
        .flatten()
        .map(|resource| view! {
            <RestartButton namespace=namespace resource=resource name=consumer.owner.name.clone() label=title.clone()/>
        });
    view! {
        <li class="consumer" data-testid="consumer" data-owner=title.clone() data-plan=format!("{plan:?}")>
            <div class="consumer-head">
                <strong>{object_link(consumer.owner.kind.api_version(), &consumer.owner.kind.to_string(), &link_ns, &consumer.owner.name, title.clone())}</strong>
                <span class="muted">{plan_text(plan)}</span>
                {restart}
            </div>
            <ul class="usages">{usages}{missing}</ul>
        </li>
    }
}

#[component]
fn RestartButton(
    namespace: String,
    resource: WorkloadResource,
    name: String,
    label: String,
) -> impl IntoView {
    let toasts = expect_context::<Toasts>();
    let permission = permission::ask(
        "patch",
        "apps",
        resource.resource().plural,
        &namespace,
        Some(&name),
    );
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let restart = {
        let (ns, name, label) = (namespace.clone(), name.clone(), label.clone());
        move |_| {
            busy.set(true);
            let now = js_sys::Date::new_0()
                .to_iso_string()
                .as_string()
                .unwrap_or_default();
            let req = workloads::restart(resource, &ns, &name, &restart_patch(&now));
            let label = label.clone();
            leptos::task::spawn_local(async move {
                match client::send_text(&req).await {
                    Ok(_) => toasts.info(format!("Restarting {label}")),
                    Err(e) => toasts.error(explain(&e, Attempt::Restart { label: &label })),
                }
                busy.set(false);
                confirming.set(false);
            });
        }
    };
    let denied = move || permission.get().reason();
    view! {
        <span class="restart">
            <button type="button" class="btn-small" data-testid="restart"
                disabled=move || !permission.get().allowed() || confirming.get()
                title=move || denied().unwrap_or_else(|| "Replace its pods so they read the new value (like kubectl rollout restart)".into())
                on:click=move |_| confirming.set(true)>"Restart"</button>
            {move || denied().map(|why| view! { <span class="hint" data-testid="restart-denied">{why}</span> })}
            {move || confirming.get().then(|| view! {
                <span class="confirm" role="group" aria-label=format!("Confirm restarting {label}")>
                    {format!("Restart {label}? Its pods are replaced one by one. ")}
                    <button type="button" class="btn-small btn-primary" data-testid="restart-confirm"
                        disabled=move || busy.get() on:click=restart.clone()>"Restart now"</button>
                    <button type="button" class="btn-small" on:click=move |_| confirming.set(false)>"Cancel"</button>
                </span>
            })}
        </span>
    }
}
