//! Who can access this secret, evaluated from the namespace's Roles and
//! RoleBindings and the cluster's ClusterRoles and ClusterRoleBindings.

use super::rbac_data::RbacData;
use crate::model::rbac::access::{group_meaning, incompleteness_note, who_can_access};
use leptos::prelude::*;

#[component]
pub fn WhoCan(namespace: String, secret: String, data: RbacData) -> impl IntoView {
    let access = who_can_access(&namespace, &secret, &data.objects);
    let note = incompleteness_note(&data.missing);
    let rows = access
        .into_iter()
        .map(|a| {
            let s = &a.subject;
            let who = match (s.kind.as_str(), &s.namespace) {
                ("ServiceAccount", Some(ns)) => format!("ServiceAccount {ns}/{}", s.name),
                (kind, _) => format!("{kind} {}", s.name),
            };
            let meaning = (s.kind == "Group").then(|| group_meaning(&s.name)).flatten();
            let verbs = a.verbs.iter().cloned().collect::<Vec<_>>().join(", ");
            let (who_attr, verbs_attr) = (who.clone(), verbs.clone());
            view! {
                <tr data-testid="access-row" data-subject=who_attr data-verbs=verbs_attr>
                    <td>{who}{meaning.map(|m| view! { <div class="hint">{m}</div> })}</td>
                    <td>{verbs}{a.broad.then(|| view! { <div class="warn-text">"can list: sees every secret here"</div> })}</td>
                    <td><ul class="pairs">{a.via.into_iter().map(|v| view! { <li>{v}</li> }).collect_view()}</ul></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="who-can" data-testid="who-can" tabindex="0" role="region" aria-label="Who can read this secret">
            {note.map(|n| view! { <p class="warn-text" data-testid="who-can-incomplete">{n}</p> })}
            <table class="simple-table">
                <thead><tr><th scope="col">"Who"</th><th scope="col">"May"</th><th scope="col">"Through"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
