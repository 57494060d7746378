//! Creating and editing a secret. Nothing is sent until the form passes the
//! same checks the apiserver makes; then a server-side dry run previews
//! exactly what will be written (values masked), and only the user's
//! confirmation writes. An edit carries the resourceVersion it is based on:
//! if someone changed the secret meanwhile the user is told, keeps everything
//! typed, and can re-apply it on top of the newer version.

mod entry_row;
mod pairs;
mod rows;
mod type_fields;
mod type_picker;

use crate::api::live_list::now_seconds;
use crate::api::request::WriteParams;
use crate::api::write_failure::{classify, WriteFailure};
use crate::api::{client, secrets, ApiError, ApiRequest};
use crate::model::problem::{has_errors, warning_messages, Problem};
use crate::model::secret::dotenv::parse_env_file;
use crate::model::secret::draft::{Field, SecretDraft};
use crate::model::secret::key_changes::key_changes;
use crate::model::secret::manifest::{manifest_json, ManifestForm};
use crate::model::secret::server_causes::field_errors_from_causes;
use crate::model::secret_types::docker::config::parse_docker_config;
use crate::model::secret_types::draft::{apply_type_form, type_rule_problems};
use crate::model::secret_types::form::{TypeFormField, TypeFormInput};
use crate::model::secret_types::kinds::SecretKind;
use crate::ui::file_input::read_selected_file;
use crate::ui::toast::Toasts;
use entry_row::EntryRowView;
use k8s_openapi::api::core::v1::Secret;
use leptos::prelude::*;
use pairs::PairsEditor;
use rows::{EditorState, EntryRow, PairRow, ValueInput, HIDDEN_ANNOTATIONS};
use std::collections::BTreeMap;
use type_fields::TypeFormFields;
use type_picker::TypePicker;

#[derive(Clone)]
pub enum EditorMode {
    Create,
    /// Edit the stored secret.
    Edit(Box<Secret>),
    /// Create a new secret with a copy of this one's content.
    CopyOf(Box<Secret>),
}

#[derive(Clone, PartialEq)]
enum Step {
    Form,
    Checking,
    Preview {
        manifest: String,
        changes: Vec<String>,
    },
    Saving,
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
    let errors = RwSignal::new(Vec::<Problem<Field>>::new());
    let step = RwSignal::new(Step::Form);
    let server_error = RwSignal::new(None::<String>);
    let conflict = RwSignal::new(false);
    let new_id = Callback::new(move |()| state.id());
    let (initial_type_form, type_notes) = initial_type_form(&mode);
    let typed = RwSignal::new(initial_type_form);
    let type_notes = StoredValue::new(type_notes);
    let type_form_problems = RwSignal::new(Vec::<Problem<TypeFormField>>::new());
    let warnings = RwSignal::new(Vec::<String>::new());

    let field_error = move |field: Field| {
        errors.with(|e| {
            e.iter()
                .find(|fe| fe.field == field)
                .map(|fe| fe.message.clone())
        })
    };

    // Build the body to send; on local validation errors, show them and stop.
    let prepare = move || -> Option<(SecretDraft, Secret)> {
        let (mut draft, mut errs) = state.draft();
        let now = now_seconds();
        let mut warn = type_notes.get_value();
        match typed.get_untracked() {
            Some(input) => {
                // The typed inputs are the data; the hidden key rows are not.
                errs.clear();
                let problems = input.check(now);
                warn.extend(warning_messages(&problems));
                let blocked = has_errors(&problems);
                type_form_problems.set(problems);
                if blocked {
                    errs.extend(
                        draft
                            .validate()
                            .into_iter()
                            .filter(|e| e.field == Field::Name),
                    );
                    errors.set(errs);
                    warnings.set(warn);
                    return None;
                }
                apply_type_form(&input, &mut draft, editing);
            }
            None => {
                type_form_problems.set(Vec::new());
                // Warnings go to the list above the buttons; errors to their fields.
                let problems = type_rule_problems(&draft, now);
                warn.extend(warning_messages(&problems));
                errs.extend(problems.into_iter().filter(Problem::is_error));
            }
        }
        warnings.set(warn);
        errs.extend(draft.validate());
        errors.set(errs.clone());
        if !errs.is_empty() {
            return None;
        }
        let secret = match state.stored.get_value() {
            Some(stored) => draft.to_updated_secret(&stored),
            None => draft.to_secret(),
        };
        Some((draft, secret))
    };

    let handle_error = move |e: ApiError, draft: &SecretDraft| {
        step.set(Step::Form);
        match classify(&e, editing) {
            WriteFailure::Conflict => conflict.set(true),
            WriteFailure::NameTaken => errors.set(vec![Problem::error(
                Field::Name,
                format!(
                    "a secret named {} already exists in {}",
                    draft.name, draft.namespace
                ),
            )]),
            WriteFailure::Invalid(causes) => {
                errors.set(field_errors_from_causes(causes, draft));
                server_error.set(Some(e.to_string()));
            }
            WriteFailure::Other => server_error.set(Some(e.to_string())),
        }
    };

    // A request that could not be built fails like one the server refused.
    async fn send(req: Result<ApiRequest, ApiError>) -> Result<Secret, ApiError> {
        client::send_json::<Secret>(&req?).await
    }
    let request = move |secret: &Secret, params: WriteParams| {
        let ns = state.namespace.get_value();
        if editing {
            let name = secret.metadata.name.clone().unwrap_or_default();
            secrets::replace(&ns, &name, secret, params)
        } else {
            secrets::create(&ns, secret, params)
        }
    };

    let review = move || {
        server_error.set(None);
        conflict.set(false);
        let Some((draft, secret)) = prepare() else {
            return;
        };
        step.set(Step::Checking);
        let req = request(&secret, WriteParams::DRY_RUN);
        leptos::task::spawn_local(async move {
            match send(req).await {
                Ok(_) => {
                    let changes = if editing {
                        state
                            .original
                            .with_value(|o| key_changes(o, &draft.entries))
                            .into_iter()
                            .map(|c| c.to_string())
                            .collect()
                    } else {
                        Vec::new()
                    };
                    step.set(Step::Preview {
                        manifest: manifest_json(&secret, ManifestForm::Stored, true),
                        changes,
                    });
                }
                Err(e) => handle_error(e, &draft),
            }
        });
    };

    let save = move || {
        let Some((draft, secret)) = prepare() else {
            step.set(Step::Form);
            return;
        };
        step.set(Step::Saving);
        let req = request(&secret, WriteParams::SAVE);
        leptos::task::spawn_local(async move {
            match send(req).await {
                Ok(saved) => {
                    let name = saved.metadata.name.unwrap_or(draft.name);
                    toasts.info(if editing {
                        format!("Saved {name}")
                    } else {
                        format!("Created {name}")
                    });
                    on_done.run(name);
                }
                Err(e) => handle_error(e, &draft),
            }
        });
    };

    // After a conflict: load the newer version and re-apply what the user did.
    let reapply = move || {
        let ns = state.namespace.get_value();
        let name = state.name.get_untracked();
        leptos::task::spawn_local(async move {
            match client::send_json::<Secret>(&secrets::get(&ns, &name)).await {
                Ok(latest) => {
                    reapply_on(state, &latest);
                    conflict.set(false);
                    toasts.info("Loaded the newer version; your changes are re-applied. Review and save again.".into());
                }
                Err(e) => server_error.set(Some(e.to_string())),
            }
        });
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
                <button type="button" class="btn-link" on:click=move |_| on_cancel.run(())>"← Cancel"</button>
                <h2>{title}</h2>
                <span class="muted">{format!("in {namespace}")}</span>
            </header>
            {move || conflict.get().then(|| view! {
                <section class="banner banner-warn" role="alert" data-testid="conflict">
                    <h3>"Someone changed this secret after you opened it"</h3>
                    <p>"Nothing was overwritten, and everything you typed is still here. Load their version to re-apply your changes on top of it, then review and save again."</p>
                    <button type="button" data-testid="reapply" on:click=move |_| reapply()>"Load their version and re-apply my changes"</button>
                </section>
            })}
            {move || server_error.get().map(|m| view! { <p class="error-text" role="alert" data-testid="server-error">{m}</p> })}
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
                            <button type="button" class="btn-primary" data-testid="confirm-save" on:click=move |_| save()>
                                {if editing { "Save changes" } else { "Create secret" }}</button>
                        </div>
                    </section>
                }.into_any(),
                Step::Form | Step::Checking | Step::Saving => view! {
                    {warning_list}
                    <div class="actions">
                        <button type="button" class="btn-primary" data-testid="review"
                            disabled=move || matches!(step.get(), Step::Checking | Step::Saving)
                            on:click=move |_| review()>
                            {move || match step.get() { Step::Checking => "Checking…", Step::Saving => "Saving…", _ => "Review" }}
                        </button>
                    </div>
                }.into_any(),
            }}
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

/// Re-applies the user's edits on top of `latest`: rows the user changed keep
/// their new value; untouched rows take the newer stored value (or go, if the
/// other writer removed that key); keys the other writer added appear as
/// untouched rows, so saving does not silently delete them.
fn reapply_on(state: EditorState, latest: &Secret) {
    let latest_values: BTreeMap<String, Vec<u8>> = latest
        .data
        .iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.0.clone()))
        .collect();
    let before: BTreeMap<String, Vec<u8>> = state.original.get_value();
    let mut rows = Vec::new();
    for row in state.entries.get_untracked() {
        let original = row.original_key.map(|k| k.get_value());
        match (&original, row.input.get_untracked()) {
            (Some(key), ValueInput::Unchanged) => {
                if let Some(value) = latest_values.get(key) {
                    if let Some(stored) = row.original_value {
                        stored.set_value(value.clone());
                    }
                    rows.push(row);
                }
            }
            (Some(key), _) => {
                if let (Some(stored), Some(value)) = (row.original_value, latest_values.get(key)) {
                    stored.set_value(value.clone());
                }
                rows.push(row);
            }
            (None, _) => rows.push(row),
        }
    }
    for (key, value) in &latest_values {
        if !before.contains_key(key) {
            rows.push(EntryRow::stored(state.id(), key, value.clone()));
        }
    }
    state.entries.set(rows);
    state.original.set_value(latest_values);
    state.hidden_annotations.set_value(
        latest
            .metadata
            .annotations
            .iter()
            .flatten()
            .filter(|(k, _)| HIDDEN_ANNOTATIONS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    );
    state.stored.set_value(Some(latest.clone()));
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
