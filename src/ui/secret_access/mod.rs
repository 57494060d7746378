//! Access to one secret: who can read or change it today, and a guided grant
//! of exactly the right access to exactly this secret.

mod grant_form;
mod rbac_data;
mod use_grant;
mod who_can;

use crate::api::list_reads::{answers, items, read_all};
use crate::api::workloads;
use crate::model::rbac::grant::role_limited_to;
use crate::model::usage::objects::ServiceAccount;
use crate::ui::abort_on_cleanup::abort_on_cleanup;
use crate::ui::permission;
use crate::ui::secret_detail::report_loading;
use grant_form::GrantForm;
use leptos::prelude::*;
use rbac_data::{from_answers, RbacData};
use who_can::WhoCan;

#[component]
pub fn AccessSection(namespace: String, secret: String) -> impl IntoView {
    let data = RwSignal::new(None::<RbacData>);
    let service_accounts = RwSignal::new(Vec::<String>::new());
    let granting = RwSignal::new(false);
    let reload = RwSignal::new(0u32);
    let can_role = permission::ask(
        "create",
        "rbac.authorization.k8s.io",
        "roles",
        &namespace,
        None,
    );
    let can_binding = permission::ask(
        "create",
        "rbac.authorization.k8s.io",
        "rolebindings",
        &namespace,
        None,
    );
    let (ns, sec) = (StoredValue::new(namespace), StoredValue::new(secret));
    let signal = StoredValue::new_local(abort_on_cleanup());

    let loaded = report_loading();
    Effect::new(move |_| {
        reload.track();
        let namespace = ns.get_value();
        let signal = signal.get_value();
        leptos::task::spawn_local(async move {
            // The RBAC lists and the service accounts (for the grant form) at once.
            let [a, b, c, d] = rbac_data::requests(&namespace);
            let accounts =
                workloads::list(workloads::WorkloadResource::ServiceAccounts, &namespace);
            let [a, b, c, d, accounts] =
                answers(read_all(&[a, b, c, d, accounts], signal.as_ref()).await);
            let rbac = from_answers([a, b, c, d]);
            let accounts = items::<ServiceAccount>(accounts);
            data.try_set(Some(rbac));
            loaded();
            if let Ok(items) = accounts {
                service_accounts
                    .try_set(items.into_iter().filter_map(|s| s.metadata.name).collect());
            }
        });
    });

    let denied = move || {
        can_role
            .get()
            .reason()
            .or_else(|| can_binding.get().reason())
    };
    let body = move || {
        let Some(d) = data.get() else {
            // The page shows one loading line for all its lists.
            return ().into_any();
        };
        let existing = role_limited_to(&sec.get_value(), &d.objects.roles)
            .and_then(|r| r.metadata.name.clone());
        view! {
            <WhoCan namespace=ns.get_value() secret=sec.get_value() data=d/>
            {move || granting.get().then(|| view! {
                <GrantForm namespace=ns.get_value() secret=sec.get_value() existing_role=existing.clone()
                    service_accounts=service_accounts.get()
                    on_done=Callback::new(move |()| { granting.set(false); reload.update(|n| *n += 1); })
                    on_cancel=Callback::new(move |()| granting.set(false))/>
            })}
        }
        .into_any()
    };
    view! {
        <section class="access" aria-labelledby="access-title" data-testid="access">
            <div class="section-head">
                <button type="button" data-testid="grant-open"
                    disabled=move || granting.get() || !(can_role.get().allowed() && can_binding.get().allowed())
                    title=move || denied().unwrap_or_else(|| "Create a Role limited to this secret and bind it".into())
                    on:click=move |_| granting.set(true)>"Grant access"</button>
            </div>
            {move || denied().map(|why| view! { <p class="hint" data-testid="grant-denied">{why}</p> })}
            {body}
        </section>
    }
}
