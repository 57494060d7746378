//! The size floor: what any app built from Keyhole's fixed choices must ship.
//! Each variant's work depends on `location.hash`, read at run time, and its
//! result is shown, so the optimizer can neither fold nor drop it.
use leptos::prelude::*;

fn main() {
    let hash = window().location().hash().unwrap_or_default();
    let (text, set_text) = signal(String::new());
    set_text.set(describe(hash.trim_start_matches('#')));
    leptos::mount::mount_to_body(move || view! { <p>{move || text.get()}</p> });
}

#[cfg(not(feature = "secret"))]
fn describe(input: &str) -> String {
    input.to_owned()
}

#[cfg(feature = "secret")]
fn describe(input: &str) -> String {
    use k8s_openapi::api::core::v1::Secret;
    let name = serde_json::from_str::<Secret>(input)
        .ok()
        .and_then(|secret| secret.metadata.name)
        .unwrap_or_default();
    #[cfg(feature = "types")]
    let name = format!("{name} {}", types::total(input));
    #[cfg(feature = "kept")]
    let name = format!("{name} {}", kept::total(input));
    name
}

/// How the variants use their types, so none is optimised away.
#[cfg(any(feature = "types", feature = "kept"))]
mod reads {
    use serde::{de::DeserializeOwned, Serialize};

    /// 1 if `input` reads as one `T`.
    pub fn one<T: DeserializeOwned>(input: &str) -> usize {
        serde_json::from_str::<T>(input).is_ok().into()
    }

    /// Length of one `T` read from `input` and written back.
    pub fn round_trip<T: DeserializeOwned + Serialize>(input: &str) -> usize {
        serde_json::from_str::<T>(input)
            .ok()
            .and_then(|value| serde_json::to_string(&value).ok())
            .map_or(0, |json| json.len())
    }
}

/// The k8s-openapi types the app still reads or writes with serde_json since
/// it reads workloads, ClusterRoles, bindings and namespaces into
/// purpose-made structs: the Secret, the Role and RoleBinding it updates
/// (with their rules, subjects and role reference), the access review it
/// sends, and the Status, version and API versions it reads.
#[cfg(feature = "kept")]
mod kept {
    use k8s_openapi::api::authorization::v1::SelfSubjectAccessReview;
    use k8s_openapi::api::core::v1::Secret;
    use k8s_openapi::api::rbac::v1::{Role, RoleBinding};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{APIVersions, Status};
    use k8s_openapi::apimachinery::pkg::version::Info;
    use super::reads::{one, round_trip};

    pub fn total(s: &str) -> usize {
        round_trip::<Secret>(s)
            + round_trip::<Role>(s)
            + round_trip::<RoleBinding>(s)
            + round_trip::<SelfSubjectAccessReview>(s)
            + one::<Status>(s)
            + one::<Info>(s)
            + one::<APIVersions>(s)
    }
}

/// Every type the app reads (as a list where it lists them) or writes.
#[cfg(feature = "types")]
mod types {
    use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
    use k8s_openapi::api::authorization::v1::SelfSubjectAccessReview;
    use k8s_openapi::api::batch::v1::{CronJob, Job};
    use k8s_openapi::api::core::v1::{Namespace, Pod, Secret, ServiceAccount};
    use k8s_openapi::api::networking::v1::Ingress;
    use k8s_openapi::api::rbac::v1::{ClusterRole, ClusterRoleBinding, Role, RoleBinding};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{APIVersions, Status};
    use k8s_openapi::apimachinery::pkg::version::Info;
    use k8s_openapi::{List, ListableResource};
    use serde::de::DeserializeOwned;
    use super::reads::{one, round_trip};

    /// Items in `input` read as a `List<T>`.
    fn list<T: ListableResource + DeserializeOwned>(input: &str) -> usize {
        serde_json::from_str::<List<T>>(input).map_or(0, |list| list.items.len())
    }

    pub fn total(s: &str) -> usize {
        // Read and written.
        list::<Secret>(s) + round_trip::<Secret>(s)
            + list::<Role>(s) + round_trip::<Role>(s)
            + list::<RoleBinding>(s) + round_trip::<RoleBinding>(s)
            + round_trip::<SelfSubjectAccessReview>(s)
            // Read only.
            + list::<Namespace>(s) + one::<Namespace>(s)
            + list::<ServiceAccount>(s) + one::<ServiceAccount>(s)
            + list::<Pod>(s) + one::<Pod>(s)
            + list::<ReplicaSet>(s) + one::<ReplicaSet>(s)
            + list::<Deployment>(s) + one::<Deployment>(s)
            + list::<StatefulSet>(s) + one::<StatefulSet>(s)
            + list::<DaemonSet>(s) + one::<DaemonSet>(s)
            + list::<Job>(s) + one::<Job>(s)
            + list::<CronJob>(s) + one::<CronJob>(s)
            + list::<Ingress>(s) + one::<Ingress>(s)
            + list::<ClusterRole>(s) + one::<ClusterRole>(s)
            + list::<ClusterRoleBinding>(s) + one::<ClusterRoleBinding>(s)
            + one::<Status>(s)
            + one::<Info>(s)
            + one::<APIVersions>(s)
    }
}
