//! The secret as a manifest, stored (base64) or decoded, YAML or JSON, masked
//! until revealed; the download always holds the real values.

use super::reveal::Reveal;
use crate::model::secret::manifest::{
    manifest_file_name, manifest_text, ManifestForm, ManifestFormat,
};
use crate::ui::browser::download_bytes;
use k8s_openapi::api::core::v1::Secret;
use leptos::prelude::*;

/// The manifest's reveal shares the 30-second re-mask of the values.
const MANIFEST_KEY: &str = "\u{0}manifest";

#[component]
pub fn ManifestView(secret: Secret, reveal: Reveal) -> impl IntoView {
    let (form, set_form) = signal(ManifestForm::Stored);
    let (format, set_format) = signal(ManifestFormat::Yaml);
    let secret = StoredValue::new(secret);
    let shown = move || reveal.is_shown(MANIFEST_KEY);
    let text = move || secret.with_value(|s| manifest_text(s, form.get(), format.get(), !shown()));
    let download = move |_| {
        let format = format.get_untracked();
        secret.with_value(|s| {
            let text = manifest_text(s, form.get_untracked(), format, false);
            download_bytes(
                &manifest_file_name(s, format),
                text.as_bytes(),
                format.media_type(),
            );
        })
    };
    view! {
        <section class="manifest" aria-labelledby="manifest-title">
            <div class="section-head">
                <div class="segmented" role="group" aria-label="Manifest format">
                    <button type="button" aria-pressed=move || (format.get() == ManifestFormat::Yaml).to_string()
                        on:click=move |_| set_format.set(ManifestFormat::Yaml)>"YAML"</button>
                    <button type="button" aria-pressed=move || (format.get() == ManifestFormat::Json).to_string()
                        on:click=move |_| set_format.set(ManifestFormat::Json)>"JSON"</button>
                </div>
                <div class="segmented" role="group" aria-label="Manifest form">
                    <button type="button" aria-pressed=move || (form.get() == ManifestForm::Stored).to_string()
                        on:click=move |_| set_form.set(ManifestForm::Stored)>"As stored (data)"</button>
                    <button type="button" aria-pressed=move || (form.get() == ManifestForm::Decoded).to_string()
                        on:click=move |_| set_form.set(ManifestForm::Decoded)>"Decoded (stringData)"</button>
                </div>
                <button type="button" class="btn-small" on:click=move |_| reveal.toggle(MANIFEST_KEY)>
                    {move || if shown() { "Hide values" } else { "Reveal values" }}
                </button>
                <button type="button" class="btn-small" on:click=download>"Download"</button>
            </div>
            <pre class="manifest-text" data-testid="manifest" tabindex="0" role="region" aria-label="Manifest">{text}</pre>
        </section>
    }
}
