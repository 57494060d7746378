//! Where Keyhole is served from, and what the run command said about it.
//!
//! The run command serves the API and the app under an unguessable path
//! prefix (`/<prefix>/api/…` beside `/<prefix>/ui/`), so a page that does not
//! know the prefix reaches nothing. The app never learns the prefix any other
//! way than from its own address: the API base is everything before `/ui/`.

use serde::Deserialize;

/// The path segment the app's files are served under by `kubectl proxy --www-prefix`.
const UI_SEGMENT: &str = "/ui/";

/// The path the API lives under, derived from the page's own path: everything
/// before `/ui/` (`/k-3f…/ui/` → `/k-3f…`; `/ui/` → `""`). A page served
/// anywhere else (`trunk serve` at `/`) talks to the API at the root.
pub fn api_base(page_path: &str) -> &str {
    match page_path.find(UI_SEGMENT) {
        Some(end) => &page_path[..end],
        None => "",
    }
}

/// What the run command wrote beside its copy of `dist/`
/// (`keyhole-serving.json`): which kube context it serves and whether the
/// proxy refuses writes. Absent when the app is served some other way.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServingInfo {
    /// The kube context the proxy serves, as the user named it (or the
    /// current one at start).
    #[serde(default)]
    pub context: Option<String>,
    /// The proxy runs with `--reject-methods` for every write.
    #[serde(default)]
    pub read_only: bool,
}

/// The file name the run command writes and the app reads, beside `index.html`.
pub const SERVING_INFO_FILE: &str = "keyhole-serving.json";

impl ServingInfo {
    /// Reads the file's text; anything unreadable counts as "no information"
    /// (the header then simply names no context).
    pub fn parse(text: &str) -> Option<ServingInfo> {
        serde_json::from_str(text).ok()
    }
}

/// The command that brings a stopped proxy back at this same address.
///
/// Served under a prefix, only the run command knows it (it keeps the prefix
/// in the user's config), so the hint names the run command with the options
/// this session was started with — never the prefix itself. Served at a plain
/// `/ui/`, the plain `kubectl proxy` line does it.
pub fn restart_command(page_path: &str, port: &str, info: Option<&ServingInfo>) -> String {
    if api_base(page_path).is_empty() {
        return format!("kubectl proxy --port={port} --www=dist --www-prefix=/ui/");
    }
    let mut command = format!("harness/run.sh --port {port}");
    if let Some(info) = info {
        if let Some(context) = info.context.as_deref().filter(|c| !c.is_empty()) {
            command.push_str(&format!(" --context {}", shell_word(context)));
        }
        if info.read_only {
            command.push_str(" --read-only");
        }
    }
    command
}

/// A context name as one shell word: quoted when it holds anything but the
/// characters context names usually have.
fn shell_word(word: &str) -> String {
    let plain = word
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.:/@".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_base_is_everything_before_ui() {
        assert_eq!(
            api_base("/k-0123456789abcdef0123456789abcdef/ui/"),
            "/k-0123456789abcdef0123456789abcdef"
        );
        assert_eq!(api_base("/k-abc/ui/index.html"), "/k-abc");
        assert_eq!(api_base("/ui/"), "");
        assert_eq!(api_base("/ui/no-app/"), "");
    }

    #[test]
    fn a_page_not_under_ui_talks_to_the_root() {
        // `trunk serve` serves the app at `/` and proxies /api to kubectl proxy.
        assert_eq!(api_base("/"), "");
        assert_eq!(api_base(""), "");
        assert_eq!(api_base("/ui"), "");
    }

    #[test]
    fn serving_info_reads_what_the_run_command_writes() {
        assert_eq!(
            ServingInfo::parse(r#"{"context":"prod-eu","readOnly":true}"#),
            Some(ServingInfo {
                context: Some("prod-eu".into()),
                read_only: true
            })
        );
        assert_eq!(ServingInfo::parse("{}"), Some(ServingInfo::default()));
        assert_eq!(ServingInfo::parse("<html>404</html>"), None);
    }

    #[test]
    fn the_restart_hint_never_shows_the_prefix() {
        let info = ServingInfo {
            context: Some("kind-dev".into()),
            read_only: true,
        };
        let hint = restart_command("/k-secretprefix/ui/", "8001", Some(&info));
        assert_eq!(
            hint,
            "harness/run.sh --port 8001 --context kind-dev --read-only"
        );
        assert!(!hint.contains("secretprefix"));
        assert_eq!(
            restart_command("/k-secretprefix/ui/", "9000", None),
            "harness/run.sh --port 9000"
        );
    }

    #[test]
    fn a_plain_ui_prefix_gets_the_plain_proxy_command() {
        assert_eq!(
            restart_command("/ui/", "8001", None),
            "kubectl proxy --port=8001 --www=dist --www-prefix=/ui/"
        );
    }

    #[test]
    fn odd_context_names_are_quoted_for_the_shell() {
        let info = ServingInfo {
            context: Some("arn:aws:eks:eu-west-1:123:cluster/prod".into()),
            read_only: false,
        };
        assert!(restart_command("/k-x/ui/", "8001", Some(&info))
            .ends_with("--context arn:aws:eks:eu-west-1:123:cluster/prod"));
        let odd = ServingInfo {
            context: Some("it's mine".into()),
            read_only: false,
        };
        assert!(
            restart_command("/k-x/ui/", "8001", Some(&odd)).ends_with(r"--context 'it'\''s mine'")
        );
    }
}
