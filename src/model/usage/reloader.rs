//! Stakater Reloader: a controller that restarts workloads when a secret they
//! use changes, if the workload asks for it in its own annotations. Keyhole
//! then says Reloader will restart it instead of offering a second restart.
//! The annotation names are Reloader's defaults (its `options.go`):
//! `reloader.stakater.com/auto` and `secret.reloader.stakater.com/auto`
//! ("true": any secret the workload uses), and
//! `secret.reloader.stakater.com/reload` (a comma-separated list of names).

use std::collections::BTreeMap;

pub const AUTO: &str = "reloader.stakater.com/auto";
pub const SECRET_AUTO: &str = "secret.reloader.stakater.com/auto";
pub const SECRET_RELOAD: &str = "secret.reloader.stakater.com/reload";

/// Whether Reloader restarts the workload with these annotations when the
/// secret `secret_name` (which the workload uses) changes.
pub fn reloader_restarts(
    annotations: Option<&BTreeMap<String, String>>,
    secret_name: &str,
) -> bool {
    let Some(annotations) = annotations else {
        return false;
    };
    let on = |key: &str| annotations.get(key).is_some_and(|v| v.trim() == "true");
    on(AUTO)
        || on(SECRET_AUTO)
        || annotations
            .get(SECRET_RELOAD)
            .is_some_and(|names| names.split(',').any(|n| n.trim() == secret_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn auto_annotations_cover_every_secret_the_workload_uses() {
        assert!(reloader_restarts(Some(&with(&[(AUTO, "true")])), "db"));
        assert!(reloader_restarts(
            Some(&with(&[(SECRET_AUTO, "true")])),
            "db"
        ));
        assert!(!reloader_restarts(Some(&with(&[(AUTO, "false")])), "db"));
    }

    #[test]
    fn a_reload_list_covers_the_secrets_it_names() {
        let list = with(&[(SECRET_RELOAD, "tls, db-credentials,other")]);
        assert!(reloader_restarts(Some(&list), "db-credentials"));
        assert!(reloader_restarts(Some(&list), "tls"));
        assert!(!reloader_restarts(Some(&list), "db"));
    }

    #[test]
    fn nothing_means_no_reloader() {
        assert!(!reloader_restarts(None, "db"));
        assert!(!reloader_restarts(Some(&with(&[("app", "x")])), "db"));
        // The ConfigMap variant does not watch secrets.
        assert!(!reloader_restarts(
            Some(&with(&[("configmap.reloader.stakater.com/reload", "db")])),
            "db"
        ));
    }
}
