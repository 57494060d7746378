//! The requests of a bulk action, one secret at a time: read its metadata,
//! delete it, change a label. Each returns that secret's new state; none
//! touches another secret, so one failure stays its own.

use super::client;
use super::explain::{explain, Attempt};
use super::secrets;
use super::ApiError;
use crate::model::bulk::item::{BulkItem, ItemState};
use crate::model::bulk::label_change::LabelChange;
use crate::model::managed::manager::managers_of;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Deserialize;

/// What a `PartialObjectMetadata` answer holds that is read here.
#[derive(Deserialize)]
struct MetadataOnly {
    metadata: ObjectMeta,
}

/// Reads the item's metadata: the version every write will carry, its
/// labels, and who manages it.
pub async fn read(item: &BulkItem) -> BulkItem {
    let mut item = item.clone();
    match client::send_json::<MetadataOnly>(&secrets::get_metadata(&item.namespace, &item.name))
        .await
    {
        Ok(found) => {
            item.managers = managers_of(&found.metadata, &item.secret_type)
                .iter()
                .map(|m| m.label())
                .collect();
            item.labels = found.metadata.labels.unwrap_or_default();
            item.resource_version = found.metadata.resource_version;
            item.state = ItemState::Ready;
        }
        Err(e) => item.state = failure(&e, Attempt::ReadSecret),
    }
    item
}

/// Deletes the item only if it is still the version read.
pub async fn delete(item: &BulkItem) -> ItemState {
    let Some(version) = &item.resource_version else {
        return ItemState::Changed;
    };
    match client::send_text(&secrets::delete(&item.namespace, &item.name, version)).await {
        Ok(_) => ItemState::Done,
        Err(e) => failure(&e, Attempt::DeleteSecret),
    }
}

/// Applies the label change, only to the version read; a secret already as
/// asked is left alone.
pub async fn relabel(item: &BulkItem, change: &LabelChange) -> ItemState {
    if change.already(&item.labels) {
        return ItemState::Unchanged;
    }
    let Some(version) = &item.resource_version else {
        return ItemState::Changed;
    };
    let req = secrets::patch_metadata(&item.namespace, &item.name, &change.merge_patch(version));
    match client::send_text(&req).await {
        Ok(_) => ItemState::Done,
        Err(e) => failure(&e, Attempt::LabelSecret),
    }
}

/// A refused request, as the item's state: a conflict and a missing secret
/// have their own words, anything else is `explain`'s sentence.
pub fn failure(error: &ApiError, attempt: Attempt<'_>) -> ItemState {
    match error.code() {
        Some(409) => ItemState::Changed,
        // A 404 from the apiserver, not a bare one from a proxy.
        Some(404) if matches!(error, ApiError::Status { .. }) => ItemState::Gone,
        _ => ItemState::Failed(explain(error, attempt)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16) -> ApiError {
        ApiError::Status {
            code,
            reason: String::new(),
            message: "the server says so".into(),
            causes: Vec::new(),
        }
    }

    #[test]
    fn a_conflict_and_a_missing_secret_have_their_own_state() {
        assert_eq!(
            failure(&status(409), Attempt::DeleteSecret),
            ItemState::Changed
        );
        assert_eq!(failure(&status(404), Attempt::LabelSecret), ItemState::Gone);
    }

    #[test]
    fn a_refusal_keeps_the_servers_words() {
        assert_eq!(
            failure(&status(403), Attempt::DeleteSecret),
            ItemState::Failed("You may not delete this secret: the server says so".into())
        );
    }
}
