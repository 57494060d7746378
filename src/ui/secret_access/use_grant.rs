//! The grant form's requests: read what exists, plan (model), dry-run the
//! plan, and apply it. The form only renders what this returns.

use crate::api::explain::{explain, Attempt};
use crate::api::rbac::{self, RbacKind};
use crate::api::request::WriteParams;
use crate::api::{client, ApiError};
use crate::model::problem::Problem;
use crate::model::rbac::grant::{validate, GrantField, GrantRequest};
use crate::model::rbac::grant_plan::{plan_grant, GrantPlan, Write};
use crate::ui::toast::Toasts;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

#[derive(Clone, Copy)]
pub struct UseGrant {
    /// The checked plan the preview shows; None until previewed.
    pub plan: ReadSignal<Option<GrantPlan>>,
    pub errors: ReadSignal<Vec<Problem<GrantField>>>,
    pub server_error: ReadSignal<Option<String>>,
    pub busy: ReadSignal<bool>,
    /// The user's consent to replace an existing Role's other rules.
    pub allow_update: RwSignal<bool>,
    /// Validate, plan and dry-run the request.
    pub preview: Callback<GrantRequest>,
    /// Write the previewed plan.
    pub apply: Callback<GrantRequest>,
}

pub fn use_grant(on_done: Callback<()>) -> UseGrant {
    let toasts = expect_context::<Toasts>();
    let (plan, set_plan) = signal(None::<GrantPlan>);
    let (errors, set_errors) = signal(Vec::<Problem<GrantField>>::new());
    let (server_error, set_server_error) = signal(None::<String>);
    let (busy, set_busy) = signal(false);
    let allow_update = RwSignal::new(false);

    let preview = Callback::new(move |req: GrantRequest| {
        set_server_error.set(None);
        set_plan.set(None);
        let errs = validate(&req);
        let blocked = !errs.is_empty();
        set_errors.set(errs);
        if blocked {
            return;
        }
        set_busy.set(true);
        leptos::task::spawn_local(async move {
            let result = checked_plan(&req).await;
            set_busy.set(false);
            match result {
                Ok(p) => {
                    allow_update.set(!p.needs_consent());
                    set_plan.set(Some(p));
                }
                Err(e) => set_server_error.set(Some(e)),
            }
        });
    });

    let apply = Callback::new(move |req: GrantRequest| {
        let Some(p) = plan.get_untracked() else {
            return;
        };
        set_busy.set(true);
        leptos::task::spawn_local(async move {
            let result = write_plan(&req, &p, WriteParams::SAVE).await;
            set_busy.set(false);
            match result {
                Ok(()) => {
                    toasts.info(format!(
                        "Granted {} on {}",
                        req.verbs.join(", "),
                        req.secret
                    ));
                    on_done.run(());
                }
                Err(e) => {
                    set_plan.set(None);
                    set_server_error.set(Some(explain(&e, Attempt::WriteGrant)));
                }
            }
        });
    });

    UseGrant {
        plan,
        errors,
        server_error,
        busy,
        allow_update,
        preview,
        apply,
    }
}

/// Reads the objects of the request's names, plans, and has the server
/// dry-run the plan; the message to show if any step fails.
async fn checked_plan(req: &GrantRequest) -> Result<GrantPlan, String> {
    let fail = |e: ApiError| explain(&e, Attempt::WriteGrant);
    let role = existing(RbacKind::Role, &req.namespace, &req.role_name)
        .await
        .map_err(fail)?;
    let binding = existing(RbacKind::RoleBinding, &req.namespace, &req.binding_name)
        .await
        .map_err(fail)?;
    let plan = plan_grant(req, role.as_ref(), binding.as_ref())?;
    write_plan(req, &plan, WriteParams::DRY_RUN)
        .await
        .map_err(fail)?;
    Ok(plan)
}

async fn existing<T: DeserializeOwned>(
    kind: RbacKind,
    ns: &str,
    name: &str,
) -> Result<Option<T>, ApiError> {
    match client::send_json::<T>(&rbac::get(kind, ns, name)).await {
        Ok(obj) => Ok(Some(obj)),
        Err(e) if e.code() == Some(404) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The Role first: a binding to a Role that does not exist grants nothing,
/// so a failure in between leaves nothing half-granted.
async fn write_plan(
    req: &GrantRequest,
    plan: &GrantPlan,
    params: WriteParams,
) -> Result<(), ApiError> {
    send(
        RbacKind::Role,
        &req.namespace,
        &req.role_name,
        &plan.role,
        params,
    )
    .await?;
    send(
        RbacKind::RoleBinding,
        &req.namespace,
        &req.binding_name,
        &plan.binding,
        params,
    )
    .await
}

async fn send<T: Serialize>(
    kind: RbacKind,
    ns: &str,
    name: &str,
    write: &Write<T>,
    params: WriteParams,
) -> Result<(), ApiError> {
    let req = match write {
        Write::Create(obj) => rbac::create(kind, ns, obj, params)?,
        Write::Update(obj) => rbac::replace(kind, ns, name, obj, params)?,
        Write::Keep => return Ok(()),
    };
    client::send_text(&req).await.map(|_| ())
}
