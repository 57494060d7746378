//! One certificate as a card (subject, issuer, SANs, serial, key, dates,
//! days left, an expiry badge), and the badge alone for tables. Used by the
//! TLS and service-account token views and the namespace certificate check.

use crate::model::secret_types::tls::facts::{CertFacts, ExpiryState, Finding};
use leptos::prelude::*;

/// `expired`, `expires in 12 days`, …, coloured by state.
#[component]
pub fn ExpiryBadge(state: ExpiryState, text: String) -> impl IntoView {
    view! {
        <span class=format!("badge cert-badge {}", state.class()) data-testid="cert-badge"
            data-state=state.name()>{text}</span>
    }
}

#[component]
pub fn CertCard(
    facts: CertFacts,
    /// `Certificate 1 of 2`, or the field name for a lone certificate.
    heading: String,
) -> impl IntoView {
    let sans = if facts.sans.is_empty() {
        "none".to_owned()
    } else {
        facts.sans.join(", ")
    };
    view! {
        <div class="cert-card" data-testid="cert-card" data-state=facts.state.name()>
            <div class="cert-card-head">
                <span class="cert-heading">{heading}</span>
                <span class="muted">{facts.role}</span>
                <ExpiryBadge state=facts.state text=facts.badge.clone()/>
            </div>
            <dl class="facts">
                <dt>"Subject"</dt><dd data-testid="cert-subject">{facts.subject}</dd>
                <dt>"Issuer"</dt><dd data-testid="cert-issuer">{facts.issuer}</dd>
                <dt>"Alternative names"</dt><dd data-testid="cert-sans">{sans}</dd>
                <dt>"Serial"</dt><dd><code data-testid="cert-serial">{facts.serial}</code></dd>
                <dt>"Key"</dt><dd data-testid="cert-key">{facts.key}</dd>
                <dt>"Signature"</dt><dd>{facts.signature_algorithm}</dd>
                <dt>"Not before"</dt><dd data-testid="cert-not-before">{facts.not_before}</dd>
                <dt>"Not after"</dt><dd data-testid="cert-not-after">{facts.not_after}</dd>
                <dt>"Days left"</dt><dd data-testid="cert-days-left">{facts.days_left_text}</dd>
            </dl>
        </div>
    }
}

/// Every certificate of a field, headed by its position when there are several.
pub fn cert_cards(field: &str, certificates: Vec<CertFacts>) -> impl IntoView {
    let count = certificates.len();
    certificates
        .into_iter()
        .enumerate()
        .map(|(index, facts)| {
            let heading = if count == 1 {
                field.to_owned()
            } else {
                format!("{field}: certificate {} of {count}", index + 1)
            };
            view! { <CertCard facts heading/> }
        })
        .collect_view()
}

/// Problems (errors) and warnings, as text.
pub fn findings_list(findings: Vec<Finding>) -> impl IntoView {
    (!findings.is_empty()).then(|| {
        let items = findings
            .into_iter()
            .map(|f| {
                let class = if f.is_error {
                    "error-text"
                } else {
                    "warn-text"
                };
                let prefix = if f.is_error { "Problem: " } else { "Warning: " };
                view! { <li class=class>{prefix}{f.text}</li> }
            })
            .collect_view();
        view! { <ul class="findings" data-testid="cert-findings">{items}</ul> }
    })
}
