//! The editor's rows as reactive state, and their translation to a draft.

use crate::model::editing::value_text::editable_text;
use crate::model::problem::Problem;
use crate::model::secret::draft::{DraftEntry, Field, SecretDraft};
use crate::model::secret::value::decode_b64_pasted;
use k8s_openapi::api::core::v1::Secret;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Where a row's value comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueInput {
    /// Keep the stored value (edit mode); never shown unless asked.
    Unchanged,
    /// The stored text value, edited in place (edit mode, text values only).
    Edited(String),
    /// A new value typed as text.
    Text(String),
    /// Raw base64 pasted by the user, decoded before sending.
    Base64(String),
    /// A file's exact bytes.
    File { name: String, bytes: Vec<u8> },
}

#[derive(Clone, Copy)]
pub struct EntryRow {
    pub id: u64,
    pub key: RwSignal<String>,
    pub input: RwSignal<ValueInput>,
    /// The key this row had in the stored secret (None for a new row).
    pub original_key: Option<StoredValue<String>>,
    /// The stored value, for `Unchanged`.
    pub original_value: Option<StoredValue<Vec<u8>>>,
}

impl EntryRow {
    pub fn new(id: u64, key: &str, input: ValueInput) -> Self {
        EntryRow {
            id,
            key: RwSignal::new(key.to_string()),
            input: RwSignal::new(input),
            original_key: None,
            original_value: None,
        }
    }

    pub fn stored(id: u64, key: &str, value: Vec<u8>) -> Self {
        EntryRow {
            original_key: Some(StoredValue::new(key.to_string())),
            original_value: Some(StoredValue::new(value)),
            ..EntryRow::new(id, key, ValueInput::Unchanged)
        }
    }

    /// The bytes to send, or why they cannot be had.
    fn value(&self) -> Result<Vec<u8>, String> {
        match self.input.get_untracked() {
            ValueInput::Unchanged => Ok(self
                .original_value
                .map(|v| v.get_value())
                .unwrap_or_default()),
            ValueInput::Text(text) | ValueInput::Edited(text) => Ok(text.into_bytes()),
            ValueInput::Base64(text) => decode_b64_pasted(&text),
            ValueInput::File { bytes, .. } => Ok(bytes),
        }
    }

    /// The stored value as editable text; `None` for a new row or a binary value.
    pub fn stored_text(&self) -> Option<String> {
        self.original_value
            .and_then(|v| v.with_value(|bytes| editable_text(bytes)))
    }

    /// Whether the row still sends the stored value: kept, or "edited" back
    /// to exactly what it was. After a conflict such a row takes the newer
    /// stored value instead of writing the old one back.
    pub fn value_untouched(&self) -> bool {
        match self.input.get_untracked() {
            ValueInput::Unchanged => true,
            ValueInput::Edited(text) => self
                .original_value
                .is_some_and(|v| v.with_value(|bytes| bytes == text.as_bytes())),
            _ => false,
        }
    }

    pub fn is_blank(&self) -> bool {
        self.key.get_untracked().trim().is_empty()
            && matches!(self.input.get_untracked(), ValueInput::Text(ref t) if t.is_empty())
    }
}

#[derive(Clone, Copy)]
pub struct PairRow {
    pub id: u64,
    pub key: RwSignal<String>,
    pub value: RwSignal<String>,
}

impl PairRow {
    pub fn new(id: u64, key: &str, value: &str) -> Self {
        PairRow {
            id,
            key: RwSignal::new(key.to_string()),
            value: RwSignal::new(value.to_string()),
        }
    }
}

/// Everything the form holds, apart from transient UI state.
#[derive(Clone, Copy)]
pub struct EditorState {
    pub name: RwSignal<String>,
    pub namespace: StoredValue<String>,
    pub secret_type: RwSignal<String>,
    pub entries: RwSignal<Vec<EntryRow>>,
    pub labels: RwSignal<Vec<PairRow>>,
    pub annotations: RwSignal<Vec<PairRow>>,
    pub immutable: RwSignal<bool>,
    pub next_id: StoredValue<u64>,
    /// The stored secret's values when editing (empty when creating), for
    /// the list of key changes and for conflict re-application.
    pub original: StoredValue<BTreeMap<String, Vec<u8>>>,
    /// The stored secret being edited (None when creating): its metadata
    /// (owner references, finalizers, resourceVersion…) is written back as is.
    pub stored: StoredValue<Option<Secret>>,
    /// Annotations kept but never shown: `last-applied-configuration` repeats
    /// every value, so it must not appear in a text field.
    pub hidden_annotations: StoredValue<Vec<(String, String)>>,
}

impl EditorState {
    pub fn id(&self) -> u64 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        id
    }

    /// The draft to validate and send; rows whose value cannot be decoded
    /// become field errors instead.
    pub fn draft(&self) -> (SecretDraft, Vec<Problem<Field>>) {
        let mut errors = Vec::new();
        let mut entries = Vec::new();
        for (index, row) in self
            .entries
            .get_untracked()
            .iter()
            .filter(|r| !r.is_blank())
            .enumerate()
        {
            let value = row.value().unwrap_or_else(|message| {
                errors.push(Problem::error(Field::Value(index), message));
                Vec::new()
            });
            entries.push(DraftEntry {
                key: row.key.get_untracked().trim().to_string(),
                value,
                original_key: row.original_key.map(|k| k.get_value()),
            });
        }
        let pairs = |rows: &RwSignal<Vec<PairRow>>| {
            rows.get_untracked()
                .iter()
                .filter(|p| {
                    !(p.key.get_untracked().is_empty() && p.value.get_untracked().is_empty())
                })
                .map(|p| {
                    (
                        p.key.get_untracked().trim().to_string(),
                        p.value.get_untracked(),
                    )
                })
                .collect::<Vec<_>>()
        };
        let mut annotations = pairs(&self.annotations);
        annotations.extend(self.hidden_annotations.get_value());
        let draft = SecretDraft {
            name: self.name.get_untracked().trim().to_string(),
            namespace: self.namespace.get_value(),
            secret_type: self.secret_type.get_untracked(),
            entries,
            labels: pairs(&self.labels),
            annotations,
            immutable: self.immutable.get_untracked(),
        };
        (draft, errors)
    }

    /// Index of a non-blank entry row in the draft, for mapping errors back.
    pub fn draft_index_of(&self, row_id: u64) -> Option<usize> {
        self.entries
            .get_untracked()
            .iter()
            .filter(|r| !r.is_blank())
            .position(|r| r.id == row_id)
    }
}
