//! The second step of reading a release record: the release's JSON to the
//! few facts the page shows. Field names are those of Helm v4's
//! `pkg/release/v1` (`Release`, `Info`) and `pkg/chart/v2` (`Metadata`);
//! everything else (the rendered manifest, hooks, the chart's files) is
//! skipped unread.

use super::error::DecodeError;
use serde::Deserialize;
use serde_json::Value;

/// A release revision, as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReleaseSummary {
    pub name: String,
    pub namespace: String,
    /// The revision (Helm's `version`), 1 for the install.
    pub revision: i64,
    /// `deployed`, `superseded`, `failed`, `pending-upgrade`, …
    pub status: String,
    /// RFC 3339 times as Helm wrote them; `None` when absent.
    pub first_deployed: Option<String>,
    pub last_deployed: Option<String>,
    pub chart_name: String,
    pub chart_version: String,
    pub app_version: String,
    /// The values the user supplied for this revision (`helm get values`).
    pub values: ReleaseValues,
}

/// The user-supplied values of a revision (Helm's `config`): often
/// passwords, so shown masked, and never printed by `Debug`.
#[derive(Clone, PartialEq)]
pub struct ReleaseValues(Value);

impl ReleaseValues {
    /// The values as indented JSON, `{}` when there are none (Helm omits
    /// an empty `config`).
    pub fn to_pretty_json(&self) -> String {
        serde_json::to_string_pretty(&self.0).unwrap_or_default()
    }

    /// How many top-level values were set.
    pub fn len(&self) -> usize {
        self.0.as_object().map_or(0, |m| m.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl std::fmt::Debug for ReleaseValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ReleaseValues({} top-level keys, hidden)", self.len())
    }
}

#[derive(Deserialize)]
struct Release {
    #[serde(default)]
    name: String,
    #[serde(default)]
    namespace: String,
    #[serde(default)]
    version: i64,
    #[serde(default)]
    info: Option<Info>,
    #[serde(default)]
    chart: Option<Chart>,
    #[serde(default)]
    config: Option<Value>,
}

#[derive(Deserialize)]
struct Info {
    #[serde(default)]
    status: String,
    #[serde(default)]
    first_deployed: Option<String>,
    #[serde(default)]
    last_deployed: Option<String>,
}

#[derive(Deserialize)]
struct Chart {
    #[serde(default)]
    metadata: Option<Metadata>,
}

#[derive(Deserialize)]
struct Metadata {
    #[serde(default)]
    name: String,
    #[serde(default)]
    version: String,
    #[serde(default, rename = "appVersion")]
    app_version: String,
}

/// Reads a release from its JSON (decompressed, or plain for an old record).
///
/// The error says where the JSON went wrong, never what it held: serde's
/// own messages quote the offending value.
pub fn parse_release(json: &[u8], was_gzip: bool) -> Result<ReleaseSummary, DecodeError> {
    let release: Release = serde_json::from_slice(json).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        match e.classify() {
            serde_json::error::Category::Data => DecodeError::NotARelease { line, column },
            _ if !was_gzip => DecodeError::NotGzipOrJson,
            _ => DecodeError::NotJson { line, column },
        }
    })?;
    let info = release.info.unwrap_or(Info {
        status: String::new(),
        first_deployed: None,
        last_deployed: None,
    });
    let meta = release.chart.and_then(|c| c.metadata);
    let (chart_name, chart_version, app_version) = meta
        .map(|m| (m.name, m.version, m.app_version))
        .unwrap_or_default();
    // Helm writes the zero time for a date it does not have.
    let date = |d: Option<String>| d.filter(|d| !d.starts_with("0001-01-01"));
    Ok(ReleaseSummary {
        name: release.name,
        namespace: release.namespace,
        revision: release.version,
        status: info.status,
        first_deployed: date(info.first_deployed),
        last_deployed: date(info.last_deployed),
        chart_name,
        chart_version,
        app_version,
        values: ReleaseValues(
            release
                .config
                .filter(|c| !c.is_null())
                .unwrap_or_else(|| Value::Object(Default::default())),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_fixtures::helm;

    #[test]
    fn reads_a_release_written_by_helm() {
        let release = parse_release(helm::RELEASE_V1_JSON, true).unwrap();
        assert_eq!(release.name, "demo");
        assert_eq!(release.namespace, "helm-fixture");
        assert_eq!(release.revision, 1);
        assert_eq!(release.status, "deployed");
        assert_eq!(release.chart_name, "keyhole-demo");
        assert_eq!(release.chart_version, "0.1.0");
        assert_eq!(release.app_version, "1.0.0");
        assert!(release.first_deployed.as_deref().unwrap().starts_with("20"));
        assert!(release.last_deployed.is_some());
        let values: Value = serde_json::from_str(&release.values.to_pretty_json()).unwrap();
        assert_eq!(values["password"], "fixture-password-1");
    }

    #[test]
    fn debug_output_holds_no_value() {
        let release = parse_release(helm::RELEASE_V1_JSON, true).unwrap();
        let debug = format!("{release:?}");
        assert!(!debug.contains("fixture-password"), "{debug}");
        assert!(debug.contains("hidden"));
    }

    #[test]
    fn a_release_without_values_has_empty_ones() {
        let release = parse_release(br#"{"name":"a","version":2}"#, false).unwrap();
        assert_eq!(release.revision, 2);
        assert!(release.values.is_empty());
        assert_eq!(release.values.to_pretty_json(), "{}");
        let release = parse_release(br#"{"name":"a","config":null}"#, true).unwrap();
        assert!(release.values.is_empty());
    }

    #[test]
    fn the_zero_time_is_no_date() {
        let json = br#"{"info":{"status":"failed","first_deployed":"0001-01-01T00:00:00Z"}}"#;
        let release = parse_release(json, true).unwrap();
        assert_eq!(release.status, "failed");
        assert_eq!(release.first_deployed, None);
    }

    #[test]
    fn errors_say_where_never_what() {
        let err = parse_release(br#"{"name": hunter2}"#, true).unwrap_err();
        assert!(
            matches!(err, DecodeError::NotJson { line: 1, .. }),
            "{err:?}"
        );
        let err = parse_release(br#"{"version":"hunter2"}"#, true).unwrap_err();
        assert!(matches!(err, DecodeError::NotARelease { .. }), "{err:?}");
        assert!(!err.to_string().contains("hunter2"));
        // Not gzip and not JSON: the record is simply not a release.
        let err = parse_release(b"hunter2", false).unwrap_err();
        assert_eq!(err, DecodeError::NotGzipOrJson);
        assert!(!err.to_string().contains("hunter2"));
    }
}
