//! Requests for the objects that manage a secret: reading the owner (for
//! its state) and asking External Secrets to sync now.

use super::object_link::object_path;
use super::request::FIELD_MANAGER;
use super::{ApiRequest, Method};
use crate::model::managed::hand_edit::force_sync_patch;
use crate::model::managed::manager::Source;

/// GET of the managing object (an ExternalSecret, a Certificate, …).
pub fn read_source(source: &Source) -> Option<ApiRequest> {
    object_path(
        &source.api_version,
        &source.kind,
        &source.namespace,
        &source.name,
    )
    .map(ApiRequest::get)
}

/// The merge patch `kubectl annotate es NAME force-sync=$(date +%s) --overwrite` sends.
pub fn force_sync(source: &Source, now_seconds: i64) -> Option<ApiRequest> {
    let path = object_path(
        &source.api_version,
        &source.kind,
        &source.namespace,
        &source.name,
    )?;
    Some(
        ApiRequest::json_write(
            Method::Patch,
            path,
            "application/merge-patch+json",
            force_sync_patch(now_seconds).to_string(),
        )
        .with_query("fieldManager", FIELD_MANAGER),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn es() -> Source {
        Source {
            api_version: "external-secrets.io/v1".into(),
            kind: "ExternalSecret".into(),
            namespace: "apps".into(),
            name: "db".into(),
        }
    }

    #[test]
    fn force_sync_patches_the_external_secret_as_kubectl_annotate_does() {
        let req = force_sync(&es(), 1_700_000_000).unwrap();
        assert_eq!(req.method, Method::Patch);
        assert_eq!(
            req.url(),
            "/apis/external-secrets.io/v1/namespaces/apps/externalsecrets/db?fieldManager=keyhole"
        );
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"metadata":{"annotations":{"force-sync":"1700000000"}}}"#)
        );
    }

    #[test]
    fn the_source_is_read_at_its_own_path() {
        assert_eq!(
            read_source(&es()).unwrap().url(),
            "/apis/external-secrets.io/v1/namespaces/apps/externalsecrets/db"
        );
    }
}
