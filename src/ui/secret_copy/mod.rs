//! "Copy to namespaces…" from a secret's page: choose target namespaces and
//! optionally a new name; each target is asked (SelfSubjectAccessReview) and
//! dry-run first, and only the user's "Copy" writes. Every target reports
//! on its own line, and a summary says exactly what was and was not written.

pub(crate) mod namespace_choice;
pub(crate) mod run;
pub(crate) mod target_row;

use crate::api::request::WriteParams;
use crate::model::copy::outcome::{write_summary, TargetState};
use crate::model::copy::plan::{copy_plan, CopyPlan};
use crate::model::copy::targets::{copy_targets, CopyField, CopyRequest};
use crate::model::problem::Problem;
use k8s_openapi::api::core::v1::Secret;
use leptos::prelude::*;
use namespace_choice::NamespaceChoice;
use target_row::TargetRow;

/// Where a copy stands (one secret's, or several's in `secret_bulk`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Choosing targets; nothing sent.
    Choose,
    /// Targets asked and dry-run; nothing written.
    Checked,
    /// The user confirmed; writes sent.
    Written,
}

#[component]
pub fn CopyToNamespaces(secret: Secret, on_close: Callback<()>) -> impl IntoView {
    let source_name = secret.metadata.name.clone().unwrap_or_default();
    let source_namespace = secret.metadata.namespace.clone().unwrap_or_default();
    let refused = copy_plan(&secret, None).err();
    let ticked = RwSignal::new(Vec::<String>::new());
    let typed = RwSignal::new(String::new());
    let new_name = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<Problem<CopyField>>::new());
    let phase = RwSignal::new(Phase::Choose);
    let targets = RwSignal::new(Vec::<(String, TargetState)>::new());
    let plan = StoredValue::new(None::<CopyPlan>);
    let secret = StoredValue::new(secret);
    let dropped_note = RwSignal::new(
        copy_plan(&secret.get_value(), None)
            .ok()
            .and_then(|p| p.dropped_note()),
    );

    let set_state = move |namespace: &str, state: TargetState| {
        targets.update(|list| {
            if let Some(entry) = list.iter_mut().find(|(ns, _)| ns == namespace) {
                entry.1 = state;
            }
        })
    };
    let error_of = move |field: CopyField| {
        Signal::derive(move || {
            problems.with(|p| {
                let messages: Vec<String> = p
                    .iter()
                    .filter(|x| x.field == field)
                    .map(|x| x.message.clone())
                    .collect();
                (!messages.is_empty()).then(|| messages.join(" "))
            })
        })
    };
    let (source_ns, source_nm) = (
        StoredValue::new(source_namespace),
        StoredValue::new(source_name.clone()),
    );
    // Checks every input first; only then asks the server about each target.
    let check = move |_| {
        let chosen = ticked.get_untracked();
        let (typed_text, name) = (typed.get_untracked(), new_name.get_untracked());
        let request = CopyRequest {
            ticked: &chosen,
            typed: &typed_text,
            new_name: &name,
            source_namespace: &source_ns.get_value(),
            source_name: &source_nm.get_value(),
        };
        let names = match copy_targets(&request) {
            Ok(names) => names,
            Err(found) => return problems.set(found),
        };
        problems.set(Vec::new());
        let Ok(copy) = copy_plan(&secret.get_value(), Some(name.trim())) else {
            return;
        };
        dropped_note.set(copy.dropped_note());
        plan.set_value(Some(copy.clone()));
        targets.set(
            names
                .iter()
                .map(|n| (n.clone(), TargetState::Checking))
                .collect(),
        );
        phase.set(Phase::Checked);
        for namespace in names {
            let copy = copy.clone();
            leptos::task::spawn_local(async move {
                let state = run::check(&copy, &namespace).await;
                set_state(&namespace, state);
            });
        }
    };
    let copy_now = move |_| {
        let Some(copy) = plan.get_value() else { return };
        phase.set(Phase::Written);
        let ready: Vec<String> = targets.with_untracked(|list| {
            list.iter()
                .filter(|(_, s)| *s == TargetState::Ready)
                .map(|(ns, _)| ns.clone())
                .collect()
        });
        for namespace in ready {
            set_state(&namespace, TargetState::Writing);
            let copy = copy.clone();
            leptos::task::spawn_local(async move {
                let state = run::write(&copy, &namespace, WriteParams::SAVE).await;
                set_state(&namespace, state);
            });
        }
    };
    let on_replace = Callback::new(move |(namespace, resource_version): (String, String)| {
        let Some(copy) = plan.get_value() else { return };
        phase.set(Phase::Written);
        set_state(&namespace, TargetState::Writing);
        leptos::task::spawn_local(async move {
            let state = run::replace(&copy, &namespace, &resource_version).await;
            set_state(&namespace, state);
        });
    });
    let ready_count =
        move || targets.with(|l| l.iter().filter(|(_, s)| *s == TargetState::Ready).count());
    let any_busy = move || targets.with(|l| l.iter().any(|(_, s)| s.busy()));
    let choosing = Signal::derive(move || phase.get() != Phase::Choose);
    let name_error = error_of(CopyField::Name);

    let form = move || {
        view! {
            <NamespaceChoice ticked=ticked typed=typed error=error_of(CopyField::Namespaces) disabled=choosing/>
            <div class="field">
                <label for="copy-new-name">"Name in the targets"<span class="hint">{format!(" (empty: {})", source_nm.get_value())}</span></label>
                <input id="copy-new-name" type="text" data-testid="copy-new-name" spellcheck="false" autocomplete="off"
                    disabled=choosing placeholder=source_nm.get_value()
                    aria-invalid=move || name_error.get().is_some().to_string()
                    aria-describedby="copy-name-error"
                    prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev))/>
                <p class="field-error" id="copy-name-error" data-testid="copy-name-error">{move || name_error.get()}</p>
            </div>
            {move || dropped_note.get().map(|note| view! { <p class="hint" data-testid="copy-dropped">{note}</p> })}
            <p class="hint">"The copy keeps the type, the data and immutability. Nothing is written until you press Copy."</p>
            <div class="actions">
                <button type="button" data-testid="copy-cancel" on:click=move |_| on_close.run(())>
                    {move || if phase.get() == Phase::Written { "Close" } else { "Cancel" }}
                </button>
                {move || match phase.get() {
                    Phase::Choose => view! {
                        <button type="button" class="btn-primary" data-testid="copy-check" on:click=check>"Check targets"</button>
                    }.into_any(),
                    _ => view! {
                        <button type="button" data-testid="copy-change" disabled=any_busy
                            on:click=move |_| { targets.set(Vec::new()); phase.set(Phase::Choose) }>"Change targets"</button>
                        <button type="button" class="btn-primary" data-testid="copy-submit"
                            disabled=move || any_busy() || ready_count() == 0
                            on:click=copy_now>
                            {move || match ready_count() {
                                1 => "Copy to 1 namespace".to_string(),
                                n => format!("Copy to {n} namespaces"),
                            }}
                        </button>
                    }.into_any(),
                }}
            </div>
            {move || (!targets.with(Vec::is_empty)).then(|| view! {
                <ul class="copy-results" data-testid="copy-results" aria-live="polite">
                    {move || targets.get().into_iter().map(|(ns, state)| view! {
                        <TargetRow namespace=ns state=state on_replace=on_replace/>
                    }).collect_view()}
                </ul>
            })}
            {move || {
                let summary = match phase.get() {
                    Phase::Written => targets.with(|l| write_summary(l)),
                    Phase::Checked if !any_busy() => Some("Checked; nothing has been written yet.".to_string()),
                    _ => None,
                };
                summary.map(|s| view! { <p role="status" data-testid="copy-summary">{s}</p> })
            }}
        }
    };

    view! {
        <section class="copy-dialog" role="dialog" aria-modal="false" aria-labelledby="copy-title" data-testid="copy-dialog"
            on:keydown=move |ev| if ev.key() == "Escape" {
                ev.stop_propagation();
                on_close.run(());
            }>
            <h3 id="copy-title">{format!("Copy {source_name} to other namespaces")}</h3>
            {match refused {
                Some(why) => view! {
                    <p class="error-text" data-testid="copy-refused">{why.to_string()}</p>
                    <div class="actions">
                        <button type="button" data-testid="copy-cancel" on:click=move |_| on_close.run(())>"Close"</button>
                    </div>
                }.into_any(),
                None => form.into_any(),
            }}
        </section>
    }
}
