//! A `kubernetes.io/ssh-auth` Secret: what the private key is (type, size,
//! fingerprint as `ssh-keygen -lf` prints it, comment, passphrase), never
//! the key.

use crate::model::secret_types::ssh::facts::ssh_facts;
use crate::model::secret_types::ssh::key::parse_ssh_private_key;
use leptos::prelude::*;

#[component]
pub fn SshView(key: Option<Vec<u8>>) -> impl IntoView {
    let Some(key) = key else {
        return view! { <p class="error-text" data-testid="typed-error">"The secret has no ssh-privatekey key."</p> }.into_any();
    };
    match parse_ssh_private_key(&key) {
        Ok(summary) => {
            let facts = ssh_facts(&summary)
                .into_iter()
                .map(|(label, value)| {
                    let testid = (label == "Fingerprint").then_some("ssh-fingerprint");
                    view! { <dt>{label}</dt><dd><code data-testid=testid>{value}</code></dd> }
                })
                .collect_view();
            view! { <dl class="facts" data-testid="ssh-view">{facts}</dl> }.into_any()
        }
        Err(e) => view! {
            <p class="error-text" data-testid="typed-error">{format!("ssh-privatekey cannot be read: {e}")}</p>
        }
        .into_any(),
    }
}
