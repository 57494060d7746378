//! Copying the ticked secrets to other namespaces: each original is read
//! (values and all, as opening it would), then every (original, target)
//! pair is asked and dry-run like a single copy, and only "Copy" writes.

use super::pool;
use crate::api::explain::{explain, Attempt};
use crate::api::request::WriteParams;
use crate::api::{client, secrets};
use crate::model::bulk::item::{secrets, BulkItem};
use crate::model::copy::outcome::{pairs_summary, TargetState};
use crate::model::copy::plan::{copy_plan, CopyPlan};
use crate::model::copy::targets::{bulk_copy_targets, CopyField};
use crate::model::problem::Problem;
use crate::ui::secret_copy::namespace_choice::NamespaceChoice;
use crate::ui::secret_copy::run;
use crate::ui::secret_copy::target_row::TargetRow;
use crate::ui::secret_copy::Phase;
use k8s_openapi::api::core::v1::Secret;
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
enum Original {
    Reading,
    Ready(Box<CopyPlan>),
    /// Cannot be copied (unreadable, or a token secret): why.
    Refused(String),
}

#[derive(Clone)]
struct Pair {
    source: usize,
    namespace: String,
    state: TargetState,
}

#[component]
pub fn BulkCopy(items: Vec<BulkItem>, on_close: Callback<()>) -> impl IntoView {
    let keys: Vec<(String, String)> = items
        .iter()
        .map(|i| (i.namespace.clone(), i.name.clone()))
        .collect();
    let originals = RwSignal::new(vec![Original::Reading; keys.len()]);
    let keys = StoredValue::new(keys);
    let ticked = RwSignal::new(Vec::<String>::new());
    let typed = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<Problem<CopyField>>::new());
    let phase = RwSignal::new(Phase::Choose);
    let pairs = RwSignal::new(Vec::<Pair>::new());

    pool::for_each(keys.with_value(Vec::len), move |i| async move {
        let Some((ns, name)) = keys.try_with_value(|k| k[i].clone()) else {
            return;
        };
        let read = client::send_json::<Secret>(&secrets::get(&ns, &name)).await;
        let original = match read {
            Ok(secret) => match copy_plan(&secret, None) {
                Ok(plan) => Original::Ready(Box::new(plan)),
                Err(why) => Original::Refused(why.to_string()),
            },
            Err(e) => Original::Refused(explain(&e, Attempt::ReadSecret)),
        };
        originals.try_update(|o| o[i] = original);
    });

    let plan_of = move |source: usize| match originals.with_untracked(|o| o[source].clone()) {
        Original::Ready(plan) => Some(*plan),
        _ => None,
    };
    let set_pair = move |index: usize, state: TargetState| {
        pairs.try_update(|p| {
            if let Some(pair) = p.get_mut(index) {
                pair.state = state;
            }
        });
    };
    let reading = move || originals.with(|o| o.contains(&Original::Reading));
    let copyable = move || {
        originals.with(|o| {
            o.iter()
                .enumerate()
                .filter(|(_, x)| matches!(x, Original::Ready(_)))
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        })
    };
    let check = move |_| {
        let targets = bulk_copy_targets(
            &ticked.get_untracked(),
            &typed.get_untracked(),
            &keys.get_value(),
        );
        let targets = match targets {
            Ok(t) => t,
            Err(found) => return problems.set(found),
        };
        problems.set(Vec::new());
        let all: Vec<Pair> = copyable()
            .into_iter()
            .flat_map(|source| {
                targets.iter().map(move |ns| Pair {
                    source,
                    namespace: ns.clone(),
                    state: TargetState::Checking,
                })
            })
            .collect();
        let count = all.len();
        pairs.set(all);
        phase.set(Phase::Checked);
        pool::for_each(count, move |i| async move {
            let Some(pair) = pairs.try_with_untracked(|p| p[i].clone()) else {
                return;
            };
            let Some(plan) = plan_of(pair.source) else {
                return;
            };
            let state = run::check(&plan, &pair.namespace).await;
            set_pair(i, state);
        });
    };
    let ready: Memo<Vec<usize>> = Memo::new(move |_| {
        pairs.with(|p| {
            p.iter()
                .enumerate()
                .filter(|(_, x)| x.state == TargetState::Ready)
                .map(|(i, _)| i)
                .collect()
        })
    });
    let copy_now = move |_| {
        let chosen = ready.get_untracked();
        phase.set(Phase::Written);
        for &i in &chosen {
            set_pair(i, TargetState::Writing);
        }
        pool::for_each(chosen.len(), move |n| {
            let i = chosen[n];
            async move {
                let Some(pair) = pairs.try_with_untracked(|p| p[i].clone()) else {
                    return;
                };
                let Some(plan) = plan_of(pair.source) else {
                    return;
                };
                let state = run::write(&plan, &pair.namespace, WriteParams::SAVE).await;
                set_pair(i, state);
            }
        });
    };
    let replace = move |source: usize| {
        Callback::new(move |(namespace, version): (String, String)| {
            let Some(index) = pairs.with_untracked(|p| {
                p.iter()
                    .position(|x| x.source == source && x.namespace == namespace)
            }) else {
                return;
            };
            let Some(plan) = plan_of(source) else { return };
            phase.set(Phase::Written);
            set_pair(index, TargetState::Writing);
            leptos::task::spawn_local(async move {
                let state = run::replace(&plan, &namespace, &version).await;
                set_pair(index, state);
            });
        })
    };
    let any_busy = move || pairs.with(|p| p.iter().any(|x| x.state.busy()));
    let choosing = Signal::derive(move || phase.get() != Phase::Choose);
    let namespaces_error = Signal::derive(move || {
        problems.with(|p| {
            let messages: Vec<String> = p.iter().map(|x| x.message.clone()).collect();
            (!messages.is_empty()).then(|| messages.join(" "))
        })
    });
    let path = move |i: usize| keys.with_value(|k| format!("{}/{}", k[i].0, k[i].1));
    let summary = move || {
        let lines: Vec<(String, String, TargetState)> = pairs.with(|p| {
            p.iter()
                .map(|x| (path(x.source), x.namespace.clone(), x.state.clone()))
                .collect()
        });
        match phase.get() {
            Phase::Written => pairs_summary(&lines),
            Phase::Checked if !any_busy() => Some("Checked; nothing has been written yet.".into()),
            _ => None,
        }
    };
    let count = keys.with_value(Vec::len);
    let title = format!("Copy {} to other namespaces", secrets(count));

    view! {
        <section class="copy-dialog bulk-panel" role="dialog" aria-modal="false" aria-labelledby="bulk-copy-title"
            data-testid="bulk-copy"
            on:keydown=move |ev| if ev.key() == "Escape" { ev.stop_propagation(); on_close.run(()) }>
            <h3 id="bulk-copy-title">{title}</h3>
            <NamespaceChoice ticked typed error=namespaces_error disabled=choosing/>
            <p class="hint">"Each copy keeps its name, type, data and immutability; what belongs to the original (its identity, owners, last-applied configuration, manager markers) stays behind. Nothing is written until you press Copy."</p>
            <ul class="copy-results" data-testid="bulk-originals" aria-live="polite">
                {move || (0..count).map(|source| {
                    let state = originals.with(|o| o[source].clone());
                    let (word, why, class) = match &state {
                        Original::Reading => ("reading…", None, "muted"),
                        Original::Ready(plan) => ("read", plan.dropped_note(), "copy-ok"),
                        Original::Refused(why) => ("not copied", Some(why.clone()), "copy-problem"),
                    };
                    let mine: Vec<Pair> = pairs.with(|p| p.iter().filter(|x| x.source == source).cloned().collect());
                    let (ns, name) = keys.with_value(|k| k[source].clone());
                    view! {
                        <li data-testid="bulk-original" data-namespace=ns data-name=name>
                            <strong>{path(source)}</strong>" "<span class=class>{word}</span>
                            {why.map(|w| view! { <p class="hint">{w}</p> })}
                            {(!mine.is_empty()).then(|| view! {
                                <ul class="copy-results">
                                    {mine.into_iter().map(|p| view! {
                                        <TargetRow namespace=p.namespace state=p.state on_replace=replace(source)/>
                                    }).collect_view()}
                                </ul>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="actions">
                <button type="button" data-testid="bulk-close" on:click=move |_| on_close.run(())>
                    {move || if phase.get() == Phase::Written { "Close" } else { "Cancel" }}
                </button>
                {move || match phase.get() {
                    Phase::Choose => view! {
                        <button type="button" class="btn-primary" data-testid="bulk-copy-check"
                            disabled=move || reading() || copyable().is_empty() on:click=check>"Check targets"</button>
                    }.into_any(),
                    _ => view! {
                        <button type="button" data-testid="bulk-copy-change" disabled=any_busy
                            on:click=move |_| { pairs.set(Vec::new()); phase.set(Phase::Choose) }>"Change targets"</button>
                        // Once written, only what is still ready (none, or those
                        // checked again) keeps a button.
                        <button type="button" class="btn-primary" data-testid="bulk-copy-submit"
                            hidden=move || phase.get() == Phase::Written && ready.with(Vec::is_empty)
                            disabled=move || any_busy() || ready.with(Vec::is_empty) on:click=copy_now>
                            {move || match ready.with(Vec::len) { 1 => "Write 1 copy".to_string(), n => format!("Write {n} copies") }}
                        </button>
                    }.into_any(),
                }}
            </div>
            {move || summary().map(|s| view! { <p role="status" data-testid="bulk-summary">{s}</p> })}
        </section>
    }
}
