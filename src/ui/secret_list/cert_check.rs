//! "Check certificates": the leaf certificate of every `kubernetes.io/tls`
//! Secret of the namespace, soonest expiry first.
//!
//! This reads values (one GET per Secret), which the list otherwise never
//! does, so it runs only when the user asks. Only the certificate's public
//! facts stay on the page; each Secret read is dropped at once.

use crate::api::explain::{explain, Attempt};
use crate::api::live_list::now_seconds;
use crate::api::{client, secrets};
use crate::model::secret_types::tls::scan::{leaf_of, sort_rows, CertScanRow};
use crate::ui::app_link::{href, opens_in_place};
use crate::ui::secret_detail::cert_card::ExpiryBadge;
use k8s_openapi::api::core::v1::Secret;
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[component]
pub fn CertCheck(
    namespace: String,
    /// The `kubernetes.io/tls` Secrets the list shows.
    names: Vec<String>,
    on_open: Callback<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let rows = RwSignal::new(Vec::<CertScanRow>::new());
    let checked = RwSignal::new(0usize);
    let total = names.len();
    let alive = Arc::new(AtomicBool::new(true));
    {
        let alive = alive.clone();
        on_cleanup(move || alive.store(false, Ordering::Relaxed));
    }
    let title_ns = namespace.clone();
    let link_ns = namespace.clone();
    leptos::task::spawn_local(async move {
        let now = now_seconds();
        let mut found = Vec::with_capacity(names.len());
        for name in names {
            let result = client::send_json::<Secret>(&secrets::get(&namespace, &name)).await;
            if !alive.load(Ordering::Relaxed) {
                return;
            }
            let leaf = match result {
                Ok(secret) => leaf_of(
                    secret
                        .data
                        .as_ref()
                        .and_then(|d| d.get("tls.crt"))
                        .map(|v| v.0.as_slice()),
                    now,
                ),
                Err(e) => Err(explain(&e, Attempt::ReadSecret)),
            };
            found.push(CertScanRow { name, leaf });
            sort_rows(&mut found);
            rows.set(found.clone());
            checked.update(|n| *n += 1);
        }
    });

    let table_rows = move || {
        rows.get()
            .into_iter()
            .map(|row| {
                let name = row.name.clone();
                let link = href(&link_ns, Some(&name));
                let open = {
                    let name = name.clone();
                    move |ev: leptos::ev::MouseEvent| {
                        if opens_in_place(&ev) {
                            on_open.run(name.clone())
                        }
                    }
                };
                let cells = match row.leaf {
                    Ok(leaf) => view! {
                        <td>{leaf.subject}</td>
                        <td>{leaf.not_after}</td>
                        <td class="num">{leaf.days_left_text}</td>
                        <td><ExpiryBadge state=leaf.state text=leaf.badge/></td>
                    }
                    .into_any(),
                    Err(e) => view! {
                        <td colspan="4" class="error-text" data-testid="cert-check-error">{e}</td>
                    }
                    .into_any(),
                };
                view! {
                    <tr data-testid="cert-check-row" data-name=name.clone()>
                        <td><a class="row-open" href=link on:click=open
                            aria-label=format!("Open {name}")>{name.clone()}</a></td>
                        {cells}
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <section class="cert-check" data-testid="cert-check" aria-labelledby="cert-check-title">
            <div class="section-head">
                <h3 id="cert-check-title">{format!("TLS certificates in {title_ns}")}</h3>
                <button type="button" class="btn-small" data-testid="cert-check-close"
                    on:click=move |_| on_close.run(())>"Close"</button>
            </div>
            {if total == 0 {
                view! { <p class="empty-state" data-testid="cert-check-empty">"The list shows no kubernetes.io/tls secrets in this namespace."</p> }.into_any()
            } else {
                view! {
                    <p class="hint" data-testid="cert-check-progress" role="status">{move || {
                        let n = checked.get();
                        if n < total {
                            format!("Reading {n} of {total} TLS secrets…")
                        } else {
                            format!("Read {total} TLS secret{}; soonest expiry first.", if total == 1 { "" } else { "s" })
                        }
                    }}</p>
                    <table class="simple-table cert-check-table">
                        <thead><tr>
                            <th scope="col">"Secret"</th><th scope="col">"Leaf subject"</th><th scope="col">"Not after"</th>
                            <th scope="col">"Days left"</th><th scope="col">"Status"</th>
                        </tr></thead>
                        <tbody>{table_rows}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
