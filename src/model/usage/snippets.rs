//! Copy-ready YAML that makes a pod use a secret. The text is rendered from
//! a small tree, which the tests also render as a whole Pod: the usage
//! analysis must recognise every snippet. Names and keys only: a snippet
//! never holds a value.

/// The ways a snippet can refer to a secret, with what each one needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnippetKind {
    /// One key as one environment variable (`env[].valueFrom.secretKeyRef`).
    EnvVar { key: String, env_name: String },
    /// Every key as a variable (`envFrom[].secretRef`).
    EnvFrom,
    /// Every key as a file under `mount_path`, read-only.
    Volume {
        volume_name: String,
        mount_path: String,
    },
    /// Registry credentials for pulling the pod's images.
    ImagePullSecrets,
}

pub fn env_var_snippet(secret: &str, key: &str, env_name: &str) -> String {
    snippet(
        secret,
        &SnippetKind::EnvVar {
            key: key.into(),
            env_name: env_name.into(),
        },
    )
}

pub fn env_from_snippet(secret: &str) -> String {
    snippet(secret, &SnippetKind::EnvFrom)
}

/// The pod's `volumes:` entry and the container's `volumeMounts:` entry,
/// each under a comment saying where it goes.
pub fn volume_snippet(secret: &str, volume_name: &str, mount_path: &str) -> String {
    snippet(
        secret,
        &SnippetKind::Volume {
            volume_name: volume_name.into(),
            mount_path: mount_path.into(),
        },
    )
}

pub fn image_pull_secrets_snippet(secret: &str) -> String {
    snippet(secret, &SnippetKind::ImagePullSecrets)
}

/// The snippet's YAML: 2-space indentation, values quoted where YAML would
/// otherwise read them as something else than the string.
pub fn snippet(secret: &str, kind: &SnippetKind) -> String {
    let parts = parts(secret, kind);
    let mut text = String::new();
    let both = !parts.pod_spec.is_empty() && !parts.container.is_empty();
    if both {
        text.push_str("# in the pod's spec:\n");
    }
    write_map(&parts.pod_spec, 0, &mut text);
    if both {
        text.push_str("# in the container:\n");
    }
    write_map(&parts.container, 0, &mut text);
    text
}

/// An environment variable name for a key, as C identifiers go (the rule
/// before Kubernetes relaxed it, and what shells and most programs expect):
/// upper case, every other character `_`, and `_` first if a digit would be.
pub fn suggested_env_name(key: &str) -> String {
    let name: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    match name.chars().next() {
        None => "_".into(),
        Some(c) if c.is_ascii_digit() => format!("_{name}"),
        Some(_) => name,
    }
}

/// A volume name for a secret: volume names are DNS-1123 labels (no dots,
/// at most 63 characters), secret names are subdomains.
pub fn suggested_volume_name(secret: &str) -> String {
    let label: String = secret
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .take(63)
        .collect();
    let label = label.trim_matches('-');
    if label.is_empty() {
        "secret".into()
    } else {
        label.into()
    }
}

pub fn suggested_mount_path(secret: &str) -> String {
    format!("/etc/secrets/{secret}")
}

/// What a reference adds to the container and to the pod's spec.
struct Parts {
    container: Vec<Entry>,
    pod_spec: Vec<Entry>,
}

fn parts(secret: &str, kind: &SnippetKind) -> Parts {
    let (container, pod_spec) = match kind {
        SnippetKind::EnvVar { key, env_name } => {
            let selector = vec![("name", text(secret)), ("key", text(key))];
            let var = vec![
                ("name", text(env_name)),
                (
                    "valueFrom",
                    Node::Map(vec![("secretKeyRef", Node::Map(selector))]),
                ),
            ];
            (vec![("env", Node::List(vec![var]))], vec![])
        }
        SnippetKind::EnvFrom => {
            let source = vec![("secretRef", Node::Map(vec![("name", text(secret))]))];
            (vec![("envFrom", Node::List(vec![source]))], vec![])
        }
        SnippetKind::Volume {
            volume_name,
            mount_path,
        } => {
            let volume = vec![
                ("name", text(volume_name)),
                ("secret", Node::Map(vec![("secretName", text(secret))])),
            ];
            let mount = vec![
                ("name", text(volume_name)),
                ("mountPath", text(mount_path)),
                ("readOnly", Node::Bool(true)),
            ];
            (
                vec![("volumeMounts", Node::List(vec![mount]))],
                vec![("volumes", Node::List(vec![volume]))],
            )
        }
        SnippetKind::ImagePullSecrets => {
            let reference = vec![("name", text(secret))];
            (
                vec![],
                vec![("imagePullSecrets", Node::List(vec![reference]))],
            )
        }
    };
    Parts {
        container,
        pod_spec,
    }
}

type Entry = (&'static str, Node);

/// The little of YAML and JSON a reference needs; lists only ever hold maps.
enum Node {
    Text(String),
    Bool(bool),
    Map(Vec<Entry>),
    List(Vec<Vec<Entry>>),
}

fn text(s: &str) -> Node {
    Node::Text(s.into())
}

fn write_map(entries: &[Entry], indent: usize, out: &mut String) {
    for (key, value) in entries {
        out.push_str(&" ".repeat(indent));
        out.push_str(key);
        out.push(':');
        match value {
            Node::Text(s) => {
                out.push(' ');
                out.push_str(&yaml_scalar(s));
                out.push('\n');
            }
            Node::Bool(b) => {
                out.push(' ');
                out.push_str(if *b { "true" } else { "false" });
                out.push('\n');
            }
            Node::Map(inner) => {
                out.push('\n');
                write_map(inner, indent + 2, out);
            }
            Node::List(items) => {
                out.push('\n');
                for item in items {
                    // The item's first entry goes on the dash's line.
                    let mut block = String::new();
                    write_map(item, indent + 4, &mut block);
                    out.push_str(&" ".repeat(indent + 2));
                    out.push_str("- ");
                    out.push_str(&block[indent + 4..]);
                }
            }
        }
    }
}

/// `s` as a YAML scalar: plain when every YAML reader (1.1 and 1.2) takes
/// it for that very string, else double-quoted. A double-quoted JSON string
/// is a valid YAML one, escapes included.
fn yaml_scalar(s: &str) -> String {
    if is_plain_safe(s) {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

/// Plain scalars are kept to letters, digits and `-_./`, starting with a
/// letter, `_`, `/` or `.letter` (not a digit or `-`: numbers, dates,
/// `-.inf`), and not a word YAML 1.1 reads as a boolean or null.
fn is_plain_safe(s: &str) -> bool {
    const RESERVED: &[&str] = &[
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", ".inf", ".nan",
    ];
    let mut chars = s.chars();
    let start_ok = match (chars.next(), chars.next()) {
        (Some('.'), Some(c)) => c.is_ascii_alphabetic(),
        (Some(c), _) => c.is_ascii_alphabetic() || c == '_' || c == '/',
        (None, _) => false,
    };
    start_ok
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
        && !RESERVED.contains(&s.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::usage::consumers::{consumers_of, Mount, NamespaceObjects, UsageKind};
    use k8s_openapi::api::core::v1::Pod;
    use proptest::prelude::*;
    use serde_json::{Map, Value};

    /// The Pod [`dry_run_pod`] builds.
    const CHECK_POD_NAME: &str = "keyhole-snippet-check";
    const CHECK_CONTAINER: &str = "app";
    const CHECK_IMAGE: &str = "registry.k8s.io/pause:3.10";

    /// A complete minimal Pod that uses the secret exactly as [`snippet`] does,
    /// as the apiserver would take it (names, key pattern, mount path).
    fn dry_run_pod(secret: &str, kind: &SnippetKind) -> Value {
        let parts = parts(secret, kind);
        let mut container = vec![
            ("name", text(CHECK_CONTAINER)),
            ("image", text(CHECK_IMAGE)),
        ];
        container.extend(parts.container);
        let mut spec = vec![("containers", Node::List(vec![container]))];
        spec.extend(parts.pod_spec);
        Node::Map(vec![
            ("apiVersion", text("v1")),
            ("kind", text("Pod")),
            ("metadata", Node::Map(vec![("name", text(CHECK_POD_NAME))])),
            ("spec", Node::Map(spec)),
        ])
        .to_json()
    }

    impl Node {
        fn to_json(&self) -> Value {
            let map = |entries: &[Entry]| {
                Value::Object(
                    entries
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.to_json()))
                        .collect::<Map<_, _>>(),
                )
            };
            match self {
                Node::Text(s) => Value::String(s.clone()),
                Node::Bool(b) => Value::Bool(*b),
                Node::Map(entries) => map(entries),
                Node::List(items) => Value::Array(items.iter().map(|e| map(e)).collect()),
            }
        }
    }

    fn env_var() -> SnippetKind {
        SnippetKind::EnvVar {
            key: "password".into(),
            env_name: "DB_PASSWORD".into(),
        }
    }

    fn volume() -> SnippetKind {
        SnippetKind::Volume {
            volume_name: "db-credentials".into(),
            mount_path: "/etc/secrets/db-credentials".into(),
        }
    }

    fn all_kinds() -> [SnippetKind; 4] {
        [
            env_var(),
            SnippetKind::EnvFrom,
            volume(),
            SnippetKind::ImagePullSecrets,
        ]
    }

    /// `(field, value)` of every YAML line that has a value, unquoted.
    fn yaml_leaves(yaml: &str) -> Vec<(String, String)> {
        let mut leaves: Vec<(String, String)> = yaml
            .lines()
            .map(|line| line.trim_start().trim_start_matches("- "))
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_once(": "))
            .map(|(field, value)| {
                let value = if value.starts_with('"') {
                    serde_json::from_str(value).expect("a JSON string")
                } else {
                    value.to_string()
                };
                (field.to_string(), value)
            })
            .collect();
        leaves.sort();
        leaves
    }

    fn json_leaves(value: &Value, out: &mut Vec<(String, String)>) {
        match value {
            Value::Object(map) => {
                for (field, v) in map {
                    match v {
                        Value::String(s) => out.push((field.clone(), s.clone())),
                        Value::Bool(b) => out.push((field.clone(), b.to_string())),
                        other => json_leaves(other, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| json_leaves(v, out)),
            _ => {}
        }
    }

    #[test]
    fn env_var_snippet_of_the_guide() {
        assert_eq!(
            env_var_snippet("db-credentials", "password", "DB_PASSWORD"),
            "\
env:
  - name: DB_PASSWORD
    valueFrom:
      secretKeyRef:
        name: db-credentials
        key: password
"
        );
    }

    #[test]
    fn env_from_snippet_text() {
        assert_eq!(
            env_from_snippet("db-credentials"),
            "\
envFrom:
  - secretRef:
      name: db-credentials
"
        );
    }

    #[test]
    fn volume_snippet_text() {
        let secret = "db-credentials";
        assert_eq!(
            volume_snippet(
                secret,
                &suggested_volume_name(secret),
                &suggested_mount_path(secret)
            ),
            "\
# in the pod's spec:
volumes:
  - name: db-credentials
    secret:
      secretName: db-credentials
# in the container:
volumeMounts:
  - name: db-credentials
    mountPath: /etc/secrets/db-credentials
    readOnly: true
"
        );
    }

    #[test]
    fn image_pull_secrets_snippet_text() {
        assert_eq!(
            image_pull_secrets_snippet("regcred"),
            "\
imagePullSecrets:
  - name: regcred
"
        );
    }

    #[test]
    fn awkward_names_are_quoted() {
        let text = env_var_snippet("true", "1password", "1PASSWORD");
        assert!(text.contains("  - name: \"1PASSWORD\"\n"), "{text}");
        assert!(text.contains("        name: \"true\"\n"), "{text}");
        assert!(text.contains("        key: \"1password\"\n"), "{text}");

        let text = volume_snippet("null", "v", "/mnt/a b:c #d");
        assert!(text.contains("secretName: \"null\"\n"), "{text}");
        assert!(text.contains("mountPath: \"/mnt/a b:c #d\"\n"), "{text}");

        for plain in ["tls.crt", ".dockerconfigjson", "ssh-privatekey", "/etc/x_y"] {
            assert_eq!(yaml_scalar(plain), plain);
        }
        for quoted in [
            "",
            "Yes",
            "NO",
            "on",
            "~",
            "-x",
            "-.inf",
            ".Inf",
            ".5",
            "0x1f",
            "1e3",
            "2024-01-01",
            "1:20",
            "a: b",
            "a #b",
            "it's",
            "é",
            "a\nb",
        ] {
            assert!(yaml_scalar(quoted).starts_with('"'), "{quoted}");
        }
    }

    #[test]
    fn env_name_suggestions() {
        for (key, name) in [
            ("password", "PASSWORD"),
            ("connection-string", "CONNECTION_STRING"),
            ("tls.crt", "TLS_CRT"),
            (".dockerconfigjson", "_DOCKERCONFIGJSON"),
            ("1password", "_1PASSWORD"),
            ("DB__HOST", "DB__HOST"),
            ("clé", "CL_"),
            ("", "_"),
        ] {
            assert_eq!(suggested_env_name(key), name, "{key}");
        }
    }

    #[test]
    fn volume_name_suggestions() {
        assert_eq!(suggested_volume_name("db-credentials"), "db-credentials");
        assert_eq!(suggested_volume_name("tls.example.com"), "tls-example-com");
        assert_eq!(suggested_volume_name(&"a".repeat(70)), "a".repeat(63));
        assert_eq!(
            suggested_volume_name(&format!("{}.b", "a".repeat(62))),
            "a".repeat(62)
        );
        assert_eq!(suggested_volume_name("..."), "secret");
    }

    #[test]
    fn dry_run_pod_for_an_env_var() {
        let pod = dry_run_pod("db-credentials", &env_var());
        assert_eq!(
            pod,
            serde_json::json!({
                "apiVersion": "v1",
                "kind": "Pod",
                "metadata": {"name": "keyhole-snippet-check"},
                "spec": {"containers": [{
                    "name": "app",
                    "image": "registry.k8s.io/pause:3.10",
                    "env": [{
                        "name": "DB_PASSWORD",
                        "valueFrom": {"secretKeyRef": {"name": "db-credentials", "key": "password"}}
                    }]
                }]}
            })
        );
    }

    #[test]
    fn dry_run_pods_are_pods_k8s_openapi_reads_whole() {
        for kind in all_kinds() {
            let pod = dry_run_pod("db-credentials", &kind);
            let typed: Pod = serde_json::from_value(pod.clone()).unwrap();
            // Nothing dropped: every field is one the Pod type knows.
            assert_eq!(serde_json::to_value(&typed).unwrap(), pod, "{kind:?}");
        }
    }

    #[test]
    fn snippet_and_dry_run_pod_describe_the_same_reference() {
        let scaffold = [
            ("apiVersion", "v1"),
            ("kind", "Pod"),
            ("name", CHECK_POD_NAME),
            ("name", CHECK_CONTAINER),
            ("image", CHECK_IMAGE),
        ];
        for secret in ["db-credentials", "true"] {
            for kind in all_kinds() {
                let mut from_pod = Vec::new();
                json_leaves(&dry_run_pod(secret, &kind), &mut from_pod);
                for (field, value) in scaffold {
                    let at = from_pod
                        .iter()
                        .position(|(f, v)| f == field && v == value)
                        .unwrap();
                    from_pod.remove(at);
                }
                from_pod.sort();
                assert_eq!(yaml_leaves(&snippet(secret, &kind)), from_pod, "{kind:?}");
            }
        }
    }

    #[test]
    fn the_usage_model_sees_each_dry_run_pod_as_its_reference() {
        let uses = |kind: &SnippetKind| {
            let objects = NamespaceObjects {
                pods: vec![serde_json::from_value(dry_run_pod("db-credentials", kind)).unwrap()],
                ..Default::default()
            };
            let keys = ["password".to_string()];
            let found = consumers_of("db-credentials", &keys, &objects);
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].missing_keys, []);
            found[0].usages.clone()
        };
        let app = || CHECK_CONTAINER.to_string();
        assert_eq!(
            uses(&env_var()),
            [UsageKind::EnvKey {
                container: app(),
                env_var: "DB_PASSWORD".into(),
                key: "password".into(),
                optional: false
            }]
        );
        assert_eq!(
            uses(&SnippetKind::EnvFrom),
            [UsageKind::EnvFrom {
                container: app(),
                prefix: None,
                optional: false
            }]
        );
        assert_eq!(
            uses(&volume()),
            [UsageKind::Volume {
                volume: "db-credentials".into(),
                mounts: vec![Mount {
                    container: app(),
                    mount_path: "/etc/secrets/db-credentials".into(),
                    sub_path: None
                }],
                keys: None,
                optional: false
            }]
        );
        assert_eq!(
            uses(&SnippetKind::ImagePullSecrets),
            [UsageKind::ImagePullSecret]
        );
    }

    proptest! {
        #[test]
        fn suggested_env_names_are_c_identifiers(key in ".*") {
            let name = suggested_env_name(&key);
            let mut chars = name.chars();
            let first = chars.next().unwrap();
            prop_assert!(first.is_ascii_uppercase() || first == '_');
            prop_assert!(chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'));
        }

        #[test]
        fn every_scalar_reads_back_as_itself(s in ".*") {
            let scalar = yaml_scalar(&s);
            let back: String = if scalar.starts_with('"') {
                serde_json::from_str(&scalar).unwrap()
            } else {
                scalar
            };
            prop_assert_eq!(back, s);
        }

        #[test]
        fn suggested_volume_names_are_dns_labels(secret in "[a-z0-9.-]{1,253}") {
            let name = suggested_volume_name(&secret);
            prop_assert!(!name.is_empty() && name.len() <= 63);
            prop_assert!(name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            prop_assert!(!name.starts_with('-') && !name.ends_with('-'));
        }
    }
}
