//! The requests of a copy, one target at a time: ask, dry-run, write,
//! replace. Each returns the target's new state; none touches another
//! target, so one failure stays that target's.

use crate::api::copy_target::{refused_copy, refused_replace};
use crate::api::request::WriteParams;
use crate::api::{client, discovery, secrets};
use crate::model::copy::outcome::{differences, TargetState};
use crate::model::copy::plan::CopyPlan;
use crate::ui::permission::{Owned, Permission};
use k8s_openapi::api::core::v1::Secret;

/// May the user create it there, and does the server accept it (dry run)?
pub async fn check(plan: &CopyPlan, namespace: &str) -> TargetState {
    let may_create = Owned {
        verb: "create".into(),
        group: String::new(),
        resource: "secrets".into(),
        namespace: namespace.into(),
        name: None,
    };
    // Unknown (the review itself failed) is no answer: the dry run says more.
    if let Permission::Denied(why) = may_create.ask().await {
        // "May not" holds for a namespace that is not there too: say which.
        let lookup = client::send_text(&discovery::get_namespace(namespace)).await;
        return match lookup {
            Err(e) if e.code() == Some(404) => TargetState::UnknownNamespace,
            _ => TargetState::Forbidden(why),
        };
    }
    write(plan, namespace, WriteParams::DRY_RUN).await
}

/// Creates the copy in `namespace` (or dry-runs it).
pub async fn write(plan: &CopyPlan, namespace: &str, params: WriteParams) -> TargetState {
    let copy = plan.into_namespace(namespace);
    let sent = match secrets::create(namespace, &copy, params) {
        Ok(req) => client::send_text(&req).await,
        Err(e) => Err(e),
    };
    match sent {
        Ok(_) if params.dry_run => TargetState::Ready,
        Ok(_) => TargetState::Created,
        Err(e) => match refused_copy(&e, namespace) {
            TargetState::Exists { .. } => compare(&copy, namespace).await,
            other => other,
        },
    }
}

/// The secret already there: which keys differ, and its resourceVersion.
async fn compare(copy: &Secret, namespace: &str) -> TargetState {
    let name = copy.metadata.name.clone().unwrap_or_default();
    match client::send_json::<Secret>(&secrets::get(namespace, &name)).await {
        Ok(existing) => TargetState::Exists {
            differences: Some(differences(&existing, copy)),
            resource_version: existing.metadata.resource_version,
        },
        Err(_) => TargetState::Exists {
            differences: None,
            resource_version: None,
        },
    }
}

/// Replaces the secret in `namespace` with the copy, only if it is still
/// the version that was compared (`resource_version`).
pub async fn replace(plan: &CopyPlan, namespace: &str, resource_version: &str) -> TargetState {
    let mut copy = plan.into_namespace(namespace);
    copy.metadata.resource_version = Some(resource_version.to_string());
    let name = copy.metadata.name.clone().unwrap_or_default();
    let sent = match secrets::replace(namespace, &name, &copy, WriteParams::SAVE) {
        Ok(req) => client::send_text(&req).await,
        Err(e) => Err(e),
    };
    match sent {
        Ok(_) => TargetState::Replaced,
        Err(e) => refused_replace(&e, namespace),
    }
}
