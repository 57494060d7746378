//! A `kubernetes.io/tls` Secret: each certificate of `tls.crt` as a card,
//! whether `tls.key` is the leaf's key, and what is wrong. The key itself
//! stays in its masked key row.

use super::cert_card::{cert_cards, findings_list};
use crate::model::secret_types::tls::facts::tls_overview;
use leptos::prelude::*;

#[component]
pub fn TlsView(cert: Option<Vec<u8>>, key: Option<Vec<u8>>, now: i64) -> impl IntoView {
    let overview = tls_overview(
        cert.as_deref().unwrap_or_default(),
        key.as_deref().unwrap_or_default(),
        now,
    );
    let (match_class, mark) = if overview.key.is_ok() {
        ("key-match key-match-ok", "✓ ")
    } else {
        ("key-match key-match-problem", "✗ ")
    };
    view! {
        <div class="tls-view" data-testid="tls-view">
            <p class=match_class data-testid="key-match" data-ok=overview.key.is_ok().to_string()>
                <span aria-hidden="true">{mark}</span>{overview.key.text()}
            </p>
            {findings_list(overview.findings)}
            {cert_cards("tls.crt", overview.certificates)}
        </div>
    }
}
