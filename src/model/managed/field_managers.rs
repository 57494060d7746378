//! Who wrote the secret, from its `managedFields`: the last writer and
//! when, and which keys each field manager owns. Keyhole's own writes carry
//! `fieldManager=keyhole`, so a hand edit made here is told apart from the
//! controller's.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ManagedFieldsEntry;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Writer {
    pub manager: String,
    /// `Update` or `Apply`.
    pub operation: String,
    /// RFC 3339, as the server wrote it.
    pub time: Option<String>,
    /// The `data` keys this manager owns, sorted.
    pub keys: Vec<String>,
}

/// Every field manager, the most recent writer first (entries without a
/// time last, in the server's order).
pub fn writers(entries: &[ManagedFieldsEntry]) -> Vec<Writer> {
    let mut out: Vec<Writer> = entries
        .iter()
        .map(|e| Writer {
            manager: e.manager.clone().unwrap_or_else(|| "(unnamed)".into()),
            operation: e.operation.clone().unwrap_or_default(),
            time: e.time.as_ref().map(|t| t.0.to_string()),
            keys: data_keys(e),
        })
        .collect();
    // RFC 3339 in UTC sorts as text; stable, so equal times keep the server's order.
    out.sort_by(|a, b| b.time.cmp(&a.time));
    out
}

/// The keys under `f:data` (and `f:stringData`, which lands in data) of one entry.
fn data_keys(entry: &ManagedFieldsEntry) -> Vec<String> {
    let Some(fields) = entry.fields_v1.as_ref().map(|f| &f.0) else {
        return Vec::new();
    };
    let mut keys: Vec<String> = ["f:data", "f:stringData"]
        .iter()
        .filter_map(|section| fields.get(*section)?.as_object())
        .flat_map(|data| data.keys())
        .filter_map(|k| k.strip_prefix("f:"))
        .map(str::to_string)
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entries(value: serde_json::Value) -> Vec<ManagedFieldsEntry> {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn the_last_writer_comes_first_with_the_keys_each_owns() {
        // As the apiserver records a kubectl create, then a Keyhole edit of one key.
        let list = entries(json!([
            {"manager": "kubectl-create", "operation": "Update", "apiVersion": "v1",
             "time": "2026-12-01T10:00:00Z", "fieldsType": "FieldsV1",
             "fieldsV1": {"f:data": {".": {}, "f:password": {}, "f:username": {}}, "f:type": {}}},
            {"manager": "keyhole", "operation": "Update", "apiVersion": "v1",
             "time": "2026-12-02T09:30:00Z", "fieldsType": "FieldsV1",
             "fieldsV1": {"f:data": {"f:connection-string": {}}}}
        ]));
        let found = writers(&list);
        assert_eq!(found[0].manager, "keyhole");
        assert_eq!(found[0].time.as_deref(), Some("2026-12-02T09:30:00Z"));
        assert_eq!(found[0].keys, ["connection-string"]);
        assert_eq!(found[1].manager, "kubectl-create");
        assert_eq!(found[1].keys, ["password", "username"]);
    }

    #[test]
    fn entries_without_fields_or_names_still_show() {
        let found = writers(&entries(json!([{"operation": "Apply"}])));
        assert_eq!(
            found,
            vec![Writer {
                manager: "(unnamed)".into(),
                operation: "Apply".into(),
                time: None,
                keys: vec![],
            }]
        );
    }
}
