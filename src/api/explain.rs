//! The one place that turns a failed request into the sentence the user sees.
//!
//! The same `ApiError` means different things depending on what the user was
//! doing: a 404 on opening a secret means it is gone, a 409 on a delete means
//! someone changed it first, and a bare 403 from `kubectl proxy` on a
//! permission check means this Keyhole is served read-only. Views name what
//! they were doing and show what this returns; none of them matches on codes.

use super::ApiError;

/// What the user was doing when the request failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt<'a> {
    /// Opening one secret (its page, or reading it for a check).
    ReadSecret,
    /// Listing the namespace's secrets.
    ListSecrets,
    /// Listing every namespace's secrets at once.
    ListAllSecrets,
    /// Listing namespaces for the all-namespaces list, which reads each one.
    ListNamespacesForAll,
    /// Listing namespaces for the picker.
    ListNamespaces,
    /// Asking whether the user may do `what` (e.g. "update secrets/x in ns").
    CheckPermission { what: &'a str },
    /// Creating or saving a secret (the editor's other outcomes, conflicts
    /// and field errors, are handled by `write_failure`).
    WriteSecret,
    /// Copying a secret into another namespace (the dry run or the create).
    CopySecret { namespace: &'a str },
    /// Replacing the secret already in a copy's target namespace, with the
    /// resourceVersion it was compared at.
    ReplaceCopy { namespace: &'a str },
    /// Deleting a secret with the resourceVersion it was opened at.
    DeleteSecret,
    /// Writing the Role and RoleBinding that grant access.
    WriteGrant,
    /// Restarting a workload (`label` names it, e.g. "Deployment/web").
    Restart { label: &'a str },
    /// Reading the object that manages a secret (`label`: "ExternalSecret db").
    ReadManager { label: &'a str },
    /// Adding or removing a label (a bulk action from the list).
    LabelSecret,
    /// Asking External Secrets to sync now.
    ForceSync { label: &'a str },
}

/// The sentence for `error` while doing `attempt`.
pub fn explain(error: &ApiError, attempt: Attempt<'_>) -> String {
    use Attempt::*;
    let status = |code| matches!(error, ApiError::Status { code: c, .. } if *c == code);
    // A bare 403 is kubectl proxy's own filter, not RBAC (the apiserver
    // always answers with a Status); on a write it is `--reject-methods`.
    let proxy_refused = matches!(error, ApiError::Unexpected { code: 403, .. });
    match attempt {
        ReadSecret if status(404) => {
            "This secret does not exist (any more) in this namespace.".into()
        }
        ReadSecret if status(403) => format!("You may not read this secret: {}", message(error)),
        ReadSecret => format!("Could not read this secret: {error}"),
        ListSecrets if error.is_forbidden() => {
            format!("You may not list secrets here. You can still open one by name. ({error})")
        }
        ListAllSecrets if error.is_forbidden() => {
            "You may not list secrets in all namespaces. Choose one namespace at the top: it needs rights in that namespace only."
                .into()
        }
        ListAllSecrets => format!("Could not list secrets in all namespaces: {error}"),
        ListNamespacesForAll if error.is_forbidden() => {
            "You may not list namespaces, so Keyhole cannot tell which namespace each secret is in (it reads each namespace's list). Choose one namespace at the top."
                .into()
        }
        ListNamespacesForAll => {
            format!("Could not list namespaces for the all-namespaces list: {error}")
        }
        ListNamespaces if error.is_forbidden() => "You may not list namespaces; type one.".into(),
        ListNamespaces => format!("Namespaces could not be listed: {error}"),
        // Every check is refused alike, so one sentence for all: a page
        // that asks three questions says it once.
        CheckPermission { .. } if proxy_refused => {
            "This Keyhole is served read-only: kubectl proxy refuses every change.".into()
        }
        CheckPermission { what } => format!("Could not check whether you may {what}: {error}"),
        WriteSecret | DeleteSecret | WriteGrant | LabelSecret if proxy_refused => {
            "This Keyhole is served read-only (kubectl proxy refuses changes); nothing was written."
                .into()
        }
        DeleteSecret if status(409) => {
            "The secret changed since you opened it; nothing was deleted. Reload it and try again."
                .into()
        }
        WriteGrant if status(409) => {
            "The Role or RoleBinding changed meanwhile; nothing was overwritten. Preview again."
                .into()
        }
        CopySecret { .. } | ReplaceCopy { .. } if proxy_refused => {
            "This Keyhole is served read-only (kubectl proxy refuses changes); nothing was written."
                .into()
        }
        CopySecret { namespace } if status(404) => {
            format!("The namespace {namespace} does not exist; nothing was written there.")
        }
        CopySecret { namespace } | ReplaceCopy { namespace } if error.is_forbidden() => {
            format!("You may not write secrets in {namespace}: {}", message(error))
        }
        ReplaceCopy { namespace } if status(409) => format!(
            "The secret in {namespace} changed since it was compared; nothing was overwritten. Check again."
        ),
        CopySecret { namespace } => format!("Could not copy into {namespace}: {error}"),
        ReplaceCopy { namespace } => format!("Could not replace the secret in {namespace}: {error}"),
        DeleteSecret if error.is_forbidden() => {
            format!("You may not delete this secret: {}", message(error))
        }
        LabelSecret if error.is_forbidden() => {
            format!("You may not change this secret's labels: {}", message(error))
        }
        LabelSecret => format!("Could not change the label: {error}"),
        Restart { label } => format!("Could not restart {label}: {error}"),
        ReadManager { label } if status(404) => {
            format!("{label} does not exist (any more): nothing will rewrite this secret from it.")
        }
        ReadManager { label } if error.is_forbidden() => {
            format!("You may not read {label}, so its state is not shown.")
        }
        ReadManager { label } => format!("Could not read {label}: {error}"),
        ForceSync { .. } if proxy_refused => {
            "This Keyhole is served read-only (kubectl proxy refuses changes); nothing was written."
                .into()
        }
        ForceSync { label } => format!("Could not ask {label} to sync: {error}"),
        _ => error.to_string(),
    }
}

/// The apiserver's own words, without the code prefix `Display` adds.
fn message(error: &ApiError) -> String {
    match error {
        ApiError::Status { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16, message: &str) -> ApiError {
        ApiError::Status {
            code,
            reason: String::new(),
            message: message.into(),
            causes: vec![],
        }
    }

    fn proxy_refusal() -> ApiError {
        ApiError::from_response(403, "Forbidden\n")
    }

    #[test]
    fn a_managing_object_that_is_gone_or_hidden_says_what_that_means() {
        let label = "ExternalSecret db";
        assert_eq!(
            explain(&status(404, "not found"), Attempt::ReadManager { label }),
            "ExternalSecret db does not exist (any more): nothing will rewrite this secret from it."
        );
        assert_eq!(
            explain(&status(403, "forbidden"), Attempt::ReadManager { label }),
            "You may not read ExternalSecret db, so its state is not shown."
        );
        assert!(explain(&proxy_refusal(), Attempt::ForceSync { label }).contains("read-only"));
    }

    #[test]
    fn a_missing_or_forbidden_secret_says_so_plainly() {
        assert_eq!(
            explain(&status(404, "secrets \"x\" not found"), Attempt::ReadSecret),
            "This secret does not exist (any more) in this namespace."
        );
        assert_eq!(
            explain(
                &status(403, "secrets \"x\" is forbidden"),
                Attempt::ReadSecret
            ),
            "You may not read this secret: secrets \"x\" is forbidden"
        );
    }

    #[test]
    fn a_forbidden_list_points_at_opening_by_name() {
        let text = explain(&status(403, "cannot list"), Attempt::ListSecrets);
        assert!(text.starts_with("You may not list secrets here. You can still open one by name."));
        assert_eq!(
            explain(&status(403, "no"), Attempt::ListNamespaces),
            "You may not list namespaces; type one."
        );
        assert_eq!(
            explain(&ApiError::ProxyUnreachable, Attempt::ListNamespaces),
            "Namespaces could not be listed: kubectl proxy is not running"
        );
    }

    #[test]
    fn a_forbidden_all_namespaces_list_says_so_and_points_at_one_namespace() {
        let text = explain(
            &status(
                403,
                "secrets is forbidden: cannot list resource at the cluster scope",
            ),
            Attempt::ListAllSecrets,
        );
        assert!(
            text.starts_with("You may not list secrets in all namespaces."),
            "{text}"
        );
        assert!(text.contains("Choose one namespace"));
        assert!(
            !text.contains("cluster scope"),
            "plainly, without the server's jargon"
        );
        assert_eq!(
            explain(&status(500, "etcd"), Attempt::ListAllSecrets),
            "Could not list secrets in all namespaces: Server error (500): etcd"
        );
        assert!(explain(&status(403, "no"), Attempt::ListNamespacesForAll)
            .starts_with("You may not list namespaces, so Keyhole cannot tell"));
    }

    #[test]
    fn a_read_only_proxy_is_named_instead_of_its_filter_text() {
        let check = explain(
            &proxy_refusal(),
            Attempt::CheckPermission {
                what: "delete secrets/x in ns",
            },
        );
        assert_eq!(
            check,
            "This Keyhole is served read-only: kubectl proxy refuses every change."
        );
        for attempt in [
            Attempt::WriteSecret,
            Attempt::DeleteSecret,
            Attempt::WriteGrant,
            Attempt::LabelSecret,
        ] {
            assert!(explain(&proxy_refusal(), attempt).contains("served read-only"));
        }
        // RBAC's own 403 is a Status, and is not mistaken for the proxy.
        assert!(!explain(&status(403, "rbac says no"), Attempt::WriteSecret).contains("read-only"));
    }

    #[test]
    fn other_check_failures_keep_the_cause() {
        assert_eq!(
            explain(
                &ApiError::ProxyUnreachable,
                Attempt::CheckPermission {
                    what: "create secrets in ns"
                }
            ),
            "Could not check whether you may create secrets in ns: kubectl proxy is not running"
        );
    }

    #[test]
    fn a_conflict_means_someone_else_wrote_first() {
        assert!(explain(&status(409, "c"), Attempt::DeleteSecret).contains("nothing was deleted"));
        assert!(explain(&status(409, "c"), Attempt::WriteGrant).contains("nothing was overwritten"));
        // A 409 elsewhere is shown as the server says it.
        assert_eq!(
            explain(&status(409, "c"), Attempt::WriteSecret),
            "Conflict (409): c"
        );
        assert_eq!(
            explain(&status(500, "etcd"), Attempt::ReadSecret),
            "Could not read this secret: Server error (500): etcd"
        );
    }

    #[test]
    fn a_copy_names_its_target_namespace() {
        let namespace = "team-b";
        assert_eq!(
            explain(
                &status(404, "namespaces \"team-b\" not found"),
                Attempt::CopySecret { namespace }
            ),
            "The namespace team-b does not exist; nothing was written there."
        );
        assert_eq!(
            explain(&status(403, "no create"), Attempt::CopySecret { namespace }),
            "You may not write secrets in team-b: no create"
        );
        assert!(
            explain(&status(409, "c"), Attempt::ReplaceCopy { namespace })
                .contains("nothing was overwritten")
        );
        assert_eq!(
            explain(&status(500, "etcd"), Attempt::CopySecret { namespace }),
            "Could not copy into team-b: Server error (500): etcd"
        );
        assert!(
            explain(&proxy_refusal(), Attempt::ReplaceCopy { namespace }).contains("read-only")
        );
    }

    #[test]
    fn a_restart_names_the_workload() {
        assert_eq!(
            explain(
                &status(403, "no patch"),
                Attempt::Restart {
                    label: "Deployment/web"
                }
            ),
            "Could not restart Deployment/web: Forbidden (403): no patch"
        );
    }
}
