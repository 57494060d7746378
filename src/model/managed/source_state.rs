//! The state of the object that manages a secret, as far as the user may
//! read it: an ExternalSecret's store, refresh interval and Ready condition;
//! a Certificate's Ready condition and renewal time; a SealedSecret's scope.
//! Read from the object's JSON (custom resources have no `k8s-openapi` type),
//! taking only these fields.

use crate::model::seal::scope::SealScope;
use crate::model::seal::sealed_summary::scope_of;
use serde_json::Value;

/// Label and value pairs, in the order shown.
pub fn source_state(kind: &str, object: &Value) -> Vec<(&'static str, String)> {
    let text = |pointer: &str| {
        object
            .pointer(pointer)
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let mut out = Vec::new();
    match kind {
        "ExternalSecret" => {
            if let Some(store) = text("/spec/secretStoreRef/name") {
                let kind =
                    text("/spec/secretStoreRef/kind").unwrap_or_else(|| "SecretStore".into());
                out.push(("Store", format!("{kind} {store}")));
            }
            // The CRD's default is 1h; "0" turns refreshing off.
            let interval = text("/spec/refreshInterval").unwrap_or_else(|| "1h (default)".into());
            out.push((
                "Refresh interval",
                if interval == "0" || interval == "0s" {
                    "never (0)".into()
                } else {
                    interval
                },
            ));
            if let Some(ready) = ready(object) {
                out.push(("Ready", ready));
            }
            if let Some(at) = text("/status/refreshTime") {
                out.push(("Last refresh", at));
            }
        }
        "Certificate" => {
            if let Some(ready) = ready(object) {
                out.push(("Ready", ready));
            }
            if let Some(at) = text("/status/notAfter") {
                out.push(("Expires", at));
            }
            if let Some(at) = text("/status/renewalTime") {
                out.push(("Renews at", at));
            }
        }
        "SealedSecret" => {
            // The controller decrypts with the template's scope annotations.
            let scope = match scope_of(object) {
                SealScope::ClusterWide => {
                    "cluster-wide: may be unsealed under any name, in any namespace"
                }
                SealScope::NamespaceWide => "namespace-wide: may be renamed within its namespace",
                SealScope::Strict => "strict: only this name in this namespace",
            };
            out.push(("Scope", scope.into()));
            if let Some(synced) = condition(object, "Synced") {
                out.push(("Synced", synced));
            }
        }
        _ => {}
    }
    out
}

fn ready(object: &Value) -> Option<String> {
    condition(object, "Ready")
}

/// "True", or "False: reason — message".
fn condition(object: &Value, kind: &str) -> Option<String> {
    let c = object
        .pointer("/status/conditions")?
        .as_array()?
        .iter()
        .find(|c| c.get("type").and_then(Value::as_str) == Some(kind))?;
    let field = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or_default();
    let status = field("status");
    Some(match (field("reason"), field("message")) {
        (_, _) if status == "True" => "True".into(),
        ("", "") => status.to_string(),
        (reason, "") => format!("{status}: {reason}"),
        // The Sealed Secrets controller gives a message and no reason.
        ("", message) => format!("{status}: {message}"),
        (reason, message) => format!("{status}: {reason} — {message}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_external_secrets_store_interval_and_readiness() {
        let es = json!({
            "spec": {"secretStoreRef": {"kind": "ClusterSecretStore", "name": "vault"}, "refreshInterval": "15m"},
            "status": {"refreshTime": "2026-12-02T10:00:00Z", "conditions": [
                {"type": "Ready", "status": "False", "reason": "SecretSyncedError", "message": "could not get secret"}]}
        });
        assert_eq!(
            source_state("ExternalSecret", &es),
            vec![
                ("Store", "ClusterSecretStore vault".to_string()),
                ("Refresh interval", "15m".to_string()),
                (
                    "Ready",
                    "False: SecretSyncedError — could not get secret".to_string()
                ),
                ("Last refresh", "2026-12-02T10:00:00Z".to_string()),
            ]
        );
    }

    #[test]
    fn a_certificates_readiness_and_renewal() {
        let cert = json!({"status": {"renewalTime": "2027-01-01T00:00:00Z",
            "conditions": [{"type": "Ready", "status": "True", "reason": "Ready"}]}});
        assert_eq!(
            source_state("Certificate", &cert),
            vec![
                ("Ready", "True".to_string()),
                ("Renews at", "2027-01-01T00:00:00Z".to_string())
            ]
        );
    }

    #[test]
    fn a_sealed_secrets_scope() {
        let wide = json!({"spec": {"template": {"metadata": {"annotations": {"sealedsecrets.bitnami.com/cluster-wide": "true"}}}}});
        assert!(source_state("SealedSecret", &wide)[0]
            .1
            .starts_with("cluster-wide"));
        assert!(source_state("SealedSecret", &json!({}))[0]
            .1
            .starts_with("strict"));
    }

    #[test]
    fn other_kinds_and_missing_fields_show_nothing_or_defaults() {
        assert!(source_state("Kustomization", &json!({})).is_empty());
        assert_eq!(
            source_state("ExternalSecret", &json!({})),
            vec![("Refresh interval", "1h (default)".to_string())]
        );
    }

    use crate::model::test_fixtures::apiserver::item as captured;

    #[test]
    fn a_captured_external_secret_that_fails_to_sync() {
        use crate::model::test_fixtures::apiserver;
        let es = captured(apiserver::EXTERNAL_SECRETS, "fixture-db");
        assert_eq!(
            source_state("ExternalSecret", &es),
            vec![
                ("Store", "ClusterSecretStore fixture-vault".to_string()),
                ("Refresh interval", "15m0s".to_string()),
                (
                    "Ready",
                    "False: fixture-SecretSyncedError — fixture-could not get secret data from provider"
                        .to_string()
                ),
                ("Last refresh", "2026-12-04T10:00:00Z".to_string()),
            ]
        );
        // refreshTime null (a zero metav1.Time), refreshing turned off.
        let never = captured(apiserver::EXTERNAL_SECRETS, "fixture-never");
        assert_eq!(
            source_state("ExternalSecret", &never),
            vec![
                ("Store", "SecretStore fixture-store".to_string()),
                ("Refresh interval", "never (0)".to_string()),
            ]
        );
    }

    #[test]
    fn a_captured_certificate() {
        use crate::model::test_fixtures::apiserver;
        let cert = captured(apiserver::CERTIFICATES, "fixture-web");
        assert_eq!(
            source_state("Certificate", &cert),
            vec![
                ("Ready", "True".to_string()),
                ("Expires", "2027-02-02T10:00:00Z".to_string()),
                ("Renews at", "2027-01-03T10:00:00Z".to_string()),
            ]
        );
    }

    #[test]
    fn captured_sealed_secrets_as_the_real_controller_left_them() {
        use crate::model::test_fixtures::apiserver;
        let unsealed = source_state(
            "SealedSecret",
            &captured(apiserver::SEALED_SECRETS, "fixture-sealed"),
        );
        assert!(unsealed[0].1.starts_with("cluster-wide"));
        assert_eq!(unsealed[1], ("Synced", "True".to_string()));
        let failed = source_state(
            "SealedSecret",
            &captured(apiserver::SEALED_SECRETS, "fixture-undecryptable"),
        );
        assert!(failed[0].1.starts_with("strict"));
        assert_eq!(
            failed[1],
            (
                "Synced",
                "False: no key could decrypt secret (token)".to_string()
            )
        );
    }
}
