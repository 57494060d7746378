//! Parsed documents → what would be imported: each Secret as a form draft
//! (the create form's own checks then apply), everything else refused by
//! its position and name.

use std::collections::BTreeMap;
use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{Map, Value};

use crate::model::import::parse::ParsedDocument;
use crate::model::secret::draft::{DraftEntry, SecretDraft};

/// Where a candidate came from: its document and, inside a `List`, its item
/// (both counted from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    pub document: usize,
    pub item: Option<usize>,
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.item {
            Some(item) => write!(f, "document {}, item {}", self.document, item),
            None => write!(f, "document {}", self.document),
        }
    }
}

/// One Secret found in the input, or why a document is not imported.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub origin: Origin,
    /// `metadata.name` as written, for messages ("" when missing).
    pub name: String,
    pub outcome: Result<Found, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub draft: SecretDraft,
    /// The document names its namespace itself (`metadata.namespace`), and it
    /// is not the one the user is browsing.
    pub other_namespace: bool,
    /// Keys of `data` that are not valid base64: nothing is imported while any
    /// is left.
    pub bad_base64: Vec<String>,
    /// What the document holds that the import leaves out.
    pub notes: Vec<String>,
}

/// Metadata a created object gets from the server, or that belongs to the
/// object it was exported from: silently dropped, as `kubectl create -f`
/// would refuse or overwrite them.
const SERVER_METADATA: [&str; 7] = [
    "uid",
    "resourceVersion",
    "creationTimestamp",
    "managedFields",
    "generation",
    "selfLink",
    "deletionTimestamp",
];

/// Every candidate of the documents, `List`s opened into their items, each
/// checked for kind and read into a draft whose namespace is the document's
/// own or else `browsed`.
pub fn candidates(documents: &[ParsedDocument], browsed: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    for doc in documents {
        let origin = Origin {
            document: doc.index,
            item: None,
            line: doc.line,
        };
        match list_items(&doc.value) {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    let origin = Origin {
                        item: Some(i + 1),
                        ..origin
                    };
                    out.push(candidate(item, origin, browsed));
                }
            }
            None => out.push(candidate(&doc.value, origin, browsed)),
        }
    }
    refuse_repeats(&mut out);
    out
}

/// A secret named twice in one input: the second would fail on create (or
/// silently overwrite the first on update), so it is refused up front.
fn refuse_repeats(candidates: &mut [Candidate]) {
    let mut seen: Vec<(String, String, Origin)> = Vec::new();
    for c in candidates.iter_mut() {
        let Ok(found) = &c.outcome else { continue };
        let id = (found.draft.namespace.clone(), c.name.clone());
        match seen
            .iter()
            .find(|(ns, name, _)| (ns, name) == (&id.0, &id.1))
        {
            Some((ns, name, first)) => {
                c.outcome = Err(format!(
                    "names the same secret as {first} ({ns}/{name}): import one of them"
                ))
            }
            None => seen.push((id.0, id.1, c.origin)),
        }
    }
}

/// The items of a `v1` `List` (what `kubectl get -o yaml` prints for several
/// objects), or of a typed list such as `SecretList`.
fn list_items(value: &Value) -> Option<&Vec<Value>> {
    let kind = value.get("kind")?.as_str()?;
    if kind != "List" && kind != "SecretList" {
        return None;
    }
    value.get("items")?.as_array()
}

fn candidate(value: &Value, origin: Origin, browsed: &str) -> Candidate {
    let name = value
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let outcome = read_secret(value, &name, browsed);
    Candidate {
        origin,
        name,
        outcome,
    }
}

fn read_secret(value: &Value, name: &str, browsed: &str) -> Result<Found, String> {
    let Some(object) = value.as_object() else {
        return Err("is not an object: Keyhole imports only v1 Secrets".into());
    };
    let kind = object.get("kind").and_then(Value::as_str).unwrap_or("");
    let api_version = object
        .get("apiVersion")
        .and_then(Value::as_str)
        .unwrap_or("");
    if kind != "Secret" || api_version != "v1" {
        let what = match (kind, api_version) {
            ("", _) => "has no kind".to_string(),
            (kind, "") => format!("is a {kind} without apiVersion"),
            (kind, version) => format!("is a {kind} ({version})"),
        };
        return Err(format!("{what}: Keyhole imports only v1 Secrets"));
    }
    if name.is_empty() {
        return Err("has no metadata.name: a Secret needs a name".into());
    }
    let meta = object.get("metadata").and_then(Value::as_object);
    let own_namespace = meta
        .and_then(|m| m.get("namespace"))
        .and_then(Value::as_str)
        .filter(|ns| !ns.is_empty());
    let mut notes = Vec::new();
    let mut bad_base64 = Vec::new();
    let mut entries: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (key, v) in string_map(object.get("data"), "data")? {
        match STANDARD.decode(v.as_bytes()) {
            Ok(bytes) => {
                entries.insert(key, bytes);
            }
            Err(_) => bad_base64.push(key),
        }
    }
    // The apiserver merges stringData into data, stringData winning.
    for (key, v) in string_map(object.get("stringData"), "stringData")? {
        bad_base64.retain(|k| k != &key);
        entries.insert(key, v.into_bytes());
    }
    if let Some(meta) = meta {
        let dropped: Vec<&str> = meta
            .keys()
            .map(String::as_str)
            .filter(|k| !["name", "namespace", "labels", "annotations"].contains(k))
            .filter(|k| !SERVER_METADATA.contains(k))
            .collect();
        if !dropped.is_empty() {
            notes.push(format!(
                "not imported: metadata.{}",
                dropped.join(", metadata.")
            ));
        }
    }
    let immutable = match object.get("immutable") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err("has an immutable field that is not true or false".into()),
    };
    let secret_type = match object.get("type") {
        None | Some(Value::Null) => "Opaque".to_string(),
        Some(Value::String(t)) => t.clone(),
        Some(_) => return Err("has a type that is not a string".into()),
    };
    Ok(Found {
        draft: SecretDraft {
            name: name.to_string(),
            namespace: own_namespace.unwrap_or(browsed).to_string(),
            secret_type,
            entries: entries
                .into_iter()
                .map(|(key, value)| DraftEntry {
                    key,
                    value,
                    original_key: None,
                })
                .collect(),
            labels: pairs(meta.and_then(|m| m.get("labels")), "metadata.labels")?,
            annotations: pairs(
                meta.and_then(|m| m.get("annotations")),
                "metadata.annotations",
            )?,
            immutable,
        },
        other_namespace: own_namespace.is_some_and(|ns| ns != browsed),
        bad_base64,
        notes,
    })
}

/// A map of strings (`data`, `stringData`, labels). A value that is not a
/// string — `port: 5432` unquoted — is refused by key: the apiserver would
/// refuse it too, and guessing its text would import something else than
/// what `kubectl apply` sees.
fn string_map(value: Option<&Value>, field: &str) -> Result<Vec<(String, String)>, String> {
    let map: &Map<String, Value> = match value {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Object(map)) => map,
        Some(_) => return Err(format!("has a {field} that is not a mapping")),
    };
    map.iter()
        .map(|(key, v)| match v {
            Value::String(s) => Ok((key.clone(), s.clone())),
            _ => Err(format!(
                "{field} key \"{key}\" is not a string: quote its value"
            )),
        })
        .collect()
}

fn pairs(value: Option<&Value>, field: &str) -> Result<Vec<(String, String)>, String> {
    string_map(value, field)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::import::parse::parse_documents;

    fn read(text: &str) -> Vec<Candidate> {
        candidates(&parse_documents(text).expect("parses"), "team-a")
    }

    fn found(c: &Candidate) -> &Found {
        c.outcome.as_ref().expect("a secret")
    }

    fn value_of<'a>(draft: &'a SecretDraft, key: &str) -> &'a [u8] {
        &draft
            .entries
            .iter()
            .find(|e| e.key == key)
            .expect(key)
            .value
    }

    #[test]
    fn two_documents_data_and_string_data() {
        let c = read(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: one\ndata:\n  user: YWRtaW4=\n\
             ---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: two\n  namespace: other\n\
             type: kubernetes.io/basic-auth\nstringData:\n  username: admin\n  password: |\n    a\n    b\n",
        );
        assert_eq!(c.len(), 2);
        let one = found(&c[0]);
        assert_eq!(one.draft.namespace, "team-a");
        assert!(!one.other_namespace);
        assert_eq!(one.draft.secret_type, "Opaque");
        assert_eq!(value_of(&one.draft, "user"), b"admin");
        let two = found(&c[1]);
        assert_eq!((c[1].origin.document, c[1].origin.line), (2, 7));
        assert_eq!(two.draft.namespace, "other");
        assert!(two.other_namespace);
        assert_eq!(two.draft.secret_type, "kubernetes.io/basic-auth");
        assert_eq!(value_of(&two.draft, "password"), b"a\nb\n");
    }

    #[test]
    fn the_browsed_namespace_written_out_is_not_another() {
        let c = read("apiVersion: v1\nkind: Secret\nmetadata: {name: x, namespace: team-a}\n");
        assert!(!found(&c[0]).other_namespace);
    }

    #[test]
    fn string_data_wins_over_data_as_on_the_apiserver() {
        let c = read(
            "apiVersion: v1\nkind: Secret\nmetadata: {name: m}\n\
             data: {a: b2xk, b: Yg==, c: '***'}\nstringData: {a: new, c: fixed}\n",
        );
        let f = found(&c[0]);
        assert_eq!(value_of(&f.draft, "a"), b"new");
        assert_eq!(value_of(&f.draft, "b"), b"b");
        assert_eq!(value_of(&f.draft, "c"), b"fixed");
        assert!(f.bad_base64.is_empty());
    }

    #[test]
    fn invalid_base64_names_the_key() {
        let c = read("apiVersion: v1\nkind: Secret\nmetadata: {name: m}\ndata: {good: YQ==, bad: 'not base64!'}\n");
        assert_eq!(found(&c[0]).bad_base64, ["bad"]);
    }

    #[test]
    fn other_kinds_are_refused_by_position_and_name() {
        let c = read(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-config}\ndata: {a: b}\n\
             ---\napiVersion: apps/v1\nkind: Secret\nmetadata: {name: odd}\n---\nmetadata: {name: bare}\n\
             ---\nkind: Secret\nmetadata: {name: noversion}\n---\n- a list\n",
        );
        let refusals: Vec<(String, String, String)> = c
            .iter()
            .map(|c| {
                (
                    c.origin.to_string(),
                    c.name.clone(),
                    c.outcome.clone().unwrap_err(),
                )
            })
            .collect();
        assert_eq!(
            refusals,
            [
                (
                    "document 1".into(),
                    "app-config".into(),
                    "is a ConfigMap (v1): Keyhole imports only v1 Secrets".into()
                ),
                (
                    "document 2".into(),
                    "odd".into(),
                    "is a Secret (apps/v1): Keyhole imports only v1 Secrets".into()
                ),
                (
                    "document 3".into(),
                    "bare".into(),
                    "has no kind: Keyhole imports only v1 Secrets".into()
                ),
                (
                    "document 4".into(),
                    "noversion".into(),
                    "is a Secret without apiVersion: Keyhole imports only v1 Secrets".into()
                ),
                (
                    "document 5".into(),
                    "".into(),
                    "is not an object: Keyhole imports only v1 Secrets".into()
                ),
            ]
        );
    }

    #[test]
    fn the_same_secret_twice_is_refused_the_second_time() {
        let c = read(
            "apiVersion: v1\nkind: Secret\nmetadata: {name: a}\n---\n\
             apiVersion: v1\nkind: Secret\nmetadata: {name: a, namespace: elsewhere}\n---\n\
             apiVersion: v1\nkind: Secret\nmetadata: {name: a, namespace: team-a}\n",
        );
        assert!(c[0].outcome.is_ok());
        assert!(c[1].outcome.is_ok(), "another namespace, another secret");
        assert_eq!(
            c[2].outcome,
            Err("names the same secret as document 1 (team-a/a): import one of them".into())
        );
    }

    /// `kubectl get secret -o yaml --show-managed-fields` (v1.37), values
    /// replaced: what a user copies from a terminal to move a secret.
    const KUBECTL_GET: &str = r#"apiVersion: v1
data:
  password: cGFzcw==
kind: Secret
metadata:
  creationTimestamp: "2026-12-02T16:16:47Z"
  managedFields:
  - apiVersion: v1
    fieldsType: FieldsV1
    fieldsV1:
      f:data:
        .: {}
        f:password: {}
      f:type: {}
    manager: kubectl-create
    operation: Update
    time: "2026-12-02T16:16:47Z"
  name: db-credentials
  namespace: default
  resourceVersion: "228"
  uid: 0b6e4c1e-5d1f-4f7e-9a4e-000000000000
type: Opaque
"#;

    #[test]
    fn reads_what_kubectl_get_prints_and_drops_server_metadata_quietly() {
        let c = read(KUBECTL_GET);
        let f = found(&c[0]);
        assert_eq!(f.draft.name, "db-credentials");
        assert_eq!(f.draft.namespace, "default");
        assert!(f.other_namespace);
        assert_eq!(value_of(&f.draft, "password"), b"pass");
        assert!(f.notes.is_empty(), "{:?}", f.notes);
        let secret = f.draft.to_secret();
        assert_eq!(secret.metadata.resource_version, None);
        assert_eq!(secret.metadata.uid, None);
    }

    #[test]
    fn a_missing_name_is_refused() {
        let c = read("apiVersion: v1\nkind: Secret\nmetadata: {generateName: x-}\n");
        assert_eq!(
            c[0].outcome,
            Err("has no metadata.name: a Secret needs a name".into())
        );
    }

    #[test]
    fn a_list_opens_into_its_items() {
        let docs = parse_documents(
            r#"{"apiVersion": "v1", "kind": "List", "items": [
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "a", "uid": "u", "resourceVersion": "9",
                  "ownerReferences": []}, "data": {"k": "dg=="}},
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}
            ]}"#,
        )
        .unwrap();
        let c = candidates(&docs, "team-a");
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].origin.to_string(), "document 1, item 1");
        let a = found(&c[0]);
        assert_eq!(value_of(&a.draft, "k"), b"v");
        assert_eq!(a.notes, ["not imported: metadata.ownerReferences"]);
        assert_eq!(c[1].origin.to_string(), "document 1, item 2");
        assert!(c[1].outcome.is_err());
    }

    #[test]
    fn a_number_where_a_string_belongs_is_refused_by_key() {
        let c =
            read("apiVersion: v1\nkind: Secret\nmetadata: {name: m}\nstringData: {port: 5432}\n");
        assert_eq!(
            c[0].outcome,
            Err("stringData key \"port\" is not a string: quote its value".into())
        );
    }

    #[test]
    fn labels_annotations_type_and_immutable_are_kept() {
        let c = read(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: m\n  labels: {app: web}\n  annotations: {note: hi}\n\
             type: Opaque\nimmutable: true\n",
        );
        let d = &found(&c[0]).draft;
        assert_eq!(d.labels, [("app".to_string(), "web".to_string())]);
        assert_eq!(d.annotations, [("note".to_string(), "hi".to_string())]);
        assert!(d.immutable);
    }
}
