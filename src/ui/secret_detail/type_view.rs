//! What a typed Secret holds, read for people: certificates, registries, a
//! service-account token's claims, an SSH key's fingerprint. Chosen by the
//! Secret's type; Opaque and unknown types get nothing extra.
//!
//! Only public facts are shown here; the values themselves stay in the
//! masked key rows.

use super::docker_view::DockerView;
use super::helm_view::HelmReleaseView;
use super::reveal::Reveal;
use super::ssh_view::SshView;
use super::tls_view::TlsView;
use super::token_view::TokenView;
use crate::api::live_list::now_seconds;
use crate::model::secret_types::helm_release::{RELEASE_KEY, RELEASE_TYPE};
use crate::model::secret_types::kinds::SecretKind;
use k8s_openapi::api::core::v1::Secret;
use leptos::prelude::*;

#[component]
pub fn TypeSection(
    secret: Secret,
    /// A newer read of the secret (a token that has been filled in).
    on_refreshed: Callback<Secret>,
    /// The page's reveal state, for values a typed view shows (a Helm release's).
    reveal: Reveal,
) -> impl IntoView {
    let now = now_seconds();
    let kind = SecretKind::from_type(secret.type_.as_deref().unwrap_or_default());
    let data = secret.data.clone().unwrap_or_default();
    let value = |key: &str| data.get(key).map(|v| v.0.clone());
    let mut title = kind.label().to_owned();
    let body = match &kind {
        SecretKind::Other(t) if t == RELEASE_TYPE => {
            title = "Helm release record".to_owned();
            view! { <HelmReleaseView value=value(RELEASE_KEY) reveal/> }.into_any()
        }
        SecretKind::Tls => {
            view! { <TlsView cert=value("tls.crt") key=value("tls.key") now/> }.into_any()
        }
        SecretKind::DockerConfigJson => view! {
            <DockerView field=".dockerconfigjson" bytes=value(".dockerconfigjson") legacy=false/>
        }
        .into_any(),
        SecretKind::DockerCfg => view! {
            <DockerView field=".dockercfg" bytes=value(".dockercfg") legacy=true/>
        }
        .into_any(),
        SecretKind::ServiceAccountToken => {
            view! { <TokenView secret now on_refreshed/> }.into_any()
        }
        SecretKind::SshAuth => view! { <SshView key=value("ssh-privatekey")/> }.into_any(),
        SecretKind::BasicAuth => {
            let present = |key| {
                if data.contains_key(key) {
                    "present"
                } else {
                    "absent"
                }
            };
            let note = format!(
                "username: {}, password: {}",
                present("username"),
                present("password")
            );
            view! { <p data-testid="basic-auth-note">{note}</p> }.into_any()
        }
        _ => return ().into_any(),
    };
    view! {
        <section class="typed-section" aria-labelledby="typed-title" data-testid="typed-section">
            <h3 id="typed-title">{title}</h3>
            {body}
        </section>
    }
    .into_any()
}
