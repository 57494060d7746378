//! Where the sealing certificate comes from: the controller in the cluster
//! (fetched as kubeseal does), a pasted or uploaded PEM, or the certificate
//! the user pinned. Shows what the user checks before sealing — subject,
//! SHA-256 fingerprint, key size, expiry — and lets them pin it.

use crate::api::live_list::now_seconds;
use crate::api::sealing_certificate::{fetch_certificate, DEFAULT_CONTROLLER, DEFAULT_NAMESPACE};
use crate::model::list::age::format_rfc3339;
use crate::model::seal::certificate::SealingCertificate;
use crate::model::seal::pin::{pin_state, PinState, PIN_STORAGE_KEY};
use crate::ui::browser::{store_text, stored_text};
use crate::ui::file_input::read_selected_file;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum CertFrom {
    Cluster,
    Paste,
}

/// The certificate chosen, with its PEM (what a pin stores).
#[derive(Clone, PartialEq, Eq)]
pub struct Chosen {
    pub certificate: SealingCertificate,
    pub pem: String,
}

fn read_pin() -> Option<Chosen> {
    let pem = stored_text(PIN_STORAGE_KEY)?;
    SealingCertificate::from_pem(pem.as_bytes())
        .ok()
        .map(|certificate| Chosen { certificate, pem })
}

#[component]
pub fn CertificatePicker(chosen: RwSignal<Option<Chosen>>) -> impl IntoView {
    let pinned = RwSignal::new(read_pin());
    let from = RwSignal::new(CertFrom::Cluster);
    let controller = RwSignal::new(DEFAULT_CONTROLLER.to_string());
    let namespace = RwSignal::new(DEFAULT_NAMESPACE.to_string());
    let pasted = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let fetching = RwSignal::new(false);

    let take = move |pem: String| match SealingCertificate::from_pem(pem.as_bytes()) {
        Ok(certificate) => {
            error.set(None);
            chosen.set(Some(Chosen { certificate, pem }));
        }
        Err(e) => {
            chosen.set(None);
            error.set(Some(format!("Keyhole cannot seal to this: {e}")));
        }
    };
    let fetch = move || {
        let (ns, name) = (namespace.get_untracked(), controller.get_untracked());
        if ns.trim().is_empty() || name.trim().is_empty() {
            error.set(Some(
                "Name the controller's Service and its namespace.".into(),
            ));
            return;
        }
        fetching.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = fetch_certificate(ns.trim(), name.trim()).await;
            fetching.try_set(false);
            match result {
                Ok(pem) => take(pem),
                Err(why) => {
                    chosen.try_set(None);
                    error.try_set(Some(why));
                }
            }
        });
    };
    // A pinned certificate is used as it is; otherwise ask the cluster
    // straight away, as kubeseal would.
    match pinned.get_untracked() {
        Some(pin) => chosen.set(Some(pin)),
        None => fetch(),
    }

    let on_file = move |ev: web_sys::Event| {
        read_selected_file(&ev, move |name, bytes| match String::from_utf8(bytes) {
            Ok(text) => {
                pasted.set(text.clone());
                take(text);
            }
            Err(_) => {
                chosen.set(None);
                error.set(Some(format!("{name} is not a PEM file (not text).")));
            }
        })
    };
    let pin = move |_| {
        if let Some(c) = chosen.get_untracked() {
            if store_text(PIN_STORAGE_KEY, Some(&c.pem)) {
                pinned.set(Some(c));
            } else {
                error.set(Some(
                    "This browser refused to remember the certificate.".into(),
                ));
            }
        }
    };
    let unpin = move |_| {
        store_text(PIN_STORAGE_KEY, None);
        pinned.set(None);
    };

    let summary = move || {
        chosen.get().map(|c| {
            let cert = c.certificate;
            let expired = cert.is_expired(now_seconds());
            let state = pinned.with(|p| pin_state(p.as_ref().map(|p| &p.certificate), &cert));
            let is_pinned = state == PinState::Pinned;
            view! {
                <div class="seal-cert" data-testid="seal-cert">
                    <dl class="facts">
                        <dt>"Subject"</dt><dd data-testid="seal-cert-subject">{cert.subject.clone()}</dd>
                        <dt>"SHA-256 fingerprint"</dt><dd class="mono fingerprint" data-testid="seal-cert-fingerprint">{cert.fingerprint.clone()}</dd>
                        <dt>"Key"</dt><dd>{format!("RSA, {} bits", cert.key_bits)}</dd>
                        <dt>"Expires"</dt><dd data-testid="seal-cert-expiry">{format_rfc3339(cert.not_after)}</dd>
                    </dl>
                    {expired.then(|| view! {
                        <p class="warn-text" role="alert" data-testid="seal-cert-expired">
                            "This certificate has expired. The controller can still decrypt with its key, but it has probably renewed it: fetch its current certificate before sealing."
                        </p>
                    })}
                    {state.note().map(|n| view! { <p class="hint" data-testid="seal-pin-note">{n}</p> })}
                    <div class="actions">
                        {if is_pinned {
                            view! { <button type="button" class="btn-small" data-testid="seal-unpin" on:click=unpin>"Unpin"</button> }.into_any()
                        } else {
                            view! { <button type="button" class="btn-small" data-testid="seal-pin" on:click=pin
                                title="Seal to this certificate from now on, in this browser">"Pin this certificate"</button> }.into_any()
                        }}
                    </div>
                </div>
            }
        })
    };

    view! {
        <fieldset class="seal-source">
            <legend>"Certificate"</legend>
            <div class="radio-row" role="radiogroup" aria-label="Where the certificate comes from">
                <label class="checkbox"><input type="radio" name="seal-from" data-testid="seal-from-cluster"
                    prop:checked=move || from.get() == CertFrom::Cluster
                    on:change=move |_| from.set(CertFrom::Cluster)/>"From the controller in the cluster"</label>
                <label class="checkbox"><input type="radio" name="seal-from" data-testid="seal-from-paste"
                    prop:checked=move || from.get() == CertFrom::Paste
                    on:change=move |_| from.set(CertFrom::Paste)/>"Paste or upload cert.pem"</label>
                {move || pinned.get().map(|p| view! {
                    <button type="button" class="btn-small" data-testid="seal-use-pinned"
                        on:click=move |_| { error.set(None); chosen.set(Some(p.clone())); }>"Use the pinned certificate"</button>
                })}
            </div>
            {move || match from.get() {
                CertFrom::Cluster => view! {
                    <div class="seal-controller">
                        <div class="field">
                            <label for="seal-controller">"Controller Service"</label>
                            <input id="seal-controller" type="text" data-testid="seal-controller" spellcheck="false" autocomplete="off"
                                prop:value=move || controller.get() on:input=move |ev| controller.set(event_target_value(&ev))/>
                        </div>
                        <div class="field">
                            <label for="seal-controller-ns">"in namespace"</label>
                            <input id="seal-controller-ns" type="text" data-testid="seal-controller-namespace" spellcheck="false" autocomplete="off"
                                prop:value=move || namespace.get() on:input=move |ev| namespace.set(event_target_value(&ev))/>
                        </div>
                        <button type="button" data-testid="seal-fetch" disabled=move || fetching.get()
                            on:click=move |_| fetch()>{move || if fetching.get() { "Fetching…" } else { "Fetch certificate" }}</button>
                    </div>
                }.into_any(),
                CertFrom::Paste => view! {
                    <div class="field">
                        <label for="seal-cert-text">"The controller's certificate (PEM)"</label>
                        <textarea id="seal-cert-text" class="mono" rows="6" spellcheck="false" autocomplete="off"
                            data-testid="seal-cert-text" aria-describedby="seal-cert-error"
                            aria-invalid=move || error.with(Option::is_some).to_string()
                            prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                        <div class="actions">
                            <button type="button" data-testid="seal-use-pasted" on:click=move |_| take(pasted.get_untracked())>"Use this certificate"</button>
                            <label class="file-button">"Upload cert.pem"
                                <input type="file" accept=".pem,.crt,.cer,application/x-pem-file" data-testid="seal-cert-file" on:change=on_file/></label>
                        </div>
                    </div>
                }.into_any(),
            }}
            <p id="seal-cert-error" class="field-error" role="alert" data-testid="seal-cert-error">{move || error.get()}</p>
            {summary}
        </fieldset>
    }
}
