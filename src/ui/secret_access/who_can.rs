//! Who can access this secret, evaluated from the namespace's Roles and
//! RoleBindings and the cluster's ClusterRoles and ClusterRoleBindings; and
//! the roles that would grant it, bound to nobody yet.

use super::rbac_data::RbacData;
use crate::model::rbac::access::{group_meaning, incompleteness_note, who_can_access, Access};
use crate::model::rbac::unbound::{unbound_roles, UnboundRole};
use leptos::prelude::*;

#[component]
pub fn WhoCan(namespace: String, secret: String, data: RbacData) -> impl IntoView {
    let access = who_can_access(&namespace, &secret, &data.objects);
    let unbound = unbound_roles(&namespace, &secret, &data.objects, &data.missing);
    let note = incompleteness_note(&data.missing);
    let (here, cluster_wide): (Vec<Access>, Vec<Access>) =
        access.into_iter().partition(|a| a.in_namespace);
    let groups = [
        (format!("Granted in {namespace}"), here),
        ("Granted cluster-wide".to_string(), cluster_wide),
    ]
    .into_iter()
    .filter(|(_, rows)| !rows.is_empty())
    .map(|(title, rows)| {
        view! {
            <tbody>
                <tr class="row-group"><th scope="rowgroup" colspan="3">{title}</th></tr>
                {rows.into_iter().map(access_row).collect_view()}
            </tbody>
        }
    })
    .collect_view();

    let folded_summary = unbound.folded_summary(&namespace);
    let unbound_view = (!unbound.is_empty()).then(|| {
        let ns = namespace.clone();
        let shown = unbound
            .shown
            .iter()
            .map(|r| unbound_item(r, &ns, "unbound-role"))
            .collect_view();
        let folded = folded_summary.map(|summary| {
            let items = unbound
                .folded
                .iter()
                .map(|r| unbound_item(r, &ns, "unbound-role-folded"))
                .collect_view();
            view! {
                <details data-testid="unbound-folded">
                    <summary>{summary}</summary>
                    <ul class="unbound-list">{items}</ul>
                </details>
            }
        });
        view! {
            <div class="unbound-roles" data-testid="unbound-roles" role="region" aria-labelledby="unbound-title">
                <h4 id="unbound-title">"Roles bound to nobody"</h4>
                <p class="hint">"These grant access to this secret, but no binding gives them to anyone yet: one RoleBinding would."</p>
                <ul class="unbound-list">{shown}</ul>
                {folded}
            </div>
        }
    });

    view! {
        <div class="who-can" data-testid="who-can" tabindex="0" role="region" aria-label="Who can read this secret">
            {note.map(|n| view! { <p class="warn-text" data-testid="who-can-incomplete">{n}</p> })}
            <table class="simple-table">
                <thead><tr><th scope="col">"Who"</th><th scope="col">"May"</th><th scope="col">"Through"</th></tr></thead>
                {groups}
            </table>
        </div>
        {unbound_view}
    }
}

fn access_row(a: Access) -> impl IntoView {
    let s = &a.subject;
    let who = match (s.kind.as_str(), &s.namespace) {
        ("ServiceAccount", Some(ns)) => format!("ServiceAccount {ns}/{}", s.name),
        (kind, _) => format!("{kind} {}", s.name),
    };
    let meaning = (s.kind == "Group")
        .then(|| group_meaning(&s.name))
        .flatten();
    let verbs = a.verbs.iter().cloned().collect::<Vec<_>>().join(", ");
    let (who_attr, verbs_attr) = (who.clone(), verbs.clone());
    view! {
        <tr data-testid="access-row" data-subject=who_attr data-verbs=verbs_attr>
            <td>{who}{meaning.map(|m| view! { <div class="hint">{m}</div> })}</td>
            <td>{verbs}{a.broad.then(|| view! { <div class="warn-text">"can list: sees every secret here"</div> })}</td>
            <td><ul class="pairs">{a.via.into_iter().map(|v| view! { <li>{v}</li> }).collect_view()}</ul></td>
        </tr>
    }
}

fn unbound_item(role: &UnboundRole, namespace: &str, testid: &'static str) -> impl IntoView {
    view! {
        <li data-testid=testid data-role=role.title()>
            {role.sentence(namespace)}
            {role.broad.then(|| view! { <span class="warn-text">" (lists: once bound, sees every secret here)"</span> })}
        </li>
    }
}
