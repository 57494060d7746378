//! "Seal for Git": one or more secrets (the opened one, the create form's,
//! an import's) → a SealedSecret manifest only the cluster's Sealed Secrets
//! controller can decrypt. The values are encrypted in this page (WebCrypto,
//! `api::seal`); the only request is the certificate fetch. The page shows
//! key names and sizes, never the values.

mod certificate_picker;
mod sealed_page;

pub use sealed_page::SealedSecretPage;

use crate::api::seal::{import_certificate, seal_all};
use crate::model::seal::manifest::sealed_secret_yaml;
use crate::model::seal::scope::SealScope;
use crate::model::seal::source::{file_name, join_documents, SealInput};
use crate::ui::browser::{copy_text, download_bytes};
use crate::ui::toast::Toasts;
use certificate_picker::{CertificatePicker, Chosen};
use leptos::prelude::*;

#[component]
pub fn SealForGit(inputs: Vec<SealInput>, on_close: Callback<()>) -> impl IntoView {
    let toasts = expect_context::<Toasts>();
    let inputs = StoredValue::new(inputs);
    let chosen = RwSignal::new(None::<Chosen>);
    let scope = RwSignal::new(SealScope::Strict);
    let output = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let sealing = RwSignal::new(false);
    // A manifest sealed to another certificate or scope is stale.
    Effect::new(move |_| {
        chosen.track();
        scope.track();
        output.set(None);
        error.set(None);
    });

    let seal = move |_| {
        let Some(Chosen { certificate, .. }) = chosen.get_untracked() else {
            error.set(Some("Choose the controller's certificate first.".into()));
            return;
        };
        let scope = scope.get_untracked();
        let inputs = inputs.get_value();
        sealing.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = async {
                let key = import_certificate(&certificate).await?;
                let mut documents = Vec::with_capacity(inputs.len());
                for input in &inputs {
                    let mut target = input.target.clone();
                    target.scope = scope;
                    let encrypted = seal_all(&key, &target, &input.values).await?;
                    documents.push(sealed_secret_yaml(&target, &encrypted));
                }
                Ok::<_, String>(join_documents(&documents))
            }
            .await;
            sealing.try_set(false);
            match result {
                Ok(yaml) => {
                    output.try_set(Some(yaml));
                }
                Err(why) => {
                    error.try_set(Some(format!("Could not seal: {why}")));
                }
            }
        });
    };

    let download_name = inputs.with_value(|i| file_name(i));
    let copy = move |_| {
        if let Some(text) = output.get_untracked() {
            leptos::task::spawn_local(async move {
                if copy_text(&text).await {
                    toasts.info("Copied the SealedSecret manifest".into());
                } else {
                    toasts.error("The browser refused to copy: use Download instead".into());
                }
            });
        }
    };
    let download = {
        let download_name = download_name.clone();
        move |_| {
            if let Some(text) = output.get_untracked() {
                download_bytes(&download_name, text.as_bytes(), "application/yaml");
            }
        }
    };

    let what = inputs.with_value(|inputs| {
        inputs
            .iter()
            .map(|i| {
                let keys = i
                    .key_sizes()
                    .into_iter()
                    .map(|(k, n)| format!("{k} ({n} bytes)"))
                    .collect::<Vec<_>>();
                let keys = if keys.is_empty() { "no keys".to_string() } else { keys.join(", ") };
                view! {
                    <li data-testid="seal-item"><strong>{format!("{}/{}", i.target.namespace, i.target.name)}</strong>{format!(": {keys}")}</li>
                }
            })
            .collect_view()
    });

    view! {
        <section class="seal-panel copy-dialog" data-testid="seal-panel" aria-labelledby="seal-title">
            <div class="section-head">
                <h3 id="seal-title">"Seal for Git"</h3>
                <button type="button" class="btn-small" data-testid="seal-close" on:click=move |_| on_close.run(())>"Close"</button>
            </div>
            <p class="hint">"Encrypts the values in this page to the Sealed Secrets controller's certificate. Only that controller can decrypt the result, so the manifest can go into Git. The values are not sent anywhere."</p>
            <ul class="seal-items">{what}</ul>
            <CertificatePicker chosen=chosen/>
            <fieldset class="seal-scope">
                <legend>"Scope"</legend>
                {SealScope::ALL.into_iter().map(|s| view! {
                    <label class="checkbox">
                        <input type="radio" name="seal-scope" value=s.as_str() data-testid=format!("seal-scope-{}", s.as_str())
                            prop:checked=move || scope.get() == s
                            on:change=move |_| scope.set(s)/>
                        <span><strong>{s.as_str()}</strong>{format!(": {}", s.description())}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <div class="actions">
                <button type="button" class="btn-primary" data-testid="seal-run"
                    disabled=move || sealing.get() || chosen.with(Option::is_none)
                    on:click=seal>{move || if sealing.get() { "Sealing…" } else { "Seal" }}</button>
            </div>
            <p class="error-text" role="alert" data-testid="seal-error">{move || error.get()}</p>
            {move || output.get().map(|yaml| {
                let download = download.clone();
                view! {
                    <div class="seal-output">
                        <p class="hint">{format!("Commit it, or apply it with kubectl apply -f {}. Renaming or moving a strict one, or widening its scope by hand, makes it undecryptable.", download_name)}</p>
                        <pre class="manifest-text" tabindex="0" role="region" aria-label="SealedSecret manifest" data-testid="sealed-manifest">{yaml}</pre>
                        <div class="actions">
                            <button type="button" data-testid="seal-copy" on:click=copy>"Copy"</button>
                            <button type="button" data-testid="seal-download" on:click=download>{format!("Download {download_name}")}</button>
                        </div>
                    </div>
                }
            })}
        </section>
    }
}
