//! A Helm release record (`helm.sh/release.v1`): which release, chart and
//! revision it stores, and that revision's values, masked until revealed.
//! Decoded here, when the record is opened; the list never decodes one.

use super::reveal::Reveal;
use crate::api::helm_release::decode_release;
use crate::model::secret::manifest::MASK;
use crate::model::secret_types::helm_release::release::ReleaseSummary;
use leptos::prelude::*;

/// The reveal entry of the release's values. It cannot clash with a data
/// key: a Secret's keys match `[-._a-zA-Z0-9]+`, and this has spaces.
const VALUES_REVEAL: &str = "release values";

#[component]
pub fn HelmReleaseView(
    /// The record's `release` key, as Kubernetes decoded it.
    value: Option<Vec<u8>>,
    reveal: Reveal,
) -> impl IntoView {
    // Decoded once, as the page opens (spawn_local and a signal, as the rest
    // of the page reads: a LocalResource costs the bundle its own machinery).
    let decoded = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        let result = decode_release(value.as_deref()).await;
        decoded.try_set(Some(result));
    });
    move || {
        decoded.get().map(|result| match result {
            Ok(release) => view! { <ReleaseFacts release reveal/> }.into_any(),
            Err(e) => view! {
                <p class="error-text" role="alert" data-testid="helm-release-error">
                    {format!("Cannot decode this release record: {e}. Its raw keys are shown above.")}
                </p>
            }
            .into_any(),
        })
    }
}

#[component]
fn ReleaseFacts(release: ReleaseSummary, reveal: Reveal) -> impl IntoView {
    let or_none = |s: String| if s.is_empty() { "(none)".to_owned() } else { s };
    let facts = [
        ("Release", "helm-release-name", release.name),
        ("Namespace", "helm-release-namespace", release.namespace),
        ("Revision", "helm-revision", release.revision.to_string()),
        ("Status", "helm-status", release.status),
        ("Chart", "helm-chart", release.chart_name),
        ("Chart version", "helm-chart-version", release.chart_version),
        ("App version", "helm-app-version", release.app_version),
        (
            "First deployed",
            "helm-first-deployed",
            release.first_deployed.unwrap_or_default(),
        ),
        (
            "Last deployed",
            "helm-last-deployed",
            release.last_deployed.unwrap_or_default(),
        ),
    ]
    .into_iter()
    .map(|(label, testid, value)| {
        view! { <dt>{label}</dt><dd><code data-testid=testid>{or_none(value)}</code></dd> }
    })
    .collect_view();
    let count = release.values.len();
    let values = StoredValue::new(release.values);
    let shown = move || reveal.is_shown(VALUES_REVEAL);
    let body = move || {
        if shown() {
            let text = values.with_value(|v| v.to_pretty_json());
            view! { <pre class="value value-text" data-testid="helm-values">{text}</pre> }
                .into_any()
        } else {
            view! { <span class="masked" aria-label="masked values">{MASK}</span> }.into_any()
        }
    };
    view! {
        <div data-testid="helm-release-view">
            <dl class="facts">{facts}</dl>
            <div class="key-row" data-testid="helm-values-row">
                <div class="key-head">
                    <span class="key-name">"Values"</span>
                    <span class="key-meta" data-testid="helm-values-count">
                        {format!("{count} top-level value{} set by the user", if count == 1 { "" } else { "s" })}
                    </span>
                    <div class="key-actions">
                        <button type="button" class="btn-small" data-testid="reveal-helm-values"
                            aria-pressed=move || shown().to_string()
                            aria-label="Reveal or hide the release's values"
                            on:click=move |_| reveal.toggle(VALUES_REVEAL)>
                            {move || if shown() { "Hide" } else { "Reveal" }}
                        </button>
                    </div>
                </div>
                <div class="key-value">{body}</div>
            </div>
        </div>
    }
}
