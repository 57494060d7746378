//! Grant least-privilege access to one secret: a Role limited to it by
//! `resourceNames`, and its RoleBinding. Both manifests are previewed (and
//! dry-run on the server) before anything is written; an existing Role of the
//! same name is offered for update, never overwritten blindly.

use super::use_grant::use_grant;
use crate::model::rbac::grant::{
    verb_warning, GrantField, GrantRequest, GrantSubject, SubjectKind, PODS_CAN_READ_SECRETS,
};
use leptos::prelude::*;
use std::collections::BTreeSet;

const VERBS: [&str; 6] = ["get", "update", "patch", "delete", "list", "watch"];

#[derive(Clone, Copy)]
struct SubjectRow {
    id: u64,
    kind: RwSignal<SubjectKind>,
    name: RwSignal<String>,
}

#[component]
pub fn GrantForm(
    namespace: String,
    secret: String,
    /// A Role already limited to this secret, reused by default (the guide's `secret-reader`).
    existing_role: Option<String>,
    service_accounts: Vec<String>,
    on_done: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let defaults = GrantRequest::for_secret(&namespace, &secret);
    let role_name = RwSignal::new(existing_role.unwrap_or(defaults.role_name.clone()));
    let binding_name = RwSignal::new(format!("{}-binding", role_name.get_untracked()));
    let verbs = RwSignal::new(BTreeSet::from(["get".to_string()]));
    let confirm_broad = RwSignal::new(false);
    let next_id = StoredValue::new(1u64);
    let subjects = RwSignal::new(vec![SubjectRow {
        id: 0,
        kind: RwSignal::new(SubjectKind::ServiceAccount),
        name: RwSignal::new(String::new()),
    }]);
    let grant = use_grant(on_done);
    let (errors, plan, server_error, busy, allow_update) = (
        grant.errors,
        grant.plan,
        grant.server_error,
        grant.busy,
        grant.allow_update,
    );
    let (ns, sec) = (StoredValue::new(namespace), StoredValue::new(secret));

    let request = move || GrantRequest {
        namespace: ns.get_value(),
        secret: sec.get_value(),
        role_name: role_name.get_untracked().trim().to_string(),
        binding_name: binding_name.get_untracked().trim().to_string(),
        verbs: verbs.get_untracked().into_iter().collect(),
        subjects: subjects
            .get_untracked()
            .iter()
            .map(|s| GrantSubject {
                kind: s.kind.get_untracked(),
                name: s.name.get_untracked(),
                namespace: None,
            })
            .collect(),
        confirmed_broad_verbs: confirm_broad.get_untracked(),
    };
    let error_for = move |field: GrantField| {
        errors.with(|e| {
            e.iter()
                .filter(|x| x.field == field)
                .map(|x| x.message.clone())
                .collect::<Vec<_>>()
                .join(" ")
        })
    };

    let preview = move || grant.preview.run(request());
    let apply = move || grant.apply.run(request());

    let broad_chosen = move || verbs.with(|v| v.contains("list") || v.contains("watch"));
    let sa_options = service_accounts
        .into_iter()
        .map(|n| view! { <option value=n.clone()></option> })
        .collect_view();

    view! {
        <section class="grant-form" data-testid="grant-form" aria-labelledby="grant-title">
            <h3 id="grant-title">{move || format!("Grant access to {}", sec.get_value())}</h3>
            <ul class="traps">
                <li>"The Role names only this secret (resourceNames), so get, update, patch and delete reach nothing else."</li>
                <li>"resourceNames cannot limit create at all, and limits list and watch only for clients that ask for this one name (fieldSelector metadata.name); a plain list or watch is refused."</li>
                <li>"list or watch on secrets reveals every value in the namespace to whoever can do them broadly."</li>
                <li>{PODS_CAN_READ_SECRETS}</li>
            </ul>
            <div class="field">
                <label for="grant-role">"Role name"</label>
                <input id="grant-role" type="text" data-testid="grant-role" prop:value=move || role_name.get()
                    on:input=move |ev| role_name.set(event_target_value(&ev)) />
                <p class="field-error">{move || error_for(GrantField::RoleName)}</p>
            </div>
            <div class="field">
                <label for="grant-binding">"RoleBinding name"</label>
                <input id="grant-binding" type="text" data-testid="grant-binding" prop:value=move || binding_name.get()
                    on:input=move |ev| binding_name.set(event_target_value(&ev)) />
                <p class="field-error">{move || error_for(GrantField::BindingName)}</p>
            </div>
            <fieldset>
                <legend>"Allowed to"</legend>
                {VERBS.iter().map(|verb| {
                    let verb = verb.to_string();
                    let v2 = verb.clone();
                    let label = verb.clone();
                    let warning = verb_warning(&verb);
                    view! {
                        <label class="checkbox">
                            <input type="checkbox" data-testid=format!("verb-{verb}")
                                prop:checked=move || verbs.with(|v| v.contains(&v2))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let verb = verb.clone();
                                    verbs.update(|v| { if on { v.insert(verb); } else { v.remove(&verb); } });
                                } />
                            {label}
                            {warning.map(|w| view! { <span class="hint">{format!(" — {w}")}</span> })}
                        </label>
                    }
                }).collect_view()}
                {move || broad_chosen().then(|| view! {
                    <label class="checkbox warn-text">
                        <input type="checkbox" data-testid="confirm-broad" prop:checked=move || confirm_broad.get()
                            on:change=move |ev| confirm_broad.set(event_target_checked(&ev)) />
                        "I understand that list and watch can reveal secret values"
                    </label>
                })}
                <p class="field-error">{move || format!("{} {}", error_for(GrantField::Verbs), error_for(GrantField::ConfirmBroadVerbs)).trim().to_string()}</p>
            </fieldset>
            <fieldset>
                <legend>"Who"</legend>
                <datalist id="grant-service-accounts">{sa_options}</datalist>
                <For each=move || subjects.get() key=|s| s.id let:row>
                    {
                        let index = move || subjects.with(|v| v.iter().position(|s| s.id == row.id).unwrap_or(0));
                        view! {
                            <div class="pair-row" data-testid="grant-subject">
                                <select aria-label="Subject kind" data-testid="grant-subject-kind"
                                    on:change=move |ev| row.kind.set(match event_target_value(&ev).as_str() {
                                        "User" => SubjectKind::User, "Group" => SubjectKind::Group, _ => SubjectKind::ServiceAccount })>
                                    {SubjectKind::ALL.iter().map(|k| view! {
                                        <option value=k.as_str() selected=*k == row.kind.get_untracked()>{k.as_str()}</option>
                                    }).collect_view()}
                                </select>
                                <input type="text" aria-label="Subject name" data-testid="grant-subject-name"
                                    placeholder="name" list=move || (row.kind.get() == SubjectKind::ServiceAccount).then_some("grant-service-accounts")
                                    prop:value=move || row.name.get() on:input=move |ev| row.name.set(event_target_value(&ev)) />
                                <button type="button" class="btn-small btn-danger-quiet" aria-label="Remove this subject"
                                    on:click=move |_| subjects.update(|v| v.retain(|s| s.id != row.id))>"Remove"</button>
                                <p class="field-error">{move || error_for(GrantField::SubjectName(index()))}</p>
                            </div>
                        }
                    }
                </For>
                <button type="button" class="btn-small" data-testid="grant-add-subject" on:click=move |_| {
                    let id = next_id.get_value();
                    next_id.set_value(id + 1);
                    subjects.update(|v| v.push(SubjectRow { id, kind: RwSignal::new(SubjectKind::User), name: RwSignal::new(String::new()) }));
                }>"Add someone"</button>
                <p class="field-error">{move || error_for(GrantField::Subjects)}</p>
            </fieldset>
            {move || server_error.get().map(|m| view! { <p class="error-text" role="alert" data-testid="grant-error">{m}</p> })}
            {move || plan.get().map(|p| {
                let (role_title, role_text) = p.role.describe("Role");
                let (binding_title, binding_text) = p.binding.describe("RoleBinding");
                let conflict = p.role_conflict.clone();
                view! {
                    <section class="preview" data-testid="grant-preview">
                        <h4>"The server accepted this (dry run). It will:"</h4>
                        {conflict.map(|c| view! {
                            <label class="checkbox warn-text" data-testid="grant-conflict">
                                <input type="checkbox" data-testid="grant-allow-update" prop:checked=move || allow_update.get()
                                    on:change=move |ev| allow_update.set(event_target_checked(&ev)) />
                                {format!("A Role with this name exists and grants: {c}. Update it to grant only this secret?")}
                            </label>
                        })}
                        <h5>{role_title}</h5>
                        {(!role_text.is_empty()).then(|| view! { <pre class="manifest-text" data-testid="grant-role-manifest" tabindex="0" role="region" aria-label="Role manifest">{role_text}</pre> })}
                        <h5>{binding_title}</h5>
                        {(!binding_text.is_empty()).then(|| view! { <pre class="manifest-text" data-testid="grant-binding-manifest" tabindex="0" role="region" aria-label="RoleBinding manifest">{binding_text}</pre> })}
                    </section>
                }
            })}
            <div class="actions">
                <button type="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                <button type="button" data-testid="grant-preview-button" disabled=move || busy.get() on:click=move |_| preview()>"Preview"</button>
                <button type="button" class="btn-primary" data-testid="grant-apply"
                    disabled=move || busy.get() || plan.with(Option::is_none) || !allow_update.get()
                    on:click=move |_| apply()>"Grant"</button>
            </div>
        </section>
    }
}
