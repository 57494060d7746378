//! Links to the objects Keyhole names but has no page for (a secret's
//! owners, the workloads that use it): their own URL in the API, which the
//! browser shows as the object's JSON, with the user's credentials, through
//! the same proxy.

use super::api_base;
use crate::model::page::url_encoding::encode_component;

/// The object's API path, from what an owner reference (or a workload)
/// says: `apiVersion`, `kind`, and the namespace it lives in. The plural is
/// guessed the way `kubectl` does for kinds it has not discovered
/// (apimachinery's `UnsafeGuessKindToResource`), which holds for the
/// built-in kinds and the controllers' custom resources alike.
pub fn object_path(api_version: &str, kind: &str, namespace: &str, name: &str) -> Option<String> {
    if kind.is_empty() || name.is_empty() || api_version.is_empty() {
        return None;
    }
    let prefix = if api_version.contains('/') {
        format!("/apis/{api_version}")
    } else {
        format!("/api/{api_version}")
    };
    Some(format!(
        "{prefix}/namespaces/{}/{}/{}",
        encode_component(namespace),
        guess_plural(kind),
        encode_component(name)
    ))
}

/// The URL to open for [`object_path`], under the page's own prefix.
pub fn object_url(api_version: &str, kind: &str, namespace: &str, name: &str) -> Option<String> {
    object_path(api_version, kind, namespace, name).map(|p| api_base::absolute(&p))
}

/// `Deployment` → `deployments`, `Ingress` → `ingresses`, `Policy` → `policies`.
fn guess_plural(kind: &str) -> String {
    let lower = kind.to_ascii_lowercase();
    if lower.ends_with('s')
        || lower.ends_with('x')
        || lower.ends_with("ch")
        || lower.ends_with("sh")
    {
        return format!("{lower}es");
    }
    if let Some(stem) = lower.strip_suffix('y') {
        if !stem.ends_with(['a', 'e', 'i', 'o', 'u']) {
            return format!("{stem}ies");
        }
    }
    format!("{lower}s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_kinds_have_their_api_paths() {
        assert_eq!(
            object_path("apps/v1", "Deployment", "team-a", "web").as_deref(),
            Some("/apis/apps/v1/namespaces/team-a/deployments/web")
        );
        assert_eq!(
            object_path("v1", "Pod", "team-a", "web-1").as_deref(),
            Some("/api/v1/namespaces/team-a/pods/web-1")
        );
        assert_eq!(
            object_path("networking.k8s.io/v1", "Ingress", "a", "b").as_deref(),
            Some("/apis/networking.k8s.io/v1/namespaces/a/ingresses/b")
        );
        assert_eq!(
            object_path("batch/v1", "CronJob", "a", "nightly").as_deref(),
            Some("/apis/batch/v1/namespaces/a/cronjobs/nightly")
        );
    }

    #[test]
    fn custom_resources_get_kubectls_guess() {
        assert_eq!(
            object_path("bitnami.com/v1alpha1", "SealedSecret", "a", "db").as_deref(),
            Some("/apis/bitnami.com/v1alpha1/namespaces/a/sealedsecrets/db")
        );
        assert_eq!(guess_plural("NetworkPolicy"), "networkpolicies");
        assert_eq!(guess_plural("Gateway"), "gateways");
        assert_eq!(guess_plural("Mesh"), "meshes");
    }

    #[test]
    fn names_are_encoded_and_incomplete_references_have_no_link() {
        assert_eq!(
            object_path("v1", "Pod", "a", "x/y").as_deref(),
            Some("/api/v1/namespaces/a/pods/x%2Fy")
        );
        assert_eq!(object_path("", "Pod", "a", "x"), None);
        assert_eq!(object_path("v1", "Pod", "a", ""), None);
    }
}
