//! An opened secret: one GET brings its values; everything is masked until
//! the user reveals it.

pub(super) mod cert_card;
mod delete_dialog;
mod docker_view;
mod fold;
mod helm_view;
mod key_row;
mod loading_sections;
mod managed_by;
mod managed_warning;
mod manifest_view;
mod metadata_view;
mod object_link;
mod references;
mod reveal;
mod ssh_view;
mod tls_view;
mod token_view;
mod type_view;
mod used_by;

use crate::api::explain::{explain, Attempt};
use crate::api::{client, secrets, ApiError};
use crate::model::managed::hand_edit::HandChange;
use crate::model::managed::manager::managers_of;
use crate::model::seal::source::SealInput;
use crate::ui::app_link::{href, opens_in_place};
use crate::ui::leave_guard::may_leave;
use crate::ui::permission;
use crate::ui::secret_access::AccessSection;
use crate::ui::secret_copy::CopyToNamespaces;
use crate::ui::secret_editor::{EditorMode, SecretEditor};
use crate::ui::secret_seal::SealForGit;
use delete_dialog::DeleteDialog;
use fold::Fold;
use k8s_openapi::api::core::v1::Secret;
use key_row::KeyRow;
use leptos::prelude::*;
pub(crate) use loading_sections::report_loading;
use loading_sections::LoadingSections;
use managed_by::ManagedBy;
use managed_warning::ManagedWarning;
use manifest_view::ManifestView;
use metadata_view::MetadataView;
use references::References;
use reveal::Reveal;
use type_view::TypeSection;
use used_by::UsedBy;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    View,
    /// A managed secret: told what its manager will do before going on.
    Confirm(HandChange),
    Edit,
    CopyToNew,
    CopyToNamespaces,
    /// The "Seal for Git" panel.
    Seal,
    Delete,
}

#[derive(Clone)]
enum Loaded {
    Loading,
    Ready(Box<Secret>),
    Failed(ApiError),
}

#[component]
pub fn SecretDetail(
    namespace: String,
    name: String,
    on_close: Callback<()>,
    /// Opens another secret (after "copy to a new secret").
    on_open: Callback<String>,
) -> impl IntoView {
    let (state, set_state) = signal(Loaded::Loading);
    // What this user may do here, asked before the buttons are offered.
    let can_update = permission::ask("update", "", "secrets", &namespace, Some(&name));
    let can_delete = permission::ask("delete", "", "secrets", &namespace, Some(&name));
    let can_create = permission::ask("create", "", "secrets", &namespace, None);
    let reveal = Reveal::new();
    let mode = RwSignal::new(Mode::View);
    let reload = RwSignal::new(0u64);
    // Only entering or leaving the editor changes what the page shows; the
    // delete dialog opens and cancels inside it, so its lists stay loaded.
    let editing = Memo::new(move |_| match mode.get() {
        m @ (Mode::Edit | Mode::CopyToNew) => Some(m),
        Mode::View | Mode::Confirm(_) | Mode::Delete | Mode::CopyToNamespaces | Mode::Seal => None,
    });
    // Set after the user saved a change, so "used by" leads with what needs a restart.
    let just_rotated = RwSignal::new(false);
    {
        let (namespace, name) = (namespace.clone(), name.clone());
        Effect::new(move |_| {
            reload.track();
            let req = secrets::get(&namespace, &name);
            leptos::task::spawn_local(async move {
                let result = client::send_json::<Secret>(&req).await;
                set_state.set(match result {
                    Ok(secret) => Loaded::Ready(Box::new(secret)),
                    Err(e) => Loaded::Failed(e),
                });
            });
        });
    }

    let loading = LoadingSections::provide();
    // The page's header: back to the list (a real link), the name, and
    // once the secret is read, its actions.
    let head = {
        let (name, namespace) = (name.clone(), namespace.clone());
        move |actions: Option<AnyView>| {
            let back = href(&namespace, None);
            view! {
                <header class="detail-head">
                    <a class="btn-link" href=back data-testid="back-to-list"
                        on:click=move |ev| if opens_in_place(&ev) && may_leave() { on_close.run(()) }>"← All secrets"</a>
                    <h2 data-testid="detail-name">{name.clone()}</h2>
                    <span class="muted">{format!("in {namespace}")}</span>
                    {actions}
                </header>
            }
        }
    };
    let body = move || match state.get() {
        Loaded::Loading => view! {
            {head(None)}
            <p class="loading" aria-busy="true">"Opening…"</p>
        }
        .into_any(),
        Loaded::Failed(e) => {
            let message = explain(&e, Attempt::ReadSecret);
            view! {
                {head(None)}
                <p class="error-text" role="alert" data-testid="detail-error">{message}</p>
            }
            .into_any()
        }
        Loaded::Ready(secret) => {
            let secret = *secret;
            let secret_name = secret.metadata.name.clone().unwrap_or_default();
            let data = secret.data.clone().unwrap_or_default();
            let count = data.len();
            let rows = data
                .into_iter()
                .map(|(key, value)| {
                    view! { <KeyRow secret_name=secret_name.clone() key=key value=value.0 reveal=reveal/> }
                })
                .collect_view();
            let keys: Vec<String> = secret
                .data
                .iter()
                .flatten()
                .map(|(k, _)| k.clone())
                .collect();
            let type_ = secret.type_.clone().unwrap_or_else(|| "Opaque".into());
            let usage_keys = keys.clone();
            let access_view = view! {
                <AccessSection namespace=secret.metadata.namespace.clone().unwrap_or_default() secret=secret_name.clone()/>
            };
            let usage_view = {
                let (ns, name) = (
                    secret.metadata.namespace.clone().unwrap_or_default(),
                    secret_name.clone(),
                );
                let rotated = just_rotated.get_untracked();
                move || view! { <UsedBy namespace=ns.clone() secret_name=name.clone() keys=usage_keys.clone() just_rotated=rotated/> }
            };
            let references = view! { <References secret_name=secret_name.clone() keys=keys.clone() secret_type=type_.clone()/> };
            let immutable = secret.immutable == Some(true);
            let ns = secret.metadata.namespace.clone().unwrap_or_default();
            let rv = secret.metadata.resource_version.clone().unwrap_or_default();
            let editor_secret = StoredValue::new(Box::new(secret.clone()));
            let editor_ns = StoredValue::new(ns.clone());
            let done_editing = Callback::new(move |_name: String| {
                mode.set(Mode::View);
                just_rotated.set(true);
                reveal.hide_all();
                reload.update(|n| *n += 1);
            });
            let cancel = Callback::new(move |()| mode.set(Mode::View));
            let refreshed =
                Callback::new(move |newer: Secret| set_state.set(Loaded::Ready(Box::new(newer))));
            // The editor is shown over the page, which stays mounted (hidden)
            // so that leaving the editor neither remounts it nor reads its lists again.
            let editor = move || {
                let namespace = editor_ns.get_value();
                let secret = editor_secret.get_value();
                editing.get().map(|m| match m {
                    Mode::CopyToNew => view! {
                        <SecretEditor mode=EditorMode::CopyOf(secret) namespace=namespace on_done=on_open on_cancel=cancel/>
                    },
                    _ => view! {
                        <SecretEditor mode=EditorMode::Edit(secret) namespace=namespace on_done=done_editing on_cancel=cancel/>
                    },
                })
            };
            let (meta_secret, manifest_secret) = (secret.clone(), secret.clone());
            let managers = managers_of(&secret.metadata, &type_);
            let managed = !managers.is_empty();
            // A managed secret's Edit and Delete first say what the manager will do.
            let start = move |change: HandChange, then: Mode| {
                mode.set(if managed { Mode::Confirm(change) } else { then })
            };
            let warning_managers = StoredValue::new(managers.clone());
            let actions = view! {
                <div class="detail-actions">
                    <button type="button" data-testid="edit" disabled=move || immutable || !can_update.get().allowed()
                        title=move || if immutable { "Immutable secrets cannot be changed: copy it to a new secret, or delete and re-create it.".to_string() } else { can_update.get().reason().unwrap_or_else(|| "Change, add, rename or remove keys".into()) }
                        on:click=move |_| start(HandChange::Edit, Mode::Edit)>"Edit"</button>
                    <button type="button" data-testid="copy-to-new" disabled=move || !can_create.get().allowed()
                        title=move || can_create.get().reason().unwrap_or_default()
                        on:click=move |_| mode.set(Mode::CopyToNew)>"Copy to a new secret"</button>
                    // Permission is asked per target namespace, in the dialog.
                    <button type="button" data-testid="copy-to-namespaces"
                        on:click=move |_| mode.set(Mode::CopyToNamespaces)>"Copy to namespaces…"</button>
                    // Sealing reads nothing more and writes nothing: no permission to ask.
                    <button type="button" data-testid="seal-for-git"
                        title="Encrypt these values into a SealedSecret manifest for Git"
                        on:click=move |_| mode.set(Mode::Seal)>"Seal for Git…"</button>
                    <button type="button" class="btn-danger-quiet" data-testid="delete" disabled=move || !can_delete.get().allowed()
                        title=move || can_delete.get().reason().unwrap_or_default()
                        on:click=move |_| start(HandChange::Delete, Mode::Delete)>"Delete"</button>
                </div>
            };
            view! {
                {editor}
                // The editor replaces the whole page, header included.
                <div class="detail-view" class:hidden=move || editing.get().is_some()>
                {head(Some(actions.into_any()))}
                <div class="detail-sub">
                    <span class="badge">{type_}</span>
                    {immutable.then(|| view! { <span class="badge badge-warn">"immutable"</span> })}
                    <span>{format!("{count} key{}", if count == 1 { "" } else { "s" })}</span>
                </div>
                {move || {
                    let mut denied: Vec<String> = [can_update.get(), can_create.get(), can_delete.get()]
                        .iter().filter_map(|p| p.reason()).collect();
                    // A read-only proxy refuses all three checks with one reason.
                    denied.dedup();
                    (!denied.is_empty()).then(|| view! {
                        <p class="hint" data-testid="denied-actions">{format!("Some actions are unavailable to you. {}", denied.join(" "))}</p>
                    })
                }}
                {immutable.then(|| view! {
                    <p class="hint" data-testid="immutable-note">"This secret is immutable: Kubernetes refuses any change to its data. To change it, copy it to a new secret (and point workloads at that), or delete and re-create it."</p>
                })}
                <ManagedBy managers=managers/>
                {move || match mode.get() {
                    Mode::Confirm(change) => Some(view! {
                        <ManagedWarning managers=warning_managers.get_value() change=change on_cancel=cancel
                            on_go=Callback::new(move |()| mode.set(match change {
                                HandChange::Edit => Mode::Edit,
                                HandChange::Delete => Mode::Delete,
                            }))/>
                    }),
                    _ => None,
                }}
                {move || (mode.get() == Mode::CopyToNamespaces).then(|| view! {
                    <CopyToNamespaces secret=*editor_secret.get_value() on_close=cancel/>
                })}
                {move || (mode.get() == Mode::Seal).then(|| view! {
                    <SealForGit inputs=vec![SealInput::from_secret(&editor_secret.get_value(), &editor_ns.get_value())] on_close=cancel/>
                })}
                {move || (mode.get() == Mode::Delete).then(|| view! {
                    <DeleteDialog namespace=ns.clone() name=secret_name.clone() resource_version=rv.clone()
                        on_deleted=on_close on_cancel=cancel/>
                })}
                <section class="keys" aria-labelledby="keys-title">
                    <div class="section-head">
                        <h3 id="keys-title">"Keys"</h3>
                        <button type="button" class="btn-small" data-testid="reveal-all"
                            on:click=move |_| {
                                if reveal.any_shown() { reveal.hide_all() } else { keys.iter().for_each(|k| reveal.show(k)) }
                            }>
                            {move || if reveal.any_shown() { "Hide all" } else { "Reveal all" }}
                        </button>
                    </div>
                    {if count == 0 { Some(view! { <p class="empty-state">"This secret has no keys."</p> }) } else { None }}
                    {rows}
                </section>
                <TypeSection secret=secret.clone() on_refreshed=refreshed reveal=reveal/>
                {move || loading.any_waiting().then(|| view! {
                    <p class="loading" aria-busy="true" data-testid="page-loading">"Reading the workloads and access rules of this namespace…"</p>
                })}
                <div class:hidden=move || loading.any_waiting()>
                    <Fold title="Used by" title_id="used-by-title" testid="fold-used-by">{usage_view}</Fold>
                    <Fold title="Who can access it" title_id="access-title" testid="fold-access">{access_view}</Fold>
                </div>
                <Fold title="Metadata" title_id="meta-title" testid="fold-metadata">
                    <section aria-labelledby="meta-title"><MetadataView secret=meta_secret/></section>
                </Fold>
                <Fold title="Use it in a pod" title_id="references-title" testid="fold-references">{references}</Fold>
                <Fold title="Manifest" title_id="manifest-title" testid="fold-manifest"><ManifestView secret=manifest_secret reveal=reveal/></Fold>
                </div>
            }
            .into_any()
        }
    };

    view! {
        <article class="secret-detail" data-testid="secret-detail">{body}</article>
    }
}
