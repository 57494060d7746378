//! "Import": pasted or uploaded manifests → Secrets, each reviewed (the
//! form's checks and a server-side dry run) before anything is written,
//! written only when the user confirms. Values are never shown: the review
//! lists key names and sizes.

mod review;
mod review_table;

use crate::api::live_list::now_seconds;
use crate::model::import::candidate::{candidates, Candidate};
use crate::model::import::outcome;
use crate::model::import::parse::parse_documents;
use crate::model::seal::from_import::seal_inputs as seal_inputs_of;
use crate::model::seal::source::SealInput;
use crate::ui::file_input::read_selected_file;
use crate::ui::secret_seal::SealForGit;
use leptos::prelude::*;
use review::{review, write_confirmed, Row};
use review_table::ReviewTable;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Input,
    Checking,
    Reviewed,
    Writing,
    Done,
}

/// Where the manifest comes from. An uploaded file is kept out of the text
/// box, so that its values are never on screen.
#[derive(Clone, PartialEq)]
struct Upload {
    name: String,
    text: String,
}

#[component]
pub fn SecretImport(namespace: Signal<String>, on_close: Callback<()>) -> impl IntoView {
    let pasted = RwSignal::new(String::new());
    let upload = RwSignal::new(None::<Upload>);
    let input_error = RwSignal::new(None::<String>);
    let step = RwSignal::new(Step::Input);
    let rows = RwSignal::new(Vec::<Row>::new());
    let confirmed_updates = RwSignal::new(Vec::<usize>::new());
    // Sealing instead of importing: the same parsing and checks, nothing
    // read from or written to the cluster.
    let seal_inputs = RwSignal::new(None::<Vec<SealInput>>);

    // A changed input makes the review stale: what is written is always
    // what was reviewed.
    let input_changed = move || {
        input_error.set(None);
        seal_inputs.set(None);
        if step.get_untracked() != Step::Checking {
            step.set(Step::Input);
            rows.set(Vec::new());
            confirmed_updates.set(Vec::new());
        }
    };

    // The documents of the input, or `None` with the reason next to the box.
    let documents = move || -> Option<Vec<Candidate>> {
        let text = upload
            .with_untracked(|u| u.as_ref().map(|u| u.text.clone()))
            .unwrap_or_else(|| pasted.get_untracked());
        if text.trim().is_empty() {
            input_error.set(Some("Paste a manifest or choose a file first.".into()));
            return None;
        }
        let documents = match parse_documents(&text) {
            Ok(docs) => docs,
            Err(e) => {
                input_error.set(Some(format!("The manifest does not parse: {e}")));
                return None;
            }
        };
        if documents.is_empty() {
            input_error.set(Some("The manifest holds no document.".into()));
            return None;
        }
        Some(candidates(&documents, &namespace.get_untracked()))
    };

    let check = move |_| {
        let Some(found) = documents() else {
            return;
        };
        input_error.set(None);
        step.set(Step::Checking);
        leptos::task::spawn_local(async move {
            let reviewed = review(found, now_seconds()).await;
            rows.set(reviewed);
            step.set(Step::Reviewed);
        });
    };

    let seal = move |_| {
        seal_inputs.set(None);
        let Some(found) = documents() else {
            return;
        };
        match seal_inputs_of(&found, now_seconds()) {
            Ok(inputs) => {
                input_error.set(None);
                seal_inputs.set(Some(inputs));
            }
            Err(problems) => {
                input_error.set(Some(format!("Nothing sealed. {}", problems.join(" "))))
            }
        }
    };

    let ready_count = move || {
        confirmed_updates.with(|confirmed| {
            rows.with(|rows| {
                outcome::ready_count(rows.iter().map(|r| (&r.state, confirmed.contains(&r.id))))
            })
        })
    };

    let import = move |_| {
        let to_write = rows.get_untracked();
        let confirmed = confirmed_updates.get_untracked();
        step.set(Step::Writing);
        leptos::task::spawn_local(async move {
            rows.set(write_confirmed(to_write, confirmed).await);
            step.set(Step::Done);
        });
    };

    let on_file = move |ev: web_sys::Event| {
        read_selected_file(&ev, move |name, bytes| {
            input_changed();
            match String::from_utf8(bytes) {
                Ok(text) => upload.set(Some(Upload { name, text })),
                Err(_) => {
                    upload.set(None);
                    input_error.set(Some(format!(
                        "{name} is not UTF-8 text: a manifest is YAML or JSON."
                    )))
                }
            }
        });
    };

    let busy = move || matches!(step.get(), Step::Checking | Step::Writing);
    let summary = move || rows.with(|rows| outcome::summary(rows.iter().map(|r| &r.state)));

    view! {
        <section class="secret-import" data-testid="secret-import" aria-labelledby="secret-import-title">
            <div class="section-head">
                <h3 id="secret-import-title">"Import secrets"</h3>
                <button type="button" class="btn-small" data-testid="import-close"
                    on:click=move |_| on_close.run(())>"Close"</button>
            </div>
            <p class="hint">{move || format!(
                "Paste or upload YAML or JSON with one or more Secrets (--- between documents, or a List). \
                 Documents without a namespace go to {}. Nothing is written before you confirm.",
                namespace.get())}</p>
            {move || match upload.get() {
                Some(file) => view! {
                    <p class="import-file" data-testid="import-file">
                        {format!("File: {} ({} bytes); its content is not shown.", file.name, file.text.len())}
                        " "
                        <button type="button" class="btn-link" on:click=move |_| { upload.set(None); input_changed(); }>
                            "Use pasted text instead"
                        </button>
                    </p>
                }.into_any(),
                None => view! {
                    <label class="import-label" for="import-text">"Manifest (YAML or JSON)"</label>
                    <textarea id="import-text" class="mono import-text" data-testid="import-text"
                        rows="12" spellcheck="false" autocomplete="off"
                        aria-invalid=move || input_error.with(Option::is_some).to_string()
                        aria-describedby="import-error"
                        prop:value=move || pasted.get()
                        on:input=move |ev| { pasted.set(event_target_value(&ev)); input_changed(); }></textarea>
                }.into_any(),
            }}
            <p id="import-error" class="field-error" role="alert" data-testid="import-error">
                {move || input_error.get()}
            </p>
            <div class="import-actions">
                <label class="file-button">
                    "Upload file"
                    <input type="file" accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
                        data-testid="import-file-input" on:change=on_file />
                </label>
                <button type="button" data-testid="import-check" disabled=busy on:click=check>
                    {move || if step.get() == Step::Checking { "Checking…" } else { "Check" }}
                </button>
                <button type="button" data-testid="import-seal" disabled=busy on:click=seal
                    title="Encrypt these Secrets into SealedSecret manifests for Git instead of importing them">"Seal for Git…"</button>
                {move || matches!(step.get(), Step::Reviewed | Step::Writing).then(|| view! {
                    <button type="button" class="btn-primary" data-testid="import-confirm"
                        disabled=move || busy() || ready_count() == 0
                        on:click=import>
                        {move || match ready_count() {
                            1 => "Import 1 secret".to_string(),
                            n => format!("Import {n} secrets"),
                        }}
                    </button>
                })}
            </div>
            {move || seal_inputs.get().map(|inputs| view! {
                <SealForGit inputs=inputs on_close=Callback::new(move |()| seal_inputs.set(None))/>
            })}
            {move || (step.get() == Step::Done).then(|| view! {
                <p class="import-summary" role="status" data-testid="import-summary">{summary}</p>
            })}
            {move || (!rows.with(Vec::is_empty)).then(|| view! {
                <ReviewTable rows=rows.into() confirmed_updates
                    locked=Signal::derive(move || matches!(step.get(), Step::Writing | Step::Done))
                    browsed=namespace/>
            })}
        </section>
    }
}
