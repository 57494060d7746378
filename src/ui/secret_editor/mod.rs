//! Creating and editing a secret. Nothing is sent until the form passes the
//! same checks the apiserver makes; then a server-side dry run previews
//! exactly what will be written (values masked), and only the user's
//! confirmation writes. An edit carries the resourceVersion it is based on:
//! if someone changed the secret meanwhile the user is told, keeps everything
//! typed, and can re-apply it on top of the newer version.

mod entry_row;
mod pairs;
mod rows;
mod secret_text;
mod type_fields;
mod type_picker;
mod use_submit;

use crate::model::editing::rebase::HIDDEN_ANNOTATIONS;
use crate::model::problem::Problem;
use crate::model::seal::source::SealInput;
use crate::model::secret::dotenv::parse_env_file;
use crate::model::secret::draft::{Field, SecretDraft};
use crate::model::secret_types::docker::config::parse_docker_config;
use crate::model::secret_types::form::TypeFormInput;
use crate::model::secret_types::kinds::SecretKind;
use crate::ui::file_input::read_selected_file;
use crate::ui::leave_guard::{guard_form, may_leave};
use crate::ui::secret_seal::SealForGit;
use crate::ui::toast::Toasts;
use entry_row::EntryRowView;
use k8s_openapi::api::core::v1::Secret;
use leptos::prelude::*;
use pairs::PairsEditor;
use rows::{EditorState, EntryRow, PairRow, ValueInput};
use std::collections::BTreeMap;
use type_fields::TypeFormFields;
use type_picker::TypePicker;
use use_submit::{use_submit, Step, SubmitInputs};

#[derive(Clone)]
pub enum EditorMode {
    Create,
    /// Edit the stored secret.
    Edit(Box<Secret>),
    /// Create a new secret with a copy of this one's content.
    CopyOf(Box<Secret>),
}

#[component]
pub fn SecretEditor(
    mode: EditorMode,
    namespace: String,
    /// Called with the secret's name once it has been written.
    on_done: Callback<String>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let toasts = expect_context::<Toasts>();
    let editing = matches!(mode, EditorMode::Edit(_));
    let state = initial_state(&mode, &namespace);
    let (initial_type_form, type_notes) = initial_type_form(&mode);
    let typed = RwSignal::new(initial_type_form);
    let submit = use_submit(SubmitInputs {
        state,
        typed,
        notes: StoredValue::new(type_notes),
        editing,
        on_done,
    });
    let (step, errors, type_form_problems, warnings) = (
        submit.step,
        submit.errors,
        submit.type_problems,
        submit.warnings,
    );
    let new_id = Callback::new(move |()| state.id());
    let seal_inputs = RwSignal::new(None::<SealInput>);
    // Leaving with changes asks first (Esc, Cancel, links, back, closing the tab).
    let initial = StoredValue::new((state.draft().0, typed.get_untracked()));
    guard_form(
        Callback::new(move |()| {
            let (draft, undecodable) = state.draft();
            !undecodable.is_empty()
                || initial.with_value(|(d, t)| *d != draft || *t != typed.get_untracked())
        }),
        on_cancel,
    );

    let field_error = move |field: Field| {
        errors.with(|e| {
            e.iter()
                .find(|fe| fe.field == field)
                .map(|fe| fe.message.clone())
        })
    };

    let load_env = move |ev: leptos::ev::Event| {
        read_selected_file(&ev, move |file_name, bytes| match parse_env_file(&bytes) {
            Ok(pairs) => {
                let count = pairs.len();
                state.entries.update(|rows| {
                    rows.retain(|r| !r.is_blank());
                    for (key, value) in pairs {
                        rows.push(EntryRow::new(state.id(), &key, ValueInput::Text(value)));
                    }
                });
                toasts.info(format!("Added {count} keys from {file_name}"));
            }
            Err(e) => errors.set(vec![Problem::error(
                Field::Data,
                format!("{file_name}: {e}"),
            )]),
        })
    };

    let title = match &mode {
        EditorMode::Create => "New secret".to_string(),
        EditorMode::Edit(s) => format!("Edit {}", s.metadata.name.clone().unwrap_or_default()),
        EditorMode::CopyOf(s) => format!("Copy of {}", s.metadata.name.clone().unwrap_or_default()),
    };

    let mode_kind = match &mode {
        EditorMode::Create => ModeKind::Create,
        EditorMode::Edit(_) => ModeKind::Edit,
        EditorMode::CopyOf(_) => ModeKind::Copy,
    };
    let namespace_for_fields = namespace.clone();
    let warning_list = move || {
        let list = warnings.get();
        (!list.is_empty()).then(|| {
            view! {
                <ul class="warn-list" data-testid="typed-warnings" role="status">
                    {list.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                </ul>
            }
        })
    };
    let form = move || {
        view! {
            <div class="editor-form">
                <div class="field">
                    <label for="secret-name">"Name"</label>
                    <input id="secret-name" type="text" data-testid="secret-name" spellcheck="false" autocomplete="off"
                        disabled=editing
                        aria-invalid=move || field_error(Field::Name).is_some().to_string()
                        prop:value=move || state.name.get()
                        on:input=move |ev| state.name.set(event_target_value(&ev)) />
                    {move || field_error(Field::Name).map(|m| view! { <p class="field-error" data-testid="field-error">{m}</p> })}
                </div>
                {(!editing && !matches!(mode_kind, ModeKind::Copy)).then(|| view! {
                    <TypePicker typed=typed secret_type=state.secret_type problems=type_form_problems/>
                })}
                <TypeFormFields input=typed problems=type_form_problems namespace=namespace_for_fields.clone()/>
                <fieldset class="entries" class:hidden=move || typed.with(Option::is_some)>
                    <legend>"Keys and values"</legend>
                    <For each=move || state.entries.get() key=|r| r.id let:row>
                        {
                            let row_id = row.id;
                            let row_errors = Signal::derive(move || {
                                let index = state.draft_index_of(row_id);
                                errors.with(|e| e.iter().filter_map(|fe| match (&fe.field, index) {
                                    (Field::Key(i) | Field::Value(i), Some(idx)) if *i == idx => Some((fe.field.clone(), fe.message.clone())),
                                    _ => None,
                                }).collect::<Vec<_>>())
                            });
                            view! { <EntryRowView row=row errors=row_errors
                                on_remove=Callback::new(move |id| state.entries.update(|v| v.retain(|r| r.id != id)))/> }
                        }
                    </For>
                    <div class="entry-actions">
                        <button type="button" class="btn-small" data-testid="add-entry"
                            on:click=move |_| state.entries.update(|v| v.push(EntryRow::new(state.id(), "", ValueInput::Text(String::new()))))>
                            "Add key"</button>
                        <label class="btn-small file-label">"Add keys from a .env file"
                            <input type="file" class="visually-hidden" data-testid="env-file" on:change=load_env /></label>
                    </div>
                    {move || field_error(Field::Data).map(|m| view! { <p class="field-error" data-testid="field-error">{m}</p> })}
                </fieldset>
                <PairsEditor title="Labels" rows=state.labels errors=errors new_id=new_id testid="labels-editor"
                    is_mine=|f, i| matches!(f, Field::LabelKey(j) | Field::LabelValue(j) if *j == i)/>
                <PairsEditor title="Annotations" rows=state.annotations errors=errors new_id=new_id testid="annotations-editor"
                    is_mine=|f, i| matches!(f, Field::AnnotationKey(j) if *j == i)/>
                {move || field_error(Field::Annotations).map(|m| view! { <p class="field-error" data-testid="field-error">{m}</p> })}
            <label class="checkbox">
                    <input type="checkbox" data-testid="immutable" disabled=editing
                        prop:checked=move || state.immutable.get()
                        on:change=move |ev| state.immutable.set(event_target_checked(&ev)) />
                    "Immutable (cannot be changed after creation; only deleted)"
                </label>
            </div>
        }
    };

    view! {
        <article class="secret-editor" data-testid="secret-editor">
            <header class="detail-head">
                <button type="button" class="btn-link" data-testid="editor-cancel"
                    on:click=move |_| if may_leave() { on_cancel.run(()) }>"← Cancel"</button>
                <h2>{title}</h2>
                <span class="muted">{format!("in {namespace}")}</span>
            </header>
            {move || submit.conflict.get().then(|| view! {
                <section class="banner banner-warn" role="alert" data-testid="conflict">
                    <h3>"Someone changed this secret after you opened it"</h3>
                    <p>"Nothing was overwritten, and everything you typed is still here. Load their version to re-apply your changes on top of it, then review and save again."</p>
                    <button type="button" data-testid="reapply" on:click=move |_| submit.reapply.run(())>"Load their version and re-apply my changes"</button>
                </section>
            })}
            {move || submit.server_error.get().map(|m| view! { <p class="error-text" role="alert" data-testid="server-error">{m}</p> })}
            // The form stays mounted (hidden) during preview, so nothing typed is lost.
            <div class:hidden=move || matches!(step.get(), Step::Preview { .. })>{form}</div>
            {move || match step.get() {
                Step::Preview { manifest, changes } => view! {
                    <section class="preview" data-testid="preview" aria-label="Preview">
                        <h3>"The server accepted this (dry run). It will write:"</h3>
                        {(!changes.is_empty()).then(|| view! {
                            <ul class="changes" data-testid="key-changes">
                                {changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                            </ul>
                        })}
                        {warning_list}
                        <pre class="manifest-text" tabindex="0" role="region" aria-label="What will be written">{manifest}</pre>
                        <div class="actions">
                            <button type="button" on:click=move |_| step.set(Step::Form)>"Back to the form"</button>
                            <button type="button" class="btn-primary" data-testid="confirm-save" on:click=move |_| submit.save.run(())>
                                {if editing { "Save changes" } else { "Create secret" }}</button>
                        </div>
                    </section>
                }.into_any(),
                Step::Form | Step::Checking | Step::Saving => view! {
                    {warning_list}
                    <div class="actions">
                        <button type="button" data-testid="seal-for-git"
                            title="Encrypt the form's values into a SealedSecret manifest for Git, without creating the Secret"
                            on:click=move |_| {
                                let namespace = state.namespace.get_value();
                                seal_inputs.set(submit.checked.run(()).map(|secret| SealInput::from_secret(&secret, &namespace)));
                            }>"Seal for Git…"</button>
                        <button type="button" class="btn-primary" data-testid="review"
                            disabled=move || matches!(step.get(), Step::Checking | Step::Saving)
                            on:click=move |_| submit.review.run(())>
                            {move || match step.get() { Step::Checking => "Checking…", Step::Saving => "Saving…", _ => "Review" }}
                        </button>
                    </div>
                }.into_any(),
            }}
            // Sealed from the form as it was when asked; asking again re-reads it.
            {move || seal_inputs.get().map(|input| view! {
                <SealForGit inputs=vec![input] on_close=Callback::new(move |()| seal_inputs.set(None))/>
            })}
        </article>
    }
}

fn initial_state(mode: &EditorMode, namespace: &str) -> EditorState {
    let state = EditorState {
        name: RwSignal::new(String::new()),
        namespace: StoredValue::new(namespace.to_string()),
        secret_type: RwSignal::new("Opaque".to_string()),
        entries: RwSignal::new(Vec::new()),
        labels: RwSignal::new(Vec::new()),
        annotations: RwSignal::new(Vec::new()),
        immutable: RwSignal::new(false),
        next_id: StoredValue::new(0),
        original: StoredValue::new(BTreeMap::new()),
        stored: StoredValue::new(None),
        hidden_annotations: StoredValue::new(Vec::new()),
    };
    match mode {
        EditorMode::Create => {
            state.entries.set(vec![EntryRow::new(
                state.id(),
                "",
                ValueInput::Text(String::new()),
            )]);
        }
        EditorMode::Edit(secret) | EditorMode::CopyOf(secret) => {
            let draft = SecretDraft::from_secret(secret);
            let copy = matches!(mode, EditorMode::CopyOf(_));
            state.name.set(if copy {
                format!("{}-copy", draft.name)
            } else {
                draft.name.clone()
            });
            state.secret_type.set(draft.secret_type.clone());
            state.immutable.set(copy && draft.immutable);
            let rows = draft
                .entries
                .iter()
                .map(|e| {
                    let mut row = EntryRow::stored(state.id(), &e.key, e.value.clone());
                    if copy {
                        // A copy writes every value anew: no stored version to keep.
                        row.original_key = None;
                    }
                    row
                })
                .collect();
            state.entries.set(rows);
            let pairs = |v: &[(String, String)]| {
                v.iter()
                    .map(|(k, val)| PairRow::new(state.id(), k, val))
                    .collect::<Vec<_>>()
            };
            state.labels.set(pairs(&draft.labels));
            // Annotations holding values are kept on edit (never shown) and
            // dropped from a copy.
            let (hidden, shown): (Vec<_>, Vec<_>) = draft
                .annotations
                .iter()
                .cloned()
                .partition(|(k, _)| HIDDEN_ANNOTATIONS.contains(&k.as_str()));
            state.annotations.set(pairs(&shown));
            if !copy {
                state.hidden_annotations.set_value(hidden);
                state.original.set_value(
                    draft
                        .entries
                        .iter()
                        .map(|e| (e.key.clone(), e.value.clone()))
                        .collect(),
                );
                state.stored.set_value(Some((**secret).clone()));
            }
        }
    }
    state
}

#[derive(Clone, Copy, PartialEq)]
enum ModeKind {
    Create,
    Edit,
    Copy,
}

/// The typed form an editor starts with, and notes to show with it: editing
/// a docker registry secret edits its registries (the notes say what a
/// rebuild of the file drops); everything else starts key by key.
fn initial_type_form(mode: &EditorMode) -> (Option<TypeFormInput>, Vec<String>) {
    let EditorMode::Edit(secret) = mode else {
        return (None, Vec::new());
    };
    if SecretKind::from_type(secret.type_.as_deref().unwrap_or_default())
        != SecretKind::DockerConfigJson
    {
        return (None, Vec::new());
    }
    let stored = secret
        .data
        .as_ref()
        .and_then(|d| d.get(".dockerconfigjson"))
        .map(|v| v.0.as_slice())
        .unwrap_or_default();
    match parse_docker_config(stored, false) {
        Ok(config) => (
            Some(TypeFormInput::Docker {
                registries: config.credentials,
            }),
            config.notes,
        ),
        // An unreadable file is edited as raw keys, where it can be fixed.
        Err(_) => (None, Vec::new()),
    }
}
