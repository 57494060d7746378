//! A secret as a manifest the user can read and `kubectl apply -f`: either as
//! stored (`data`, base64) or decoded (`stringData`, text). Server-owned fields
//! (uid, resourceVersion, managedFields, timestamps) are left out so the file
//! applies cleanly to this or another cluster. One object, written as YAML
//! (what people keep in a repository) or JSON.

use super::yaml::to_yaml;
use k8s_openapi::api::core::v1::Secret;
use serde_json::{json, Map, Value};

/// Shown instead of a value while the manifest is masked.
pub const MASK: &str = "••••••••";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestForm {
    /// `data` with base64 values, exactly as the API stores them.
    Stored,
    /// `stringData` with text values; values that are not UTF-8 text stay in `data`.
    Decoded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestFormat {
    Yaml,
    Json,
}

impl ManifestFormat {
    /// The media type of the downloaded file.
    pub fn media_type(self) -> &'static str {
        match self {
            ManifestFormat::Yaml => "application/yaml",
            ManifestFormat::Json => "application/json",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            ManifestFormat::Yaml => "yaml",
            ManifestFormat::Json => "json",
        }
    }
}

/// The manifest in the chosen format; with `masked`, every value is [`MASK`].
pub fn manifest_text(
    secret: &Secret,
    form: ManifestForm,
    format: ManifestFormat,
    masked: bool,
) -> String {
    match format {
        ManifestFormat::Yaml => manifest_yaml(secret, form, masked),
        ManifestFormat::Json => manifest_json(secret, form, masked),
    }
}

pub fn manifest_json(secret: &Secret, form: ManifestForm, masked: bool) -> String {
    serde_json::to_string_pretty(&manifest_value(secret, form, masked)).unwrap_or_default()
}

pub fn manifest_yaml(secret: &Secret, form: ManifestForm, masked: bool) -> String {
    to_yaml(&manifest_value(secret, form, masked))
}

/// The manifest as one object, which both formats serialize.
pub fn manifest_value(secret: &Secret, form: ManifestForm, masked: bool) -> Value {
    let mut metadata = Map::new();
    let meta = &secret.metadata;
    if let Some(name) = &meta.name {
        metadata.insert("name".into(), json!(name));
    }
    if let Some(ns) = &meta.namespace {
        metadata.insert("namespace".into(), json!(ns));
    }
    if let Some(labels) = meta.labels.as_ref().filter(|l| !l.is_empty()) {
        metadata.insert("labels".into(), json!(labels));
    }
    if let Some(annotations) = meta.annotations.as_ref() {
        // last-applied-configuration repeats every value; never carry it over.
        let kept: Map<String, Value> = annotations
            .iter()
            .filter(|(k, _)| k.as_str() != "kubectl.kubernetes.io/last-applied-configuration")
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        if !kept.is_empty() {
            metadata.insert("annotations".into(), Value::Object(kept));
        }
    }

    let mut data = Map::new();
    let mut string_data = Map::new();
    for (key, value) in secret.data.iter().flatten() {
        let text = std::str::from_utf8(&value.0).ok();
        match (form, text) {
            (ManifestForm::Decoded, Some(text)) => {
                string_data.insert(key.clone(), json!(if masked { MASK } else { text }));
            }
            _ => {
                let encoded = crate::model::secret::value::encode_b64(&value.0);
                data.insert(
                    key.clone(),
                    json!(if masked { MASK } else { encoded.as_str() }),
                );
            }
        }
    }

    let mut root = Map::new();
    root.insert("apiVersion".into(), json!("v1"));
    root.insert("kind".into(), json!("Secret"));
    root.insert("metadata".into(), Value::Object(metadata));
    root.insert(
        "type".into(),
        json!(secret.type_.as_deref().unwrap_or("Opaque")),
    );
    if secret.immutable == Some(true) {
        root.insert("immutable".into(), json!(true));
    }
    if !data.is_empty() {
        root.insert("data".into(), Value::Object(data));
    }
    if !string_data.is_empty() {
        root.insert("stringData".into(), Value::Object(string_data));
    }
    Value::Object(root)
}

/// A file name for the downloaded manifest: the secret's name (a DNS-1123
/// name, safe in any file system) and the format's extension.
pub fn manifest_file_name(secret: &Secret, format: ManifestFormat) -> String {
    format!(
        "{}.{}",
        secret.metadata.name.as_deref().unwrap_or("secret"),
        format.extension()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::ByteString;
    use std::collections::BTreeMap;

    fn sample() -> Secret {
        let mut secret = Secret::default();
        secret.metadata.name = Some("db-credentials".into());
        secret.metadata.namespace = Some("default".into());
        secret.metadata.resource_version = Some("42".into());
        secret.metadata.uid = Some("u-1".into());
        secret.metadata.annotations = Some(BTreeMap::from([
            (
                "kubectl.kubernetes.io/last-applied-configuration".to_string(),
                "{\"data\":{\"password\":\"c2VjcmV0\"}}".to_string(),
            ),
            ("team".to_string(), "db".to_string()),
        ]));
        secret.type_ = Some("Opaque".into());
        secret.data = Some(BTreeMap::from([
            ("password".to_string(), ByteString(b"hunter2".to_vec())),
            ("blob".to_string(), ByteString(vec![0xff, 0x00, 0x10])),
        ]));
        secret
    }

    #[test]
    fn stored_form_has_base64_data_and_no_server_fields() {
        let text = manifest_json(&sample(), ManifestForm::Stored, false);
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["data"]["password"], "aHVudGVyMg==");
        assert_eq!(v["data"]["blob"], "/wAQ");
        assert!(v["metadata"].get("resourceVersion").is_none());
        assert!(v["metadata"].get("uid").is_none());
        assert_eq!(v["metadata"]["annotations"], json!({"team": "db"}));
    }

    #[test]
    fn decoded_form_uses_string_data_for_text_only() {
        let v: Value =
            serde_json::from_str(&manifest_json(&sample(), ManifestForm::Decoded, false)).unwrap();
        assert_eq!(v["stringData"]["password"], "hunter2");
        assert_eq!(v["data"]["blob"], "/wAQ");
    }

    #[test]
    fn masked_manifests_hold_no_value_in_any_form_or_format() {
        for form in [ManifestForm::Stored, ManifestForm::Decoded] {
            for format in [ManifestFormat::Yaml, ManifestFormat::Json] {
                let text = manifest_text(&sample(), form, format, true);
                assert!(
                    !text.contains("hunter2") && !text.contains("aHVudGVyMg"),
                    "{form:?} {format:?}"
                );
                assert!(!text.contains("c2VjcmV0"), "last-applied must not leak");
                assert!(!text.contains("/wAQ"), "binary values are masked too");
                assert_eq!(text.matches(MASK).count(), 2, "{form:?} {format:?}");
            }
        }
    }

    #[test]
    fn yaml_and_json_hold_the_same_object() {
        let mut secret = sample();
        secret.metadata.labels = Some(BTreeMap::from([(
            "app.kubernetes.io/name".to_string(),
            "db".to_string(),
        )]));
        secret.data.as_mut().unwrap().insert(
            "tls.crt".into(),
            ByteString(b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".to_vec()),
        );
        secret
            .data
            .as_mut()
            .unwrap()
            .insert("flag".into(), ByteString(b"yes".to_vec()));
        for form in [ManifestForm::Stored, ManifestForm::Decoded] {
            for masked in [false, true] {
                let yaml: Value =
                    serde_yaml::from_str(&manifest_yaml(&secret, form, masked)).unwrap();
                let json: Value =
                    serde_json::from_str(&manifest_json(&secret, form, masked)).unwrap();
                assert_eq!(yaml, json, "{form:?} masked={masked}");
                assert_eq!(yaml, manifest_value(&secret, form, masked));
            }
        }
    }

    #[test]
    fn the_yaml_starts_like_kubectl_output_and_shows_text_as_blocks() {
        let mut secret = sample();
        secret.data = Some(BTreeMap::from([(
            "notes.txt".to_string(),
            ByteString(b"line one\nline two\n".to_vec()),
        )]));
        let text = manifest_yaml(&secret, ManifestForm::Decoded, false);
        assert!(text.starts_with("apiVersion: v1\n"), "{text}");
        assert!(text.contains("\nstringData:\n  notes.txt: |\n    line one\n    line two\n"));
        assert!(text.ends_with("type: Opaque\n"));
    }

    #[test]
    fn the_file_name_is_the_secret_name_with_the_format_extension() {
        let secret = sample();
        assert_eq!(
            manifest_file_name(&secret, ManifestFormat::Yaml),
            "db-credentials.yaml"
        );
        assert_eq!(
            manifest_file_name(&secret, ManifestFormat::Json),
            "db-credentials.json"
        );
        assert_eq!(
            manifest_file_name(&Secret::default(), ManifestFormat::Yaml),
            "secret.yaml"
        );
        assert_eq!(ManifestFormat::Yaml.media_type(), "application/yaml");
    }
}
