//! The secret list as the apiserver prints it: a `meta.k8s.io/v1` Table
//! (NAME, TYPE, DATA, AGE — DATA is the key count), which carries no value,
//! and the watch events that keep it current.
//!
//! What the rows carry depends on `includeObject`:
//! - `None` (what we ask for): cells only, `object` absent or null. No
//!   creation time, labels or per-row resourceVersion; in a watch event the
//!   Table's own `metadata.resourceVersion` is the object's. No namespace
//!   either: a cluster-wide list (`/api/v1/secrets`) prints no Namespace
//!   column (kube-apiserver 1.37, checked), so its rows cannot say where
//!   they live; the all-namespaces list (`live_state`) learns it elsewhere.
//! - `Metadata`: a `PartialObjectMetadata` per row. Beware that it includes
//!   annotations, and `kubectl apply` stores the whole Secret, values
//!   included, in `kubectl.kubernetes.io/last-applied-configuration`.
//!
//! Cells are found by column name, since servers may add columns; a watch
//! sends the column definitions with its first event only, so without them
//! the secrets printer's fixed order (Name, Type, Data, Age) is assumed.
//!
//! Errors describe the shape of what was wrong, never quote the input.

use std::collections::BTreeMap;

use serde_json::Value;

/// One secret as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SecretRow {
    /// Where the secret lives, when known: from a Namespace column or the
    /// row's metadata, else set by the list that asked one namespace. Empty
    /// for a cluster-wide Table without objects.
    pub namespace: String,
    pub name: String,
    pub secret_type: String,
    /// The DATA column: how many keys, not their names.
    pub keys: u32,
    /// `metadata.creationTimestamp` (RFC 3339) when the row carried metadata.
    pub created: Option<String>,
    /// The AGE cell as the server printed it, for when `created` is unknown.
    pub age_cell: String,
    pub labels: BTreeMap<String, String>,
    pub resource_version: Option<String>,
}

/// One page of a Table list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SecretTablePage {
    pub rows: Vec<SecretRow>,
    /// Present when more pages follow; pass it as `continue`.
    pub continue_token: Option<String>,
    /// The list's version, to watch from.
    pub resource_version: Option<String>,
    /// How many items the following pages hold, when the server says.
    pub remaining: Option<i64>,
}

/// One event of a Table watch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretWatchEvent {
    /// ADDED: a secret that did not exist before.
    Added(SecretRow),
    /// MODIFIED.
    Upsert(SecretRow),
    /// DELETED, by namespace (empty when the event did not say) and name.
    Deleted { namespace: String, name: String },
    /// BOOKMARK: nothing changed up to this resourceVersion.
    Bookmark(String),
    /// ERROR with 410 Gone: the version watched from is too old; relist.
    Expired,
    /// Any other ERROR, with the server's message.
    Error(String),
}

/// Reads a `GET …/secrets` answer requested as a Table.
pub fn parse_secret_table(json: &str) -> Result<SecretTablePage, String> {
    let table = parse_json(json)?;
    expect_table(&table)?;
    let meta = &table["metadata"];
    Ok(SecretTablePage {
        rows: table_rows(&table, None)?,
        continue_token: string_at(meta, "continue").filter(|t| !t.is_empty()),
        resource_version: string_at(meta, "resourceVersion").filter(|v| !v.is_empty()),
        remaining: meta["remainingItemCount"].as_i64(),
    })
}

/// Reads one line of a Table watch (`watch=1`, JSON lines).
pub fn parse_watch_line(line: &str) -> Result<SecretWatchEvent, String> {
    let event = parse_json(line)?;
    let object = &event["object"];
    match event["type"].as_str() {
        Some("ADDED") => Ok(SecretWatchEvent::Added(event_row(object)?)),
        Some("MODIFIED") => Ok(SecretWatchEvent::Upsert(event_row(object)?)),
        Some("DELETED") => {
            let row = event_row(object)?;
            Ok(SecretWatchEvent::Deleted {
                namespace: row.namespace,
                name: row.name,
            })
        }
        Some("BOOKMARK") => {
            // A Table whose metadata holds the version, or the bare object
            // with only `metadata.resourceVersion`; older servers put it in
            // the row's object.
            [
                &object["metadata"],
                &object["rows"][0]["object"]["metadata"],
            ]
            .into_iter()
            .find_map(|meta| string_at(meta, "resourceVersion").filter(|v| !v.is_empty()))
            .map(SecretWatchEvent::Bookmark)
            .ok_or_else(|| "a BOOKMARK event without a resourceVersion".to_string())
        }
        Some("ERROR") => {
            let gone = object["code"].as_i64() == Some(410)
                || matches!(object["reason"].as_str(), Some("Expired" | "Gone"));
            Ok(if gone {
                SecretWatchEvent::Expired
            } else {
                SecretWatchEvent::Error(match string_at(object, "message") {
                    Some(message) if !message.is_empty() => message,
                    _ => format!(
                        "the watch failed (code {})",
                        object["code"].as_i64().unwrap_or(0)
                    ),
                })
            })
        }
        Some(_) => Err("a watch event of an unknown type".into()),
        None => Err("a watch event without a type".into()),
    }
}

/// The one row of an ADDED/MODIFIED/DELETED event's Table. A server that
/// did not convert to a Table sends the object itself; that is read too,
/// taking only metadata, the type and the number of keys.
fn event_row(object: &Value) -> Result<SecretRow, String> {
    match object["kind"].as_str() {
        Some("Table") => table_row(object),
        None if object.get("rows").is_some() => table_row(object),
        Some("Secret" | "PartialObjectMetadata") => {
            let mut row = row_from_metadata(&object["metadata"]);
            row.secret_type = string_at(object, "type").unwrap_or_default();
            row.keys = object["data"].as_object().map_or(0, |d| saturate(d.len()));
            if row.name.is_empty() {
                Err("a watch event for an object without a name".into())
            } else {
                Ok(row)
            }
        }
        _ => Err("a watch event whose object is not a Table".into()),
    }
}

/// The single row of a watch event's Table, which describes one object.
fn table_row(table: &Value) -> Result<SecretRow, String> {
    let table_version = string_at(&table["metadata"], "resourceVersion");
    table_rows(table, table_version)?
        .into_iter()
        .next()
        .ok_or_else(|| "a watch event with an empty Table".to_string())
}

fn parse_json(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| {
        format!(
            "the server's answer is not valid JSON (line {}, column {})",
            e.line(),
            e.column()
        )
    })
}

fn expect_table(value: &Value) -> Result<(), String> {
    match value["kind"].as_str() {
        Some("Table") => Ok(()),
        Some("Status") => Err(format!(
            "the server answered with an error (code {}) instead of a Table",
            value["code"].as_i64().unwrap_or(0)
        )),
        _ if !value.is_object() => Err("the server's answer is not a JSON object".into()),
        _ => Err("the server's answer is not a Table".into()),
    }
}

/// Where the cells we read are, by column name.
struct Columns {
    namespace: Option<usize>,
    name: Option<usize>,
    secret_type: Option<usize>,
    keys: Option<usize>,
    age: Option<usize>,
}

impl Columns {
    fn of(table: &Value) -> Columns {
        match table["columnDefinitions"].as_array() {
            Some(defs) if !defs.is_empty() => {
                let find = |wanted: &str| {
                    defs.iter().position(|d| {
                        d["name"]
                            .as_str()
                            .is_some_and(|n| n.eq_ignore_ascii_case(wanted))
                    })
                };
                Columns {
                    namespace: find("namespace"),
                    name: find("name"),
                    secret_type: find("type"),
                    keys: find("data"),
                    age: find("age"),
                }
            }
            // The secrets printer's order, for watch events after the first.
            _ => Columns {
                namespace: None,
                name: Some(0),
                secret_type: Some(1),
                keys: Some(2),
                age: Some(3),
            },
        }
    }
}

/// The rows of a Table. `fallback_version` is the Table's resourceVersion
/// when it describes a single object (a watch event), used for rows that
/// carry no metadata of their own.
fn table_rows(table: &Value, fallback_version: Option<String>) -> Result<Vec<SecretRow>, String> {
    let rows = match &table["rows"] {
        Value::Null => return Ok(Vec::new()),
        Value::Array(rows) => rows,
        _ => return Err("the Table's rows are not a list".into()),
    };
    let columns = Columns::of(table);
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let cells = row["cells"].as_array().map(Vec::as_slice).unwrap_or(&[]);
            let cell = |at: Option<usize>| at.and_then(|i| cells.get(i)).unwrap_or(&Value::Null);
            let mut parsed = row_from_metadata(&row["object"]["metadata"]);
            if let Some(name) = cell(columns.name).as_str().filter(|n| !n.is_empty()) {
                parsed.name = name.to_string();
            }
            if parsed.name.is_empty() {
                return Err(format!("row {} of the Table has no name", i + 1));
            }
            if let Some(ns) = cell(columns.namespace).as_str().filter(|n| !n.is_empty()) {
                parsed.namespace = ns.to_string();
            }
            parsed.secret_type = cell(columns.secret_type)
                .as_str()
                .unwrap_or_default()
                .to_string();
            parsed.keys = count(cell(columns.keys));
            parsed.age_cell = cell(columns.age).as_str().unwrap_or_default().to_string();
            if parsed.resource_version.is_none() {
                parsed.resource_version = fallback_version.clone();
            }
            Ok(parsed)
        })
        .collect()
}

/// Name, creation time, labels and version from an object's metadata (a
/// `PartialObjectMetadata`); empty when there is none.
fn row_from_metadata(meta: &Value) -> SecretRow {
    SecretRow {
        namespace: string_at(meta, "namespace").unwrap_or_default(),
        name: string_at(meta, "name").unwrap_or_default(),
        created: string_at(meta, "creationTimestamp"),
        labels: meta["labels"]
            .as_object()
            .map(|labels| {
                labels
                    .iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                    .collect()
            })
            .unwrap_or_default(),
        resource_version: string_at(meta, "resourceVersion").filter(|v| !v.is_empty()),
        ..SecretRow::default()
    }
}

/// The DATA cell: a number, or its text from a server that printed one.
fn count(cell: &Value) -> u32 {
    match cell {
        Value::Number(n) => n
            .as_u64()
            .map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX)),
        Value::String(s) => s.trim().parse().unwrap_or(0),
        _ => 0,
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn string_at(value: &Value, key: &str) -> Option<String> {
    value.get(key)?.as_str().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PAGE_WITH_METADATA: &str = r#"{
      "kind": "Table", "apiVersion": "meta.k8s.io/v1",
      "metadata": {"resourceVersion": "1042", "continue": "eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ", "remainingItemCount": 1498},
      "columnDefinitions": [
        {"name": "Name", "type": "string", "format": "name", "description": "Name must be unique within a namespace.", "priority": 0},
        {"name": "Type", "type": "string", "format": "", "description": "Used to facilitate programmatic handling of secret data.", "priority": 0},
        {"name": "Data", "type": "string", "format": "", "description": "Data contains the secret data.", "priority": 0},
        {"name": "Age", "type": "string", "format": "", "description": "CreationTimestamp is a timestamp.", "priority": 0}
      ],
      "rows": [
        {"cells": ["db-credentials", "Opaque", 3, "5m"],
         "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
           "metadata": {"name": "db-credentials", "namespace": "team-a", "uid": "6f1c0a54-6b0e-4a55-9d1e-0d2a1c1f3b11",
             "resourceVersion": "1040", "creationTimestamp": "2026-11-27T10:00:00Z",
             "labels": {"app": "db", "tier": "backend"}}}},
        {"cells": ["web-tls", "kubernetes.io/tls", 2, "400d"],
         "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
           "metadata": {"name": "web-tls", "namespace": "team-a", "resourceVersion": "17",
             "creationTimestamp": "2025-10-23T09:00:00Z"}}}
      ]
    }"#;

    /// What `includeObject=None` returns: no objects at all.
    const PAGE_WITHOUT_OBJECTS: &str = r#"{
      "kind": "Table", "apiVersion": "meta.k8s.io/v1",
      "metadata": {"resourceVersion": "2001"},
      "columnDefinitions": [
        {"name": "NAME", "type": "string"}, {"name": "age", "type": "string"},
        {"name": "Data", "type": "string"}, {"name": "Type", "type": "string"},
        {"name": "Extra", "type": "string"}
      ],
      "rows": [
        {"cells": ["registry", "2d5h", 1, "kubernetes.io/dockerconfigjson", "x"], "object": null},
        {"cells": ["empty", "45s", 0, "Opaque", "y"]}
      ]
    }"#;

    #[test]
    fn reads_a_page_with_metadata() {
        let page = parse_secret_table(PAGE_WITH_METADATA).unwrap();
        assert_eq!(page.resource_version.as_deref(), Some("1042"));
        assert_eq!(
            page.continue_token.as_deref(),
            Some("eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ")
        );
        assert_eq!(page.remaining, Some(1498));
        assert_eq!(
            page.rows[0],
            SecretRow {
                namespace: "team-a".into(),
                name: "db-credentials".into(),
                secret_type: "Opaque".into(),
                keys: 3,
                created: Some("2026-11-27T10:00:00Z".into()),
                age_cell: "5m".into(),
                labels: [("app", "db"), ("tier", "backend")]
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .into(),
                resource_version: Some("1040".into()),
            }
        );
        assert_eq!(page.rows[1].secret_type, "kubernetes.io/tls");
        assert!(page.rows[1].labels.is_empty());
    }

    #[test]
    fn reads_a_page_without_objects_by_column_name() {
        let page = parse_secret_table(PAGE_WITHOUT_OBJECTS).unwrap();
        assert_eq!(page.continue_token, None);
        assert_eq!(page.remaining, None);
        let row = &page.rows[0];
        assert_eq!(row.name, "registry");
        assert_eq!(row.secret_type, "kubernetes.io/dockerconfigjson");
        assert_eq!(row.keys, 1);
        assert_eq!(row.age_cell, "2d5h");
        assert_eq!(row.created, None);
        assert_eq!(row.resource_version, None);
        assert_eq!(page.rows[1].name, "empty");
    }

    /// What kube-apiserver 1.37 answers for `GET /api/v1/secrets` with
    /// `includeObject=None` (recorded): the columns of a namespaced list, no
    /// Namespace column, and no object, so no row knows its namespace.
    const CLUSTER_WIDE_WITHOUT_OBJECTS: &str = r#"{
      "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": "230"},
      "columnDefinitions": [
        {"name": "Name", "type": "string", "format": "name", "priority": 0},
        {"name": "Type", "type": "string", "format": "", "priority": 0},
        {"name": "Data", "type": "string", "format": "", "priority": 0},
        {"name": "Age", "type": "string", "format": "", "priority": 0}
      ],
      "rows": [
        {"cells": ["db-credentials", "Opaque", 3, "4s"], "object": null},
        {"cells": ["tls-cert", "kubernetes.io/tls", 2, "4s"], "object": null}
      ]
    }"#;

    #[test]
    fn a_cluster_wide_table_without_objects_names_no_namespace() {
        let page = parse_secret_table(CLUSTER_WIDE_WITHOUT_OBJECTS).unwrap();
        assert_eq!(page.rows.len(), 2);
        assert!(page.rows.iter().all(|r| r.namespace.is_empty()));
        assert_eq!(page.rows[1].name, "tls-cert");
    }

    #[test]
    fn the_namespace_comes_from_a_column_or_the_row_metadata() {
        // A server that printed a Namespace column (as kubectl adds for -A).
        let with_column = r#"{"kind":"Table","metadata":{"resourceVersion":"9"},
            "columnDefinitions":[{"name":"Namespace"},{"name":"Name"},{"name":"Type"},{"name":"Data"},{"name":"Age"}],
            "rows":[{"cells":["team-b","api","Opaque",1,"1m"],"object":null}]}"#;
        let row = &parse_secret_table(with_column).unwrap().rows[0];
        assert_eq!(
            (row.namespace.as_str(), row.name.as_str(), row.keys),
            ("team-b", "api", 1)
        );
        // Metadata rows carry it too (see PAGE_WITH_METADATA).
        let page = parse_secret_table(PAGE_WITH_METADATA).unwrap();
        assert_eq!(page.rows[1].namespace, "team-a");
        // And so does a watch event's object.
        let line = r#"{"type":"DELETED","object":{"kind":"Table","metadata":{"resourceVersion":"10"},
            "rows":[{"cells":["api","Opaque",1,"2m"],"object":{"metadata":{"name":"api","namespace":"team-b"}}}]}}"#;
        assert_eq!(
            parse_watch_line(line),
            Ok(SecretWatchEvent::Deleted {
                namespace: "team-b".into(),
                name: "api".into()
            })
        );
    }

    #[test]
    fn an_empty_list_is_a_page_without_rows() {
        let page = parse_secret_table(
            r#"{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"5"},"columnDefinitions":[],"rows":[]}"#,
        )
        .unwrap();
        assert!(page.rows.is_empty());
        assert_eq!(page.resource_version.as_deref(), Some("5"));
    }

    #[test]
    fn errors_describe_without_quoting() {
        let err = parse_secret_table("{\"kind\": \"Table\", \"rows\": [hunter2]}").unwrap_err();
        assert!(
            err.starts_with("the server's answer is not valid JSON"),
            "{err}"
        );
        assert!(!err.contains("hunter2"));

        let err =
            parse_secret_table(r#"{"kind":"Secret","data":{"k":"aHVudGVyMg=="}}"#).unwrap_err();
        assert_eq!(err, "the server's answer is not a Table");

        let err = parse_secret_table(r#"{"kind":"Status","code":403,"message":"forbidden"}"#)
            .unwrap_err();
        assert_eq!(
            err,
            "the server answered with an error (code 403) instead of a Table"
        );

        let err =
            parse_secret_table(r#"{"kind":"Table","rows":[{"cells":["", "Opaque", 1, "1s"]}]}"#)
                .unwrap_err();
        assert_eq!(err, "row 1 of the Table has no name");
    }

    /// A watch sends column definitions with its first event only.
    #[test]
    fn watch_events_with_and_without_headers() {
        let first = r#"{"type":"ADDED","object":{"kind":"Table","apiVersion":"meta.k8s.io/v1",
            "metadata":{"resourceVersion":"3001"},
            "columnDefinitions":[{"name":"Name"},{"name":"Type"},{"name":"Data"},{"name":"Age"}],
            "rows":[{"cells":["api-token","Opaque",1,"0s"],"object":null}]}}"#;
        let SecretWatchEvent::Added(row) = parse_watch_line(first).unwrap() else {
            panic!("expected an addition");
        };
        assert_eq!((row.name.as_str(), row.keys), ("api-token", 1));
        assert_eq!(row.namespace, "", "includeObject=None names no namespace");
        assert_eq!(row.resource_version.as_deref(), Some("3001"));

        let later = r#"{"type":"MODIFIED","object":{"kind":"Table","apiVersion":"meta.k8s.io/v1",
            "metadata":{"resourceVersion":"3002"},"columnDefinitions":null,
            "rows":[{"cells":["api-token","Opaque",2,"1m"],
              "object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1",
                "metadata":{"name":"api-token","resourceVersion":"3002","creationTimestamp":"2026-11-27T10:00:00Z"}}}]}}"#;
        let SecretWatchEvent::Upsert(row) = parse_watch_line(later).unwrap() else {
            panic!("expected an upsert");
        };
        assert_eq!(row.keys, 2);
        assert_eq!(row.secret_type, "Opaque");
        assert_eq!(row.created.as_deref(), Some("2026-11-27T10:00:00Z"));

        let deleted = r#"{"type":"DELETED","object":{"kind":"Table","apiVersion":"meta.k8s.io/v1",
            "metadata":{"resourceVersion":"3003"},"rows":[{"cells":["api-token","Opaque",2,"2m"]}]}}"#;
        assert_eq!(
            parse_watch_line(deleted),
            Ok(SecretWatchEvent::Deleted {
                namespace: String::new(),
                name: "api-token".into()
            })
        );
    }

    #[test]
    fn bookmarks_in_any_shape() {
        let as_table = r#"{"type":"BOOKMARK","object":{"kind":"Table","apiVersion":"meta.k8s.io/v1",
            "metadata":{"resourceVersion":"4100"},"columnDefinitions":null,
            "rows":[{"cells":["","",0,"<unknown>"],"object":null}]}}"#;
        let as_metadata = r#"{"type":"BOOKMARK","object":{"kind":"PartialObjectMetadata",
            "apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"4101",
            "annotations":{"k8s.io/initial-events-end":"true"}}}}"#;
        let in_row = r#"{"type":"BOOKMARK","object":{"kind":"Table","metadata":{},
            "rows":[{"cells":[],"object":{"metadata":{"resourceVersion":"4102"}}}]}}"#;
        assert_eq!(
            parse_watch_line(as_table),
            Ok(SecretWatchEvent::Bookmark("4100".into()))
        );
        assert_eq!(
            parse_watch_line(as_metadata),
            Ok(SecretWatchEvent::Bookmark("4101".into()))
        );
        assert_eq!(
            parse_watch_line(in_row),
            Ok(SecretWatchEvent::Bookmark("4102".into()))
        );
        assert!(parse_watch_line(r#"{"type":"BOOKMARK","object":{}}"#).is_err());
    }

    #[test]
    fn errors_and_expiry() {
        let gone = r#"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},
            "status":"Failure","message":"too old resource version: 1 (4100)","reason":"Expired","code":410}}"#;
        assert_eq!(parse_watch_line(gone), Ok(SecretWatchEvent::Expired));
        let other = r#"{"type":"ERROR","object":{"kind":"Status","status":"Failure",
            "message":"etcdserver: request timed out","code":500}}"#;
        assert_eq!(
            parse_watch_line(other),
            Ok(SecretWatchEvent::Error(
                "etcdserver: request timed out".into()
            ))
        );
        assert!(parse_watch_line("").is_err());
        assert!(parse_watch_line(r#"{"type":"RESYNC","object":{}}"#).is_err());
    }

    #[test]
    fn an_unconverted_secret_yields_no_values() {
        let line = r#"{"type":"ADDED","object":{"kind":"Secret","apiVersion":"v1",
            "metadata":{"name":"raw","resourceVersion":"9"},"type":"Opaque",
            "data":{"a":"aHVudGVyMg==","b":"eA=="}}}"#;
        let event = parse_watch_line(line).unwrap();
        assert_eq!(
            event,
            SecretWatchEvent::Added(SecretRow {
                name: "raw".into(),
                secret_type: "Opaque".into(),
                keys: 2,
                resource_version: Some("9".into()),
                ..SecretRow::default()
            })
        );
        assert!(!format!("{event:?}").contains("aHVudGVyMg"));
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            "[a-zA-Z0-9 :<>-]{0,8}".prop_map(Value::from),
            prop_oneof![
                Just("Table"),
                Just("Name"),
                Just("rows"),
                Just("cells"),
                Just("2026-11-27T10:00:00Z")
            ]
            .prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::btree_map(
                    prop_oneof![
                        Just("kind".to_string()),
                        Just("metadata".to_string()),
                        Just("rows".to_string()),
                        Just("cells".to_string()),
                        Just("object".to_string()),
                        Just("name".to_string()),
                        Just("resourceVersion".to_string()),
                        Just("labels".to_string()),
                        Just("columnDefinitions".to_string()),
                        Just("code".to_string()),
                        "[a-z]{1,6}",
                    ],
                    inner,
                    0..6
                )
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn parsers_never_panic_on_text(s in "\\PC{0,200}") {
            let _ = parse_secret_table(&s);
            let _ = parse_watch_line(&s);
        }

        #[test]
        fn parsers_never_panic_on_odd_json(
            value in json_value(),
            kind in prop_oneof![Just("Table"), Just("Secret"), Just("PartialObjectMetadata"), Just("Status")],
            event in prop_oneof![Just("ADDED"), Just("MODIFIED"), Just("DELETED"), Just("BOOKMARK"), Just("ERROR")],
        ) {
            let table = serde_json::json!({"kind": kind, "metadata": value, "rows": [value, {"cells": value, "object": value}], "columnDefinitions": value});
            let _ = parse_secret_table(&table.to_string());
            let _ = parse_secret_table(&value.to_string());
            let _ = parse_watch_line(&serde_json::json!({"type": event, "object": table}).to_string());
            let _ = parse_watch_line(&serde_json::json!({"type": event, "object": value}).to_string());
        }
    }
}
