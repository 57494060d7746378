//! What the header says about the cluster: its version and its namespaces.

use crate::model::read_meta::Meta;
use k8s_openapi::apimachinery::pkg::version::Info;

/// The version string the header shows, e.g. `v1.37.2`.
///
/// `gitVersion` is what `kubectl version` prints; a server built without
/// version stamping reports `v0.0.0-master…`, which we still show as-is rather
/// than guessing, falling back to major.minor only when it is empty.
pub fn version_label(info: &Info) -> String {
    if !info.git_version.is_empty() {
        info.git_version.clone()
    } else {
        format!("v{}.{}", info.major, info.minor)
    }
}

/// A namespace as the pickers read it: only its name is used.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Namespace {
    pub metadata: Meta,
}

/// Namespace names, sorted, with `default` first because that is where most
/// users (and the guide's examples) start.
pub fn namespace_names(namespaces: &[Namespace]) -> Vec<String> {
    let mut names: Vec<String> = namespaces
        .iter()
        .filter_map(|ns| ns.metadata.name.clone())
        .collect();
    names.sort_by(|a, b| (a != "default", a).cmp(&(b != "default", b)));
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_fixtures::apiserver::{self, read_faithfully};

    #[test]
    fn real_namespaces_give_their_names_default_first() {
        let names = namespace_names(&read_faithfully::<Namespace>(apiserver::NAMESPACES));
        assert_eq!(names[0], "default");
        assert!(names.iter().any(|n| n == "kube-system"));
        assert!(names.iter().any(|n| n == "usage-fixture"));
    }

    fn list(names: &[&str]) -> Vec<Namespace> {
        let items: Vec<serde_json::Value> = names
            .iter()
            .map(|n| serde_json::json!({"metadata": {"name": n}}))
            .collect();
        serde_json::from_value(serde_json::Value::Array(items)).unwrap()
    }

    #[test]
    fn default_namespace_comes_first_then_alphabetical() {
        let names = namespace_names(&list(&["kube-system", "zeta", "default", "apps"]));
        assert_eq!(names, ["default", "apps", "kube-system", "zeta"]);
    }

    #[test]
    fn version_label_prefers_git_version() {
        let info: Info = serde_json::from_value(serde_json::json!({
            "major": "1", "minor": "37", "gitVersion": "v1.37.2", "gitCommit": "",
            "gitTreeState": "clean", "buildDate": "", "goVersion": "go1.26",
            "compiler": "gc", "platform": "linux/amd64"
        }))
        .unwrap();
        assert_eq!(version_label(&info), "v1.37.2");
    }

    #[test]
    fn version_label_falls_back_to_major_minor() {
        let info: Info = serde_json::from_value(serde_json::json!({
            "major": "1", "minor": "37", "gitVersion": "", "gitCommit": "",
            "gitTreeState": "", "buildDate": "", "goVersion": "",
            "compiler": "", "platform": ""
        }))
        .unwrap();
        assert_eq!(version_label(&info), "v1.37");
    }
}
