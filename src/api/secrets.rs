//! Requests for Secrets. Lists ask for the server-side Table with
//! `includeObject=None`, so no secret value ever crosses the wire for a list;
//! values come from one GET when a secret is opened.

use super::request::{ApiRequest, Method, WriteParams, FIELD_MANAGER, JSON};
use super::resource_path::Resource;
use super::ApiError;
use k8s_openapi::api::core::v1::Secret;

/// Server-side printing: NAME, TYPE, DATA (key count), AGE; no object.
pub const ACCEPT_TABLE: &str = "application/json;as=Table;g=meta.k8s.io;v=v1";
/// One object's metadata without its data.
const ACCEPT_METADATA: &str = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";
const MERGE_PATCH: &str = "application/merge-patch+json";
/// Rows in the first page: small enough that the first rows show fast (about
/// 60 KB of Table), large enough that most namespaces need no second page —
/// each further page waits for the browser to paint the previous one.
pub const FIRST_PAGE_SIZE: u32 = 1000;
/// Rows in each later page. Large, so a 10,000-secret namespace needs three
/// round trips, and each page is big enough (over 128 KiB) for the apiserver
/// to gzip it; bench/ measured 20 pages of 500 as the slow part of a big list.
pub const LATER_PAGE_SIZE: u32 = 5000;

const SECRETS: Resource = Resource::namespaced("/api/v1", "secrets");
/// Every namespace's secrets at once: `/api/v1/secrets`.
const ALL_SECRETS: Resource = Resource::cluster("/api/v1", "secrets");

/// Leaves Helm's release records (type `helm.sh/release.v1`, one Secret per
/// revision of every release) out on the server: on a cluster with Helm they
/// are often most of a namespace's secrets, and rarely what one came for.
const WITHOUT_HELM_RECORDS: &str = "type!=helm.sh/release.v1";

/// Which secrets of a namespace a list holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListSelection {
    /// A label selector as the user typed it; blank selects all.
    pub label_selector: String,
    /// Whether Helm's release records are listed too.
    pub helm_records: bool,
}

impl ListSelection {
    /// The selectors the list and its watch both carry: a watch must select
    /// exactly what the list did, or its events would add rows the list left out.
    fn apply(&self, mut req: ApiRequest) -> ApiRequest {
        if !self.label_selector.trim().is_empty() {
            req = req.with_query("labelSelector", self.label_selector.trim());
        }
        if !self.helm_records {
            req = req.with_query("fieldSelector", WITHOUT_HELM_RECORDS);
        }
        req
    }
}

/// One page of the list as a Table. `continue_token` is from the previous page.
pub fn list_table(
    namespace: &str,
    selection: &ListSelection,
    continue_token: Option<&str>,
) -> ApiRequest {
    let limit = match continue_token {
        None => FIRST_PAGE_SIZE,
        Some(_) => LATER_PAGE_SIZE,
    };
    table_page(
        SECRETS.collection(namespace),
        limit,
        selection,
        continue_token,
    )
}

/// The all-namespaces list's anchor: the first row of the cluster-wide
/// Table, for its resourceVersion and item count (and to learn whether the
/// user may list secrets in all namespaces). The cluster-wide Table prints
/// no namespace, so its rows are not what the list shows (`live_state`).
pub fn list_all_anchor(selection: &ListSelection) -> ApiRequest {
    table_page(ALL_SECRETS.collection(""), 1, selection, None)
}

/// One page of `namespace`'s list as it was at `resource_version` exactly,
/// for the all-namespaces snapshot. The first page names the version; later
/// ones follow their continue token, which keeps it.
pub fn list_table_at(
    namespace: &str,
    selection: &ListSelection,
    resource_version: &str,
    continue_token: Option<&str>,
) -> ApiRequest {
    let req = list_table(namespace, selection, continue_token);
    match continue_token {
        Some(_) => req,
        None => req
            .with_query("resourceVersion", resource_version)
            .with_query("resourceVersionMatch", "Exact"),
    }
}

/// The Table page request all lists share: no objects, so no values.
fn table_page(
    path: String,
    limit: u32,
    selection: &ListSelection,
    continue_token: Option<&str>,
) -> ApiRequest {
    let mut req = ApiRequest::get(path).with_query("limit", limit.to_string());
    req.accept = ACCEPT_TABLE;
    // The apiserver indents JSON for browser user agents unless told not to:
    // twice the bytes for nothing.
    req = req
        .with_query("includeObject", "None")
        .with_query("pretty", "false");
    req = selection.apply(req);
    if let Some(token) = continue_token {
        req = req.with_query("continue", token);
    }
    req
}

/// Watches the list from `resource_version` on, as Table rows, with bookmarks
/// so a reconnect can resume without a relist.
pub fn watch_table(
    namespace: &str,
    selection: &ListSelection,
    resource_version: &str,
) -> ApiRequest {
    table_watch(SECRETS.collection(namespace), selection, resource_version)
}

/// Watches every namespace's secrets (`/api/v1/secrets`) as Table rows,
/// which name no namespace: `live_state` places each event.
pub fn watch_all_table(selection: &ListSelection, resource_version: &str) -> ApiRequest {
    table_watch(ALL_SECRETS.collection(""), selection, resource_version)
}

fn table_watch(path: String, selection: &ListSelection, resource_version: &str) -> ApiRequest {
    let mut req = ApiRequest::get(path)
        .with_query("watch", "1")
        .with_query("allowWatchBookmarks", "true")
        .with_query("resourceVersion", resource_version)
        .with_query("includeObject", "None");
    req.accept = ACCEPT_TABLE;
    selection.apply(req)
}

/// The one GET that brings a secret's values, when the user opens it.
pub fn get(namespace: &str, name: &str) -> ApiRequest {
    ApiRequest::get(SECRETS.item(namespace, name))
}

/// Creates a secret.
pub fn create(
    namespace: &str,
    secret: &Secret,
    params: WriteParams,
) -> Result<ApiRequest, ApiError> {
    ApiRequest::object_write(Method::Post, SECRETS.collection(namespace), secret, params)
}

/// Replaces a secret. It must carry the `resourceVersion` it was based on,
/// so a concurrent change answers 409 instead of being overwritten.
pub fn replace(
    namespace: &str,
    name: &str,
    secret: &Secret,
    params: WriteParams,
) -> Result<ApiRequest, ApiError> {
    ApiRequest::object_write(Method::Put, SECRETS.item(namespace, name), secret, params)
}

/// Deletes a secret, only if it is still the version the user confirmed.
pub fn delete(namespace: &str, name: &str, resource_version: &str) -> ApiRequest {
    let precondition = serde_json::json!({
        "kind": "DeleteOptions",
        "apiVersion": "v1",
        "preconditions": { "resourceVersion": resource_version }
    });
    ApiRequest::json_write(
        Method::Delete,
        SECRETS.item(namespace, name),
        JSON,
        precondition.to_string(),
    )
}

/// A secret's metadata only (`PartialObjectMetadata`): its resourceVersion,
/// labels and owners for a bulk action, without its data. (Annotations may
/// still hold `last-applied-configuration`; nothing shows or logs them.)
pub fn get_metadata(namespace: &str, name: &str) -> ApiRequest {
    let mut req = get(namespace, name);
    req.accept = ACCEPT_METADATA;
    req
}

/// A JSON merge patch of a secret's metadata (a label change carrying the
/// resourceVersion it was read at).
pub fn patch_metadata(namespace: &str, name: &str, patch: &serde_json::Value) -> ApiRequest {
    ApiRequest::json_write(
        Method::Patch,
        SECRETS.item(namespace, name),
        MERGE_PATCH,
        patch.to_string(),
    )
    .with_query("fieldManager", FIELD_MANAGER)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::request::ACCEPT_JSON;

    fn with_helm_records() -> ListSelection {
        ListSelection {
            helm_records: true,
            ..ListSelection::default()
        }
    }

    #[test]
    fn list_asks_for_a_table_without_objects() {
        let req = list_table("default", &with_helm_records(), None);
        assert_eq!(req.method, Method::Get);
        assert_eq!(req.path, "/api/v1/namespaces/default/secrets");
        assert_eq!(req.accept, "application/json;as=Table;g=meta.k8s.io;v=v1");
        assert_eq!(
            req.url(),
            "/api/v1/namespaces/default/secrets?limit=1000&includeObject=None&pretty=false"
        );
        assert_eq!(req.body, None);
    }

    #[test]
    fn list_pages_and_filters_by_label() {
        let selection = ListSelection {
            label_selector: " app=web ".into(),
            helm_records: true,
        };
        let req = list_table("team-a", &selection, Some("abc/=="));
        assert_eq!(
            req.url(),
            "/api/v1/namespaces/team-a/secrets?limit=5000&includeObject=None&pretty=false&labelSelector=app%3Dweb&continue=abc%2F%3D%3D"
        );
    }

    #[test]
    fn helm_release_records_are_left_out_on_the_server_by_default() {
        let hidden = "fieldSelector=type%21%3Dhelm.sh%2Frelease.v1";
        let default = ListSelection::default();
        let first = list_table("default", &default, None).url();
        assert_eq!(
            first,
            format!("/api/v1/namespaces/default/secrets?limit=1000&includeObject=None&pretty=false&{hidden}")
        );
        let later = list_table("default", &default, Some("t")).url();
        assert!(later.contains(hidden), "{later}");
        let watch = watch_table("default", &default, "7").url();
        assert!(watch.ends_with(hidden), "{watch}");
        // With a label selector, both selectors go.
        let labelled = ListSelection {
            label_selector: "app=web".into(),
            helm_records: false,
        };
        let req = list_table("default", &labelled, None).url();
        assert!(
            req.contains("labelSelector=app%3Dweb&fieldSelector="),
            "{req}"
        );
        let req = watch_table("default", &labelled, "7").url();
        assert!(
            req.contains("labelSelector=app%3Dweb&fieldSelector="),
            "{req}"
        );
    }

    #[test]
    fn showing_helm_release_records_sends_no_field_selector() {
        let shown = with_helm_records();
        for url in [
            list_table("default", &shown, None).url(),
            list_table("default", &shown, Some("t")).url(),
            watch_table("default", &shown, "7").url(),
        ] {
            assert!(!url.contains("fieldSelector"), "{url}");
        }
    }

    #[test]
    fn watch_resumes_from_a_version_with_bookmarks() {
        let req = watch_table("default", &with_helm_records(), "12345");
        assert_eq!(req.accept, ACCEPT_TABLE);
        assert_eq!(
            req.url(),
            "/api/v1/namespaces/default/secrets?watch=1&allowWatchBookmarks=true&resourceVersion=12345&includeObject=None"
        );
    }

    #[test]
    fn all_namespaces_ask_value_free_tables_only() {
        // Release records stay out of every request of the all-namespaces list too.
        let hidden = "fieldSelector=type%21%3Dhelm.sh%2Frelease.v1";
        let default = ListSelection::default();
        let anchor = list_all_anchor(&default);
        assert_eq!(anchor.path, "/api/v1/secrets");
        assert_eq!(anchor.accept, ACCEPT_TABLE);
        assert_eq!(
            anchor.url(),
            format!("/api/v1/secrets?limit=1&includeObject=None&pretty=false&{hidden}")
        );
        let labelled = ListSelection {
            label_selector: "app=web".into(),
            helm_records: true,
        };
        assert_eq!(
            list_all_anchor(&labelled).url(),
            "/api/v1/secrets?limit=1&includeObject=None&pretty=false&labelSelector=app%3Dweb"
        );

        let first = list_table_at("team-a", &default, "400", None);
        assert_eq!(first.accept, ACCEPT_TABLE);
        assert_eq!(
            first.url(),
            format!("/api/v1/namespaces/team-a/secrets?limit=1000&includeObject=None&pretty=false&{hidden}&resourceVersion=400&resourceVersionMatch=Exact")
        );
        // The continue token keeps the version: naming it again is refused.
        assert_eq!(
            list_table_at("team-a", &default, "400", Some("t")).url(),
            format!("/api/v1/namespaces/team-a/secrets?limit=5000&includeObject=None&pretty=false&{hidden}&continue=t")
        );

        let watch = watch_all_table(&default, "400");
        assert_eq!(watch.accept, ACCEPT_TABLE);
        assert_eq!(
            watch.url(),
            format!("/api/v1/secrets?watch=1&allowWatchBookmarks=true&resourceVersion=400&includeObject=None&{hidden}")
        );
    }

    #[test]
    fn get_is_one_plain_json_read() {
        let req = get("default", "db-credentials");
        assert_eq!(
            req.url(),
            "/api/v1/namespaces/default/secrets/db-credentials"
        );
        assert_eq!(req.accept, ACCEPT_JSON);
    }

    #[test]
    fn writes_send_json_and_dry_run_is_a_query_flag() {
        let secret = Secret::default();
        let req = create("default", &secret, WriteParams::DRY_RUN).unwrap();
        assert_eq!(req.method, Method::Post);
        assert_eq!(
            req.url(),
            "/api/v1/namespaces/default/secrets?fieldManager=keyhole&dryRun=All"
        );
        assert_eq!(req.content_type, Some("application/json"));
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"apiVersion":"v1","kind":"Secret","metadata":{}}"#)
        );
        let req = replace("default", "x", &secret, WriteParams::SAVE).unwrap();
        assert_eq!(req.method, Method::Put);
        assert_eq!(
            req.url(),
            "/api/v1/namespaces/default/secrets/x?fieldManager=keyhole"
        );
    }

    #[test]
    fn delete_carries_a_resource_version_precondition() {
        let req = delete("default", "x", "77");
        assert_eq!(req.method, Method::Delete);
        let body: serde_json::Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["preconditions"]["resourceVersion"], "77");
    }

    #[test]
    fn a_metadata_read_asks_for_partial_object_metadata() {
        let req = get_metadata("apps", "db");
        assert_eq!(req.path, "/api/v1/namespaces/apps/secrets/db");
        assert_eq!(
            req.accept,
            "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1"
        );
    }

    #[test]
    fn a_metadata_patch_is_a_merge_patch_recorded_as_keyhole() {
        let req = patch_metadata("apps", "db", &serde_json::json!({"metadata": {}}));
        assert_eq!(req.method, Method::Patch);
        assert_eq!(req.content_type, Some("application/merge-patch+json"));
        assert_eq!(
            req.url(),
            "/api/v1/namespaces/apps/secrets/db?fieldManager=keyhole"
        );
    }
}
