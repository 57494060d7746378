//! What a manager does with a change made by hand, in one sentence, and
//! where the lasting change belongs instead. Shown before Edit or Delete of
//! a managed secret; the change still goes through if the user confirms.

use super::manager::{FluxKind, Manager};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandChange {
    Edit,
    Delete,
}

/// The one sentence for `manager` and `change`.
pub fn consequence(manager: &Manager, change: HandChange) -> String {
    use HandChange::{Delete, Edit};
    match (manager, change) {
        (Manager::ExternalSecrets { source }, Edit) => format!(
            "External Secrets writes this secret from its provider{}: it resyncs at once and at every refresh interval, so your change will be undone. Change the value in the provider, then force a sync.",
            of(source.as_ref().map(|s| format!("ExternalSecret {}", s.name)))
        ),
        (Manager::ExternalSecrets { .. }, Delete) => "External Secrets re-creates this secret from its provider at once while its ExternalSecret exists. Delete the ExternalSecret to remove it for good.".into(),
        (Manager::SealedSecrets { source }, Edit) => format!(
            "Sealed Secrets writes this secret from{}: your change lasts until that SealedSecret changes or is re-applied, then it is overwritten. Seal the new value and commit the SealedSecret instead.",
            source.as_ref().map(|s| format!(" SealedSecret {}", s.name)).unwrap_or_else(|| " its SealedSecret".into())
        ),
        (Manager::SealedSecrets { .. }, Delete) => "Sealed Secrets re-creates this secret the next time its SealedSecret is reconciled. Delete the SealedSecret to remove it for good.".into(),
        (Manager::CertManager { certificate, .. }, Edit) => format!(
            "cert-manager keeps this secret in line with{}: if the key pair or certificate no longer matches it, it re-issues and replaces your change. Change the Certificate instead.",
            certificate.as_ref().map(|c| format!(" Certificate {}", c.name)).unwrap_or_else(|| " its Certificate".into())
        ),
        (Manager::CertManager { .. }, Delete) => "cert-manager issues a new certificate into this secret at once while its Certificate exists.".into(),
        (Manager::Helm { release, .. }, Edit) => format!(
            "This secret is rendered by the Helm chart of release {}: the next helm upgrade overwrites your change. Change the release's values instead (helm upgrade --set …).",
            release.as_deref().unwrap_or("(unnamed)")
        ),
        (Manager::Helm { release, .. }, Delete) => format!(
            "The next helm upgrade of release {} re-creates this secret.",
            release.as_deref().unwrap_or("(unnamed)")
        ),
        (Manager::ArgoCd { application }, Edit) => format!(
            "Argo CD application {} deploys this secret from Git: it will show OutOfSync and, with self-heal on, revert your change. Change it in Git instead.",
            application.as_deref().unwrap_or("(unnamed)")
        ),
        (Manager::ArgoCd { application }, Delete) => format!(
            "Argo CD application {} re-creates this secret at its next sync.",
            application.as_deref().unwrap_or("(unnamed)")
        ),
        (Manager::ArgoCdConfig { secret_type }, _) => format!(
            "This is one of Argo CD's own settings (a {secret_type} secret): Argo CD uses it as it is, so this changes what Argo CD connects with."
        ),
        (Manager::Flux { reconcile_disabled: true, .. }, _) => "Flux manages this secret but reconciling is disabled on it (kustomize.toolkit.fluxcd.io/reconcile: disabled), so your change stays until that annotation is removed.".into(),
        (Manager::Flux { kind: FluxKind::Kustomization, name, namespace, .. }, Edit) => format!(
            "Flux Kustomization {namespace}/{name} applies this secret from Git: it reverts your change at its next interval, unless the secret carries kustomize.toolkit.fluxcd.io/reconcile: disabled. Change it in Git instead."
        ),
        (Manager::Flux { kind: FluxKind::Kustomization, name, namespace, .. }, Delete) => format!(
            "Flux Kustomization {namespace}/{name} re-creates this secret at its next interval."
        ),
        (Manager::Flux { kind: FluxKind::HelmRelease, name, namespace, .. }, _) => format!(
            "Flux HelmRelease {namespace}/{name} renders this secret: its next upgrade or drift correction overwrites your change. Change the HelmRelease's values instead."
        ),
        (Manager::ServiceAccountToken { account }, Edit) => format!(
            "Kubernetes issued this token for service account {}: a changed token no longer authenticates, and the token controller fills in a removed token or ca.crt again.",
            account.as_ref().map(|a| a.name.as_str()).unwrap_or("(unnamed)")
        ),
        (Manager::HelmReleaseRecord { release, revision }, Edit) => format!(
            "This is Helm's record of release {} revision {}: helm reads it for history, rollback and upgrade, so an edit can break them. Use helm upgrade or helm rollback instead.",
            release.as_deref().unwrap_or("(unnamed)"),
            revision.as_deref().unwrap_or("?")
        ),
        (Manager::HelmReleaseRecord { release, revision }, Delete) => format!(
            "Deleting Helm's record of release {} revision {} removes it from helm history (and, for the deployed revision, from what helm upgrade and helm uninstall know). Use helm uninstall or helm history --max instead.",
            release.as_deref().unwrap_or("(unnamed)"),
            revision.as_deref().unwrap_or("?")
        ),
        (Manager::ServiceAccountToken { .. }, Delete) => "Deleting this secret revokes its token: whatever uses it loses access.".into(),
    }
}

fn of(what: Option<String>) -> String {
    what.map(|w| format!(" ({w})")).unwrap_or_default()
}

/// The annotation that makes External Secrets sync now: `force-sync` on the
/// ExternalSecret, with any new value (its docs use the current time).
pub const FORCE_SYNC_ANNOTATION: &str = "force-sync";

/// The merge patch that asks an ExternalSecret to sync now.
pub fn force_sync_patch(now_seconds: i64) -> serde_json::Value {
    serde_json::json!({"metadata": {"annotations": {FORCE_SYNC_ANNOTATION: now_seconds.to_string()}}})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::managed::manager::Source;

    fn source(kind: &str, name: &str) -> Option<Source> {
        Some(Source {
            api_version: "x/v1".into(),
            kind: kind.into(),
            namespace: "apps".into(),
            name: name.into(),
        })
    }

    #[test]
    fn each_manager_says_what_it_does_to_an_edit() {
        let cases = [
            (
                Manager::ExternalSecrets {
                    source: source("ExternalSecret", "db"),
                },
                "resyncs at once",
            ),
            (
                Manager::SealedSecrets {
                    source: source("SealedSecret", "db"),
                },
                "SealedSecret db",
            ),
            (
                Manager::CertManager {
                    certificate: source("Certificate", "web"),
                    issuer: None,
                },
                "re-issues",
            ),
            (
                Manager::Helm {
                    release: Some("demo".into()),
                    release_namespace: None,
                },
                "helm upgrade",
            ),
            (
                Manager::ArgoCd {
                    application: Some("guestbook".into()),
                },
                "self-heal",
            ),
            (
                Manager::Flux {
                    kind: FluxKind::Kustomization,
                    name: "apps".into(),
                    namespace: "flux-system".into(),
                    reconcile_disabled: false,
                },
                "reconcile: disabled",
            ),
            (
                Manager::ServiceAccountToken {
                    account: source("ServiceAccount", "builder"),
                },
                "builder",
            ),
        ];
        for (manager, says) in cases {
            let sentence = consequence(&manager, HandChange::Edit);
            assert!(sentence.contains(says), "{sentence}");
            assert!(sentence.matches(". ").count() < 3, "short: {sentence}");
        }
    }

    #[test]
    fn flux_with_reconciling_disabled_keeps_the_change() {
        let m = Manager::Flux {
            kind: FluxKind::Kustomization,
            name: "apps".into(),
            namespace: "flux-system".into(),
            reconcile_disabled: true,
        };
        assert!(consequence(&m, HandChange::Edit).contains("your change stays"));
    }

    #[test]
    fn deletes_say_what_comes_back() {
        let m = Manager::ExternalSecrets { source: None };
        assert!(consequence(&m, HandChange::Delete).contains("re-creates"));
    }

    #[test]
    fn the_force_sync_patch_is_an_annotation() {
        assert_eq!(
            force_sync_patch(1_700_000_000).to_string(),
            r#"{"metadata":{"annotations":{"force-sync":"1700000000"}}}"#
        );
    }
}
