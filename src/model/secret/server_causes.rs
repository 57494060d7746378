//! Maps the field paths of an apiserver 422 (`metadata.name`, `data[key]`, …)
//! to the form fields they are about, so the server's own answer is shown
//! next to the field, like our checks are.

use crate::model::problem::Problem;
use crate::model::secret::draft::{Field, SecretDraft};

pub fn field_for_path(path: &str, draft: &SecretDraft) -> Field {
    if path == "metadata.name" {
        return Field::Name;
    }
    if let Some(key) = path
        .strip_prefix("data[")
        .and_then(|rest| rest.strip_suffix(']'))
    {
        if let Some(i) = draft.entries.iter().position(|e| e.key == key) {
            return Field::Key(i);
        }
    }
    if path.starts_with("metadata.labels") {
        return Field::LabelKey(0);
    }
    if path.starts_with("metadata.annotations") {
        return Field::AnnotationKey(0);
    }
    Field::Data
}

pub fn field_errors_from_causes(
    causes: &[(String, String)],
    draft: &SecretDraft,
) -> Vec<Problem<Field>> {
    causes
        .iter()
        .map(|(path, message)| Problem::error(field_for_path(path, draft), message.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::secret::draft::DraftEntry;

    fn draft() -> SecretDraft {
        SecretDraft {
            name: "x".into(),
            namespace: "default".into(),
            secret_type: "kubernetes.io/tls".into(),
            entries: vec![
                DraftEntry {
                    key: "tls.crt".into(),
                    value: vec![],
                    original_key: None,
                },
                DraftEntry {
                    key: "tls.key".into(),
                    value: vec![],
                    original_key: None,
                },
            ],
            labels: vec![],
            annotations: vec![],
            immutable: false,
        }
    }

    #[test]
    fn paths_map_to_their_fields() {
        let d = draft();
        assert_eq!(field_for_path("metadata.name", &d), Field::Name);
        assert_eq!(field_for_path("data[tls.key]", &d), Field::Key(1));
        assert_eq!(field_for_path("data[missing]", &d), Field::Data);
        assert_eq!(field_for_path("metadata.labels", &d), Field::LabelKey(0));
        assert_eq!(field_for_path("type", &d), Field::Data);
    }
}
