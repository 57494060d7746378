//! The create/edit form as plain data: what the user typed, checked the way
//! the apiserver will check it, and turned into (or read from) a `Secret`.
//!
//! A row whose key and value are both empty is a blank row the form shows for
//! typing into; it is ignored everywhere here.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use k8s_openapi::api::core::v1::Secret;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::ByteString;

use crate::model::problem::Problem;
use crate::model::secret::validation::{
    validate_annotation_key, validate_data_key, validate_label_key, validate_label_value,
    validate_secret_name, MAX_ANNOTATIONS_BYTES, MAX_SECRET_DATA_BYTES,
};
use crate::model::secret::value::{exact_size, human_size};

/// One key/value row of the form.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct DraftEntry {
    pub key: String,
    pub value: Vec<u8>,
    /// The key this row had in the stored secret; `None` for a new row. It is
    /// how a rename is told apart from a removal plus an addition.
    pub original_key: Option<String>,
}

impl DraftEntry {
    fn is_blank(&self) -> bool {
        self.key.is_empty() && self.value.is_empty()
    }
}

/// Redacted: the value is a secret, and `{:?}` output reaches consoles and
/// panic messages.
impl fmt::Debug for DraftEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DraftEntry")
            .field("key", &self.key)
            .field(
                "value",
                &format_args!("<{} bytes redacted>", self.value.len()),
            )
            .field("original_key", &self.original_key)
            .finish()
    }
}

/// Everything the create/edit form holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SecretDraft {
    pub name: String,
    pub namespace: String,
    /// `Opaque`, `kubernetes.io/tls`, …; empty means the server's default,
    /// `Opaque`.
    pub secret_type: String,
    pub entries: Vec<DraftEntry>,
    pub labels: Vec<(String, String)>,
    pub annotations: Vec<(String, String)>,
    pub immutable: bool,
}

/// Which input a problem belongs to; indexes are positions in the draft's
/// `entries`, `labels` or `annotations`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Key(usize),
    Value(usize),
    LabelKey(usize),
    LabelValue(usize),
    AnnotationKey(usize),
    /// All annotations together (their size limit).
    Annotations,
    /// All values together (the 1 MiB limit).
    Data,
}

impl SecretDraft {
    /// Every problem the apiserver would reject, each on its field. An empty
    /// draft (no entries) is valid: Kubernetes allows a Secret without data.
    pub fn validate(&self) -> Vec<Problem<Field>> {
        let mut errors = Vec::new();
        if let Err(message) = validate_secret_name(&self.name) {
            errors.push(Problem::error(Field::Name, message));
        }
        self.validate_entries(&mut errors);
        validate_pairs(
            &self.labels,
            Field::LabelKey,
            validate_label_key,
            &mut errors,
        );
        for (i, (key, value)) in self.labels.iter().enumerate() {
            if key.is_empty() && value.is_empty() {
                continue;
            }
            if let Err(message) = validate_label_value(value) {
                errors.push(Problem::error(Field::LabelValue(i), message));
            }
        }
        validate_pairs(
            &self.annotations,
            Field::AnnotationKey,
            validate_annotation_key,
            &mut errors,
        );
        let annotation_bytes: usize = self
            .annotations
            .iter()
            .map(|(k, v)| k.len() + v.len())
            .sum();
        if annotation_bytes > MAX_ANNOTATIONS_BYTES {
            errors.push(Problem::error(
                Field::Annotations,
                format!(
                    "the annotations add up to {}; an object holds at most {} of annotations",
                    over_limit_size(annotation_bytes, MAX_ANNOTATIONS_BYTES),
                    limit_size(MAX_ANNOTATIONS_BYTES),
                ),
            ));
        }
        errors
    }

    fn validate_entries(&self, errors: &mut Vec<Problem<Field>>) {
        let mut first_row: HashMap<&str, usize> = HashMap::new();
        let mut total = 0usize;
        for (i, entry) in self.entries.iter().enumerate() {
            if entry.is_blank() {
                continue;
            }
            total += entry.value.len();
            if entry.value.len() > MAX_SECRET_DATA_BYTES {
                errors.push(Problem::error(
                    Field::Value(i),
                    format!(
                        "this value alone is {}; a Secret holds at most {}",
                        over_limit_size(entry.value.len(), MAX_SECRET_DATA_BYTES),
                        limit_size(MAX_SECRET_DATA_BYTES),
                    ),
                ));
            }
            if let Err(message) = validate_data_key(&entry.key) {
                errors.push(Problem::error(Field::Key(i), message));
                continue;
            }
            if let Some(first) = first_row.get(entry.key.as_str()) {
                errors.push(Problem::error(
                    Field::Key(i),
                    format!("key \"{}\" is already used on row {}", entry.key, first + 1),
                ));
            } else {
                first_row.insert(&entry.key, i);
            }
        }
        if total > MAX_SECRET_DATA_BYTES {
            errors.push(Problem::error(
                Field::Data,
                format!(
                    "the values add up to {}; a Secret holds at most {}",
                    over_limit_size(total, MAX_SECRET_DATA_BYTES),
                    limit_size(MAX_SECRET_DATA_BYTES),
                ),
            ));
        }
    }

    /// The Secret to create. Blank rows are left out; `immutable` is sent
    /// only when set; no `resourceVersion` (see [`SecretDraft::to_updated_secret`]).
    pub fn to_secret(&self) -> Secret {
        Secret {
            metadata: ObjectMeta {
                name: Some(self.name.clone()),
                namespace: Some(self.namespace.clone()).filter(|ns| !ns.is_empty()),
                labels: pairs_to_map(&self.labels),
                annotations: pairs_to_map(&self.annotations),
                ..ObjectMeta::default()
            },
            type_: Some(self.secret_type.clone()).filter(|t| !t.is_empty()),
            data: self.data(),
            immutable: self.immutable.then_some(true),
            ..Secret::default()
        }
    }

    /// The Secret to write back over `stored` (a replace, `PUT`): the stored
    /// metadata is kept — `resourceVersion` for the conflict check, and
    /// owner references, finalizers and the like that the form does not
    /// show and a plain [`SecretDraft::to_secret`] would drop — with data,
    /// type, labels, annotations and immutability from the draft.
    pub fn to_updated_secret(&self, stored: &Secret) -> Secret {
        let fresh = self.to_secret();
        Secret {
            metadata: ObjectMeta {
                labels: fresh.metadata.labels,
                annotations: fresh.metadata.annotations,
                // Left out, the server keeps the field manager records as they are.
                managed_fields: None,
                ..stored.metadata.clone()
            },
            // Immutable cannot be unset on the server; keep what is stored.
            immutable: fresh.immutable.or(stored.immutable),
            ..fresh
        }
    }

    fn data(&self) -> Option<BTreeMap<String, ByteString>> {
        let data: BTreeMap<String, ByteString> = self
            .entries
            .iter()
            .filter(|e| !e.is_blank())
            .map(|e| (e.key.clone(), ByteString(e.value.clone())))
            .collect();
        Some(data).filter(|d| !d.is_empty())
    }

    /// The form for editing `secret`: entries sorted by key, each remembering
    /// its stored key. An absent type reads as `Opaque`, the server's default.
    pub fn from_secret(secret: &Secret) -> SecretDraft {
        let meta = &secret.metadata;
        let map_to_pairs = |m: &Option<BTreeMap<String, String>>| {
            m.iter()
                .flatten()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        };
        SecretDraft {
            name: meta.name.clone().unwrap_or_default(),
            namespace: meta.namespace.clone().unwrap_or_default(),
            secret_type: secret.type_.clone().unwrap_or_else(|| "Opaque".into()),
            entries: secret
                .data
                .iter()
                .flatten()
                .map(|(key, value)| DraftEntry {
                    key: key.clone(),
                    value: value.0.clone(),
                    original_key: Some(key.clone()),
                })
                .collect(),
            labels: map_to_pairs(&meta.labels),
            annotations: map_to_pairs(&meta.annotations),
            immutable: secret.immutable == Some(true),
        }
    }
}

/// Checks keys of label or annotation rows, including duplicates; blank
/// rows are skipped and a value without a key is an error.
fn validate_pairs(
    pairs: &[(String, String)],
    field: fn(usize) -> Field,
    check_key: fn(&str) -> Result<(), String>,
    errors: &mut Vec<Problem<Field>>,
) {
    let mut first_row: HashMap<&str, usize> = HashMap::new();
    for (i, (key, value)) in pairs.iter().enumerate() {
        if key.is_empty() && value.is_empty() {
            continue;
        }
        if let Err(message) = check_key(key) {
            errors.push(Problem::error(field(i), message));
        } else if let Some(first) = first_row.get(key.as_str()) {
            errors.push(Problem::error(
                field(i),
                format!("key \"{key}\" is already used on row {}", first + 1),
            ));
        } else {
            first_row.insert(key, i);
        }
    }
}

fn pairs_to_map(pairs: &[(String, String)]) -> Option<BTreeMap<String, String>> {
    let map: BTreeMap<String, String> = pairs
        .iter()
        .filter(|(k, v)| !(k.is_empty() && v.is_empty()))
        .cloned()
        .collect();
    Some(map).filter(|m| !m.is_empty())
}

/// A size over `limit`, said so that the two compare at a glance: in exact
/// bytes, since rounded `1 MiB + 1 byte` reads `1.0 MiB`, as if it fitted.
/// The rounded size follows when it is clearly bigger than the limit's:
/// `3,145,728 bytes (3.0 MiB)`.
fn over_limit_size(size: usize, limit: usize) -> String {
    let rounded = human_size(size);
    if rounded == human_size(limit) {
        exact_size(size)
    } else {
        format!("{} ({rounded})", exact_size(size))
    }
}

/// A limit in exact bytes and in the round unit it is defined in:
/// `1,048,576 bytes (1 MiB)`.
fn limit_size(limit: usize) -> String {
    let round = match limit {
        n if n >= 1 << 20 && n.is_multiple_of(1 << 20) => format!("{} MiB", n >> 20),
        n if n >= 1 << 10 && n.is_multiple_of(1 << 10) => format!("{} KiB", n >> 10),
        n => return exact_size(n),
    };
    format!("{} ({round})", exact_size(limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str, value: &[u8]) -> DraftEntry {
        DraftEntry {
            key: key.into(),
            value: value.to_vec(),
            original_key: None,
        }
    }

    fn draft(entries: Vec<DraftEntry>) -> SecretDraft {
        SecretDraft {
            name: "db-credentials".into(),
            namespace: "team-a".into(),
            secret_type: "Opaque".into(),
            entries,
            ..SecretDraft::default()
        }
    }

    fn fields(errors: &[Problem<Field>]) -> Vec<Field> {
        errors.iter().map(|e| e.field.clone()).collect()
    }

    #[test]
    fn empty_secret_is_valid() {
        assert_eq!(draft(vec![]).validate(), vec![]);
        assert_eq!(draft(vec![entry("", b"")]).validate(), vec![]);
    }

    #[test]
    fn name_and_keys_are_checked() {
        let mut d = draft(vec![
            entry("good", b"1"),
            entry("bad key", b"2"),
            entry("", b"3"),
        ]);
        d.name = "Bad_Name".into();
        let errors = d.validate();
        assert_eq!(fields(&errors), [Field::Name, Field::Key(1), Field::Key(2)]);
        assert_eq!(errors[2].message, "key is required");
    }

    #[test]
    fn duplicate_keys_name_the_key_and_the_first_row() {
        let d = draft(vec![
            entry("a", b"1"),
            entry("user", b"2"),
            entry("user", b"3"),
        ]);
        assert_eq!(
            d.validate(),
            [Problem::error(
                Field::Key(2),
                "key \"user\" is already used on row 2"
            )]
        );
    }

    #[test]
    fn size_limit_counts_values_only() {
        let half = vec![b'x'; MAX_SECRET_DATA_BYTES / 2];
        let exact = draft(vec![entry("a", &half), entry("b", &half)]);
        assert_eq!(exact.validate(), vec![]);

        let over = draft(vec![entry("a", &half), entry("b", &half), entry("c", b"!")]);
        assert_eq!(
            over.validate(),
            [Problem::error(
                Field::Data,
                "the values add up to 1,048,577 bytes; a Secret holds at most 1,048,576 bytes (1 MiB)"
            )]
        );

        let big = draft(vec![entry("a", &vec![0; 3 * MAX_SECRET_DATA_BYTES])]);
        let errors = big.validate();
        assert_eq!(fields(&errors), [Field::Value(0), Field::Data]);
        assert_eq!(
            errors[0].message,
            "this value alone is 3,145,728 bytes (3.0 MiB); a Secret holds at most 1,048,576 bytes (1 MiB)"
        );
        assert_eq!(
            errors[1].message,
            "the values add up to 3,145,728 bytes (3.0 MiB); a Secret holds at most 1,048,576 bytes (1 MiB)"
        );
    }

    #[test]
    fn one_byte_over_reads_as_over_in_exact_bytes() {
        let fits = draft(vec![entry("big", &vec![b'a'; MAX_SECRET_DATA_BYTES])]);
        assert_eq!(fits.validate(), vec![]);

        let over = draft(vec![entry("big", &vec![b'a'; MAX_SECRET_DATA_BYTES + 1])]);
        let errors = over.validate();
        assert_eq!(fields(&errors), [Field::Value(0), Field::Data]);
        assert_eq!(
            errors[0].message,
            "this value alone is 1,048,577 bytes; a Secret holds at most 1,048,576 bytes (1 MiB)"
        );
        assert_eq!(
            errors[1].message,
            "the values add up to 1,048,577 bytes; a Secret holds at most 1,048,576 bytes (1 MiB)"
        );

        let mut annotated = draft(vec![]);
        annotated.annotations = vec![("a".into(), "x".repeat(MAX_ANNOTATIONS_BYTES))];
        assert_eq!(
            annotated.validate(),
            [Problem::error(
                Field::Annotations,
                "the annotations add up to 262,145 bytes; an object holds at most 262,144 bytes \
                 (256 KiB) of annotations"
            )]
        );
    }

    #[test]
    fn limits_name_their_round_unit() {
        assert_eq!(limit_size(MAX_SECRET_DATA_BYTES), "1,048,576 bytes (1 MiB)");
        assert_eq!(limit_size(MAX_ANNOTATIONS_BYTES), "262,144 bytes (256 KiB)");
        assert_eq!(limit_size(1000), "1,000 bytes");
    }

    #[test]
    fn labels_and_annotations_are_checked() {
        let mut d = draft(vec![]);
        d.labels = vec![
            ("app".into(), "web".into()),
            ("".into(), "".into()),
            ("Bad/Key/x".into(), "ok".into()),
            ("tier".into(), "-bad".into()),
            ("app".into(), "again".into()),
        ];
        d.annotations = vec![
            ("Example.com/Owner".into(), "anything at all: ok".into()),
            ("".into(), "value without key".into()),
            ("big".into(), "x".repeat(MAX_ANNOTATIONS_BYTES)),
        ];
        assert_eq!(
            fields(&d.validate()),
            [
                Field::LabelKey(2),
                Field::LabelKey(4),
                Field::LabelValue(3),
                Field::AnnotationKey(1),
                Field::Annotations,
            ]
        );
    }

    #[test]
    fn errors_never_contain_values() {
        let value = b"hunter2-super-secret";
        let mut d = draft(vec![
            entry("", value),
            entry("k", value),
            entry("k", value),
            entry("bad key", value),
            entry(
                "big",
                &[value.as_slice(), &vec![b'z'; MAX_SECRET_DATA_BYTES]].concat(),
            ),
        ]);
        d.name = "Bad Name".into();
        for e in d.validate() {
            assert!(!e.message.contains("hunter2"), "{e:?}");
            assert!(!format!("{e:?}").contains("hunter2"));
        }
        assert!(!format!("{d:?}").contains("hunter2"));
    }

    #[test]
    fn to_secret_encodes_exact_bytes_and_omits_unset_parts() {
        let mut d = draft(vec![
            entry("bin", &[0xde, 0xad, 0xbe, 0xef, 0x00]),
            entry("text", "pässwörd\n".as_bytes()),
            entry("", b""),
        ]);
        d.labels = vec![("app".into(), "web".into())];
        let json = serde_json::to_value(d.to_secret()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "apiVersion": "v1",
                "kind": "Secret",
                "metadata": {"name": "db-credentials", "namespace": "team-a", "labels": {"app": "web"}},
                "type": "Opaque",
                "data": {"bin": "3q2+7wA=", "text": "cMOkc3N3w7ZyZAo="}
            })
        );

        d.immutable = true;
        d.entries.clear();
        d.secret_type.clear();
        let json = serde_json::to_value(d.to_secret()).unwrap();
        assert_eq!(json["immutable"], true);
        assert!(json.get("data").is_none());
        assert!(json.get("type").is_none());
        assert!(json["metadata"].get("resourceVersion").is_none());
    }

    fn stored() -> Secret {
        serde_json::from_value(serde_json::json!({
            "apiVersion": "v1", "kind": "Secret",
            "metadata": {
                "name": "db-credentials", "namespace": "team-a", "resourceVersion": "42",
                "uid": "0b5e", "finalizers": ["example.com/keep"],
                "labels": {"app": "db"}, "annotations": {"owner": "team-a"},
                "managedFields": [{"manager": "kubectl", "operation": "Update"}]
            },
            "type": "kubernetes.io/basic-auth",
            "data": {"username": "YWRtaW4=", "password": "AAEC"}
        }))
        .unwrap()
    }

    #[test]
    fn from_secret_reads_entries_sorted_with_their_keys() {
        let d = SecretDraft::from_secret(&stored());
        assert_eq!(d.name, "db-credentials");
        assert_eq!(d.namespace, "team-a");
        assert_eq!(d.secret_type, "kubernetes.io/basic-auth");
        assert_eq!(
            d.entries,
            [
                DraftEntry {
                    key: "password".into(),
                    value: vec![0, 1, 2],
                    original_key: Some("password".into())
                },
                DraftEntry {
                    key: "username".into(),
                    value: b"admin".to_vec(),
                    original_key: Some("username".into())
                },
            ]
        );
        assert_eq!(d.labels, [("app".to_string(), "db".to_string())]);
        assert!(!d.immutable);
        assert_eq!(
            SecretDraft::from_secret(&Secret::default()).secret_type,
            "Opaque"
        );
    }

    #[test]
    fn update_keeps_stored_metadata_and_takes_the_draft() {
        let mut d = SecretDraft::from_secret(&stored());
        d.entries.remove(0);
        d.labels.clear();
        let updated = d.to_updated_secret(&stored());
        assert_eq!(updated.metadata.resource_version.as_deref(), Some("42"));
        assert_eq!(
            updated.metadata.finalizers,
            Some(vec!["example.com/keep".to_string()])
        );
        assert_eq!(updated.metadata.labels, None);
        assert_eq!(updated.metadata.managed_fields, None);
        assert_eq!(
            updated.data.unwrap().keys().collect::<Vec<_>>(),
            ["username"]
        );
        assert_eq!(updated.type_.as_deref(), Some("kubernetes.io/basic-auth"));
    }
}
