//! The editor's submit flow as signals: review (a server-side dry run),
//! save, and re-apply after a conflict. The decisions are the model's
//! (`editing::prepare`, `editing::rebase`, `api::write_failure`); this wires
//! them to requests and to what the form shows.

use super::rows::{EditorState, EntryRow, ValueInput};
use crate::api::explain::{explain, Attempt};
use crate::api::live_list::now_seconds;
use crate::api::request::WriteParams;
use crate::api::write_failure::secret_form_failure;
use crate::api::{client, secrets, ApiError, ApiRequest};
use crate::model::editing::prepare::{prepare_write, Ready, Submission};
use crate::model::editing::rebase::{rebase_edits, RowBasis, RowFate};
use crate::model::problem::Problem;
use crate::model::secret::draft::{Field, SecretDraft};
use crate::model::secret::key_changes::key_changes;
use crate::model::secret::manifest::{manifest_yaml, ManifestForm};
use crate::model::secret_types::form::{TypeFormField, TypeFormInput};
use crate::ui::toast::Toasts;
use k8s_openapi::api::core::v1::Secret;
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
pub enum Step {
    Form,
    Checking,
    Preview {
        manifest: String,
        changes: Vec<String>,
    },
    Saving,
}

#[derive(Clone, Copy)]
pub struct UseSubmit {
    pub step: RwSignal<Step>,
    /// Problems next to the form's fields (the view adds its own, e.g. a
    /// `.env` file that does not parse).
    pub errors: RwSignal<Vec<Problem<Field>>>,
    pub type_problems: RwSignal<Vec<Problem<TypeFormField>>>,
    pub warnings: ReadSignal<Vec<String>>,
    pub server_error: ReadSignal<Option<String>>,
    /// Someone saved the secret after it was opened.
    pub conflict: ReadSignal<bool>,
    pub review: Callback<()>,
    pub save: Callback<()>,
    pub reapply: Callback<()>,
    /// Runs the form's checks only (nothing is sent): the Secret the form
    /// describes, or `None` with the problems shown next to their fields.
    pub checked: Callback<(), Option<Secret>>,
}

pub struct SubmitInputs {
    pub state: EditorState,
    pub typed: RwSignal<Option<TypeFormInput>>,
    pub notes: StoredValue<Vec<String>>,
    pub editing: bool,
    /// Called with the secret's name once it has been written.
    pub on_done: Callback<String>,
}

pub fn use_submit(inputs: SubmitInputs) -> UseSubmit {
    let SubmitInputs {
        state,
        typed,
        notes,
        editing,
        on_done,
    } = inputs;
    let toasts = expect_context::<Toasts>();
    let step = RwSignal::new(Step::Form);
    let errors = RwSignal::new(Vec::<Problem<Field>>::new());
    let type_problems = RwSignal::new(Vec::<Problem<TypeFormField>>::new());
    let (warnings, set_warnings) = signal(Vec::<String>::new());
    let (server_error, set_server_error) = signal(None::<String>);
    let (conflict, set_conflict) = signal(false);

    // Builds what to send; shows the problems either way.
    let prepare = move || -> Option<Ready> {
        let (draft, row_problems) = state.draft();
        let typed_input = typed.get_untracked();
        let stored = state.stored.get_value();
        let prepared = notes.with_value(|notes| {
            prepare_write(Submission {
                draft,
                row_problems,
                typed: typed_input.as_ref(),
                notes,
                stored: stored.as_ref(),
                now: now_seconds(),
            })
        });
        errors.set(prepared.errors);
        type_problems.set(prepared.type_problems);
        set_warnings.set(prepared.warnings);
        prepared.ready
    };

    let fail = move |e: ApiError, draft: &SecretDraft| {
        step.set(Step::Form);
        let shown = secret_form_failure(&e, draft, editing);
        set_conflict.set(shown.conflict);
        if shown.conflict || !shown.errors.is_empty() {
            errors.set(shown.errors);
        }
        set_server_error.set(shown.message);
    };

    let request = move |secret: &Secret, params: WriteParams| {
        let ns = state.namespace.get_value();
        if editing {
            let name = secret.metadata.name.clone().unwrap_or_default();
            secrets::replace(&ns, &name, secret, params)
        } else {
            secrets::create(&ns, secret, params)
        }
    };

    let review = Callback::new(move |()| {
        set_server_error.set(None);
        set_conflict.set(false);
        let Some(Ready { draft, secret }) = prepare() else {
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
                        manifest: manifest_yaml(&secret, ManifestForm::Stored, true),
                        changes,
                    });
                }
                Err(e) => fail(e, &draft),
            }
        });
    });

    let save = Callback::new(move |()| {
        let Some(Ready { draft, secret }) = prepare() else {
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
                Err(e) => fail(e, &draft),
            }
        });
    });

    // After a conflict: load the newer version and re-apply what the user did.
    let reapply = Callback::new(move |()| {
        let ns = state.namespace.get_value();
        let name = state.name.get_untracked();
        leptos::task::spawn_local(async move {
            match client::send_json::<Secret>(&secrets::get(&ns, &name)).await {
                Ok(latest) => {
                    reapply_on(state, &latest);
                    set_conflict.set(false);
                    toasts.info("Loaded the newer version; your changes are re-applied. Review and save again.".into());
                }
                Err(e) => set_server_error.set(Some(explain(&e, Attempt::ReadSecret))),
            }
        });
    });

    let checked = Callback::new(move |()| {
        set_server_error.set(None);
        prepare().map(|ready| ready.secret)
    });

    UseSubmit {
        checked,
        step,
        errors,
        type_problems,
        warnings,
        server_error,
        conflict,
        review,
        save,
        reapply,
    }
}

/// A request that could not be built fails like one the server refused.
async fn send(req: Result<ApiRequest, ApiError>) -> Result<Secret, ApiError> {
    client::send_json::<Secret>(&req?).await
}

/// Applies the model's rebase to the form's rows.
fn reapply_on(state: EditorState, latest: &Secret) {
    let rows = state.entries.get_untracked();
    let basis: Vec<RowBasis> = rows
        .iter()
        .map(|row| RowBasis {
            original_key: row.original_key.map(|k| k.get_value()),
            untouched: row.value_untouched(),
        })
        .collect();
    let rebased = state
        .original
        .with_value(|before| rebase_edits(&basis, before, latest));
    let mut kept: Vec<EntryRow> = rows
        .into_iter()
        .zip(rebased.rows)
        .filter_map(|(row, fate)| match fate {
            RowFate::Drop => None,
            RowFate::Keep { stored } => {
                if let (Some(slot), Some(value)) = (row.original_value, stored) {
                    let untouched = row.value_untouched();
                    slot.set_value(value);
                    // A value opened for editing but not changed shows the newer text.
                    if untouched && matches!(row.input.get_untracked(), ValueInput::Edited(_)) {
                        row.input.set(match row.stored_text() {
                            Some(text) => ValueInput::Edited(text),
                            None => ValueInput::Unchanged,
                        });
                    }
                }
                Some(row)
            }
        })
        .collect();
    for (key, value) in rebased.added {
        kept.push(EntryRow::stored(state.id(), &key, value));
    }
    state.entries.set(kept);
    state.original.set_value(rebased.original);
    state
        .hidden_annotations
        .set_value(rebased.hidden_annotations);
    state.stored.set_value(Some(latest.clone()));
}
