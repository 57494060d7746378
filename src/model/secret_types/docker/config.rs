//! Registry credentials for image pulls: the `.dockerconfigjson` of a
//! `kubernetes.io/dockerconfigjson` Secret, the legacy `.dockercfg`, and a
//! docker `config.json` a user uploads.
//!
//! Building matches `kubectl create secret docker-registry`
//! (`k8s.io/kubectl/pkg/cmd/create/create_secret_docker.go`,
//! `handleDockerCfgJSONContent`) byte for byte: Go's `json.Marshal` of
//! `{"auths":{server:{username,password,email (omitempty),auth}}}` with
//! `auth = base64(username ":" password)`, map keys sorted, and Go's HTML
//! escaping of `<`, `>`, `&`, U+2028 and U+2029.
//!
//! Reading follows what the kubelet uses (`pkg/credentialprovider/config.go`):
//! per registry `username`, `password`, `email` and `auth`; when `auth` is
//! set, it wins. Anything else in the file (an `identitytoken`, `credsStore`,
//! `HttpHeaders`, …) does not reach the kubelet, so it is reported in
//! [`DockerConfig::notes`] rather than kept: the form edits the credentials
//! and rebuilding writes only them. The notes say what a rebuild drops, so
//! the UI can warn before saving.
//!
//! No message here contains a password, an `auth` value or file content.

use std::collections::BTreeMap;
use std::fmt;
use std::io;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::problem::Problem;
use crate::model::secret::value::{decode_b64_pasted, encode_b64};

/// kubectl's default `--docker-server`, Docker Hub's registry key.
pub const DOCKER_HUB_SERVER: &str = "https://index.docker.io/v1/";

/// The credentials for one registry.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct RegistryCredential {
    pub server: String,
    pub username: String,
    pub password: String,
    /// Optional; kubectl leaves it out when empty.
    pub email: String,
}

/// Redacted: `{:?}` output tends to reach consoles and panic messages.
impl fmt::Debug for RegistryCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegistryCredential")
            .field("server", &self.server)
            .field("username", &self.username)
            .field(
                "password",
                &format_args!("<{} bytes redacted>", self.password.len()),
            )
            .field("email", &self.email)
            .finish()
    }
}

/// Which input of a credential a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistryField {
    Server,
    Username,
    Password,
    Email,
}

/// One input of the registry list: the credential at `row` of the list given
/// to the builder, and which of its inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegistryInput {
    pub row: usize,
    pub column: RegistryField,
}

/// What a `.dockerconfigjson` / `.dockercfg` / `config.json` holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DockerConfig {
    /// One per registry, sorted by server; ready for the form, and
    /// [`build_docker_config_json`] turns them back into the file.
    pub credentials: Vec<RegistryCredential>,
    /// Things worth knowing that are not credentials: helpers, tokens,
    /// disagreements, fields a rebuild drops. Never contain secret values.
    pub notes: Vec<String>,
}

/// The `.dockerconfigjson` for these credentials, or every problem found.
pub fn build_docker_config_json(
    creds: &[RegistryCredential],
) -> Result<Vec<u8>, Vec<Problem<RegistryInput>>> {
    Ok(to_go_json(&DockerConfigJson {
        auths: entries(creds)?,
    }))
}

#[derive(Serialize)]
struct DockerConfigJson<'a> {
    auths: BTreeMap<&'a str, Entry<'a>>,
}

/// Field order and `omitempty` of kubectl's `DockerConfigEntry`.
#[derive(Serialize)]
struct Entry<'a> {
    username: &'a str,
    password: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    email: &'a str,
    auth: String,
}

fn entries(
    creds: &[RegistryCredential],
) -> Result<BTreeMap<&str, Entry<'_>>, Vec<Problem<RegistryInput>>> {
    let errors = validate(creds);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(creds
        .iter()
        .map(|c| {
            let entry = Entry {
                username: &c.username,
                password: &c.password,
                email: &c.email,
                auth: encode_b64(format!("{}:{}", c.username, c.password).as_bytes()),
            };
            (c.server.as_str(), entry)
        })
        .collect())
}

/// Every problem of every credential, in list order.
fn validate(creds: &[RegistryCredential]) -> Vec<Problem<RegistryInput>> {
    let mut errors = Vec::new();
    for (row, c) in creds.iter().enumerate() {
        let mut error = |column, message: &str| {
            errors.push(Problem::error(RegistryInput { row, column }, message))
        };
        let server = c.server.trim();
        if server.is_empty() {
            error(
                RegistryField::Server,
                "enter the registry server, e.g. registry.example.com",
            );
        } else if c.server.chars().any(char::is_whitespace) {
            error(
                RegistryField::Server,
                "a registry server contains no spaces",
            );
        } else if creds[..row]
            .iter()
            .any(|earlier| earlier.server.trim() == server)
        {
            error(
                RegistryField::Server,
                "this registry is already listed above; a registry has one set of credentials",
            );
        }

        if c.username.trim().is_empty() {
            error(RegistryField::Username, "enter the username");
        } else if c.username.contains(':') {
            // `auth` is split at its first ':' (the kubelet's
            // `decodeDockerConfigFieldAuth`, docker's `decodeAuth`), so a
            // ':' in the username would move the rest into the password.
            error(
                RegistryField::Username,
                "a username cannot contain ':' (the auth field separates username and password with it)",
            );
        } else if has_line_break(&c.username) {
            error(
                RegistryField::Username,
                "the username contains a line break",
            );
        }

        if c.password.is_empty() {
            error(
                RegistryField::Password,
                "enter the password or access token",
            );
        } else if c.password.trim().is_empty() {
            error(RegistryField::Password, "the password is only spaces");
        } else if has_line_break(&c.password) {
            error(
                RegistryField::Password,
                "the password contains a line break (pasted with a trailing newline?)",
            );
        }

        if !c.email.is_empty() && c.email.trim().is_empty() {
            error(
                RegistryField::Email,
                "leave the email empty or enter an address",
            );
        }
    }
    errors
}

fn has_line_break(s: &str) -> bool {
    s.contains(['\n', '\r'])
}

/// Serializes the way Go's `encoding/json` does. serde_json already escapes
/// `"`, `\`, `\b`, `\f`, `\n`, `\r`, `\t` and other control characters as
/// Go does (`\u00XX`, lowercase hex); Go additionally escapes `<`, `>`, `&`
/// and the JavaScript line separators.
fn to_go_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, GoFormatter);
    // Plain structs, maps and strings cannot fail to serialize into a Vec.
    if value.serialize(&mut ser).is_err() {
        out.clear();
    }
    out
}

struct GoFormatter;

impl serde_json::ser::Formatter for GoFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, ch) in fragment.char_indices() {
            let escape = match ch {
                '<' => "\\u003c",
                '>' => "\\u003e",
                '&' => "\\u0026",
                '\u{2028}' => "\\u2028",
                '\u{2029}' => "\\u2029",
                _ => continue,
            };
            writer.write_all(&fragment.as_bytes()[start..i])?;
            writer.write_all(escape.as_bytes())?;
            start = i + ch.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// Reads a `.dockerconfigjson` or docker `config.json` (`legacy == false`),
/// or a legacy `.dockercfg` (`legacy == true`, a map of server → entry).
///
/// Errors are for files the kubelet could not use at all; problems with one
/// registry become notes so the rest can still be shown.
pub fn parse_docker_config(bytes: &[u8], legacy: bool) -> Result<DockerConfig, String> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| json_error(&e))?;
    let Value::Object(top) = value else {
        return Err("the file must be a JSON object".into());
    };
    let mut notes = Vec::new();
    let none = Map::new();
    let registries = if legacy {
        if matches!(top.get("auths"), Some(Value::Object(_))) {
            notes.push(
                "this looks like a .dockerconfigjson file (it has an \"auths\" object), \
                 but a kubernetes.io/dockercfg Secret holds the legacy format: \
                 registries at the top level"
                    .to_owned(),
            );
        }
        &top
    } else {
        note_top_level(&top, &mut notes);
        match top.get("auths") {
            Some(Value::Object(auths)) => auths,
            // Go unmarshals `null` into an empty map.
            None | Some(Value::Null) => {
                notes.push(
                    "the file has no \"auths\" object, so it holds no registry credentials".into(),
                );
                &none
            }
            Some(_) => return Err("\"auths\" must be a JSON object".into()),
        }
    };

    let mut credentials = Vec::new();
    for (server, entry) in registries {
        let Value::Object(entry) = entry else {
            return Err(format!("the entry for {server} is not a JSON object"));
        };
        credentials.push(read_entry(server, entry, &mut notes)?);
    }
    // Sorted like Go's map encoding, whatever order serde_json's map keeps.
    credentials.sort_by(|a, b| a.server.cmp(&b.server));
    Ok(DockerConfig { credentials, notes })
}

/// Top-level fields of a docker `config.json` besides `auths`.
fn note_top_level(top: &Map<String, Value>, notes: &mut Vec<String>) {
    if let Some(Value::String(store)) = top.get("credsStore") {
        notes.push(format!(
            "credentials kept in a credential helper are not in this file (credsStore: {store})"
        ));
    }
    if let Some(Value::Object(helpers)) = top.get("credHelpers") {
        let servers: Vec<&str> = helpers.keys().map(String::as_str).collect();
        notes.push(format!(
            "credentials kept in a credential helper are not in this file (credHelpers for {})",
            servers.join(", ")
        ));
    }
    let others: Vec<&str> = top
        .keys()
        .map(String::as_str)
        .filter(|k| *k != "auths")
        .collect();
    if !others.is_empty() {
        notes.push(format!(
            "the kubelet reads only \"auths\"; saving from the form drops {}",
            others.join(", ")
        ));
    }
}

/// One registry's credentials; the kubelet's `DockerConfigEntry.UnmarshalJSON`.
fn read_entry(
    server: &str,
    entry: &Map<String, Value>,
    notes: &mut Vec<String>,
) -> Result<RegistryCredential, String> {
    let field = |name: &str| -> Result<Option<&str>, String> {
        match entry.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err(format!("the {name} of {server} is not a string")),
        }
    };
    let username = field("username")?;
    let password = field("password")?;
    let email = field("email")?.unwrap_or_default().to_owned();
    let auth = field("auth")?.filter(|a| !a.is_empty());

    let mut credential = RegistryCredential {
        server: server.to_owned(),
        username: username.unwrap_or_default().to_owned(),
        password: password.unwrap_or_default().to_owned(),
        email,
    };
    if let Some(auth) = auth {
        match decode_auth(auth) {
            Ok((user, pass)) => {
                let differs =
                    username.is_some_and(|u| u != user) || password.is_some_and(|p| p != pass);
                if differs {
                    notes.push(format!(
                        "{server}: the username/password fields differ from the auth field; \
                         the kubelet uses auth, shown here"
                    ));
                }
                credential.username = user;
                credential.password = pass;
            }
            Err(why) => notes.push(format!(
                "{server}: {why}; the kubelet will reject this Secret"
            )),
        }
    }

    let extra: Vec<&str> = entry
        .keys()
        .map(String::as_str)
        .filter(|k| !matches!(*k, "username" | "password" | "email" | "auth"))
        .collect();
    if extra
        .iter()
        .any(|k| matches!(*k, "identitytoken" | "registrytoken"))
    {
        notes.push(format!(
            "{server}: signs in with a token (identitytoken/registrytoken), which the kubelet does not use"
        ));
    }
    if !extra.is_empty() {
        notes.push(format!(
            "{server}: saving from the form drops {}",
            extra.join(", ")
        ));
    }
    if auth.is_none() && username.is_none() && password.is_none() {
        notes.push(format!(
            "{server}: no username or password in this file (a credential helper may hold them)"
        ));
    }
    Ok(credential)
}

/// `base64(username ":" password)`, split at the first ':'.
fn decode_auth(auth: &str) -> Result<(String, String), String> {
    let bytes =
        decode_b64_pasted(auth.trim()).map_err(|_| "the auth field is not base64".to_owned())?;
    let text =
        String::from_utf8(bytes).map_err(|_| "the auth field is not UTF-8 text".to_owned())?;
    match text.split_once(':') {
        Some((user, pass)) => Ok((user.to_owned(), pass.to_owned())),
        None => Err("the auth field has no ':' between username and password".into()),
    }
}

/// A position and a kind, never the content: the file holds passwords.
fn json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Eof => "the JSON ends too early",
        Category::Syntax => "the file is not valid JSON",
        Category::Data | Category::Io => "the file could not be read as JSON",
    };
    format!("{what} (line {}, column {})", e.line(), e.column())
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use proptest::prelude::*;

    fn cred(server: &str, username: &str, password: &str, email: &str) -> RegistryCredential {
        RegistryCredential {
            server: server.into(),
            username: username.into(),
            password: password.into(),
            email: email.into(),
        }
    }

    fn text(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes).unwrap()
    }

    /// The `.dockerconfigjson` values below are what
    /// `kubectl create secret docker-registry x --docker-server=S
    /// --docker-username=U --docker-password=P [--docker-email=E]
    /// --dry-run=client -o json` (kubectl v1.37.2) printed, base64-decoded.
    #[test]
    fn builds_what_kubectl_builds() {
        let cases = [
            (
                cred("r<&>.io", "u", "p:a\"ss", "e@x"),
                r#"{"auths":{"r\u003c\u0026\u003e.io":{"username":"u","password":"p:a\"ss","email":"e@x","auth":"dTpwOmEic3M="}}}"#,
            ),
            (
                cred("registry.example.com", "robot", "s3cret", ""),
                r#"{"auths":{"registry.example.com":{"username":"robot","password":"s3cret","auth":"cm9ib3Q6czNjcmV0"}}}"#,
            ),
        ];
        for (c, want) in cases {
            let got = build_docker_config_json(std::slice::from_ref(&c)).unwrap();
            assert_eq!(text(got), want);
        }
    }

    /// Control characters and line separators (kubectl output for
    /// `--docker-server=$'a\b\f\x01\x7f\u2028\u2029é'`); the form refuses
    /// such a server, so this checks the encoder alone.
    #[test]
    fn escapes_like_go() {
        let server = "a\u{8}\u{c}\u{1}\u{7f}\u{2028}\u{2029}é";
        let json = text(to_go_json(&BTreeMap::from([(server, "p\t\n")])));
        assert_eq!(
            json,
            "{\"a\\b\\f\\u0001\u{7f}\\u2028\\u2029é\":\"p\\t\\n\"}"
        );
    }

    #[test]
    fn several_registries_are_sorted_like_go_maps() {
        let json = build_docker_config_json(&[
            cred("z.example", "u", "p", ""),
            cred("B.example", "u", "p", ""),
            cred("a.example", "u", "p", ""),
        ])
        .unwrap();
        let json = text(json);
        let positions: Vec<usize> = ["\"B.example\"", "\"a.example\"", "\"z.example\""]
            .iter()
            .map(|s| json.find(s).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{json}");
    }

    #[test]
    fn validation_errors() {
        use RegistryField::*;
        let secret = "hunter2-secret";
        let cases: Vec<(RegistryCredential, Vec<(RegistryField, &str)>)> = vec![
            (
                cred("", "u", secret, ""),
                vec![(Server, "enter the registry server")],
            ),
            (
                cred("   ", "u", secret, ""),
                vec![(Server, "enter the registry server")],
            ),
            (cred("r .io", "u", secret, ""), vec![(Server, "no spaces")]),
            (cred(" r.io", "u", secret, ""), vec![(Server, "no spaces")]),
            (
                cred("r.io", "", secret, ""),
                vec![(Username, "enter the username")],
            ),
            (
                cred("r.io", "  ", secret, ""),
                vec![(Username, "enter the username")],
            ),
            (cred("r.io", "a:b", secret, ""), vec![(Username, "':'")]),
            (
                cred("r.io", "a\n", secret, ""),
                vec![(Username, "line break")],
            ),
            (
                cred("r.io", "u", "", ""),
                vec![(Password, "enter the password")],
            ),
            (
                cred("r.io", "u", " \t", ""),
                vec![(Password, "only spaces")],
            ),
            (
                cred("r.io", "u", "hunter2\n", ""),
                vec![(Password, "line break")],
            ),
            (cred("r.io", "u", secret, " "), vec![(Email, "email")]),
            (
                cred("", "", "", "  "),
                vec![
                    (Server, "server"),
                    (Username, "username"),
                    (Password, "password"),
                    (Email, "email"),
                ],
            ),
            // Allowed: a ':' in the password (split at the first ':'), any email text.
            (cred("r.io", "u", "a:b:c", "not-an-address"), vec![]),
        ];
        for (c, want) in cases {
            let errors = build_docker_config_json(std::slice::from_ref(&c))
                .err()
                .unwrap_or_default();
            let got: Vec<RegistryField> = errors.iter().map(|e| e.field.column).collect();
            let fields: Vec<RegistryField> = want.iter().map(|w| w.0).collect();
            assert_eq!(got, fields, "{c:?}: {errors:?}");
            for (e, (_, word)) in errors.iter().zip(&want) {
                assert_eq!(e.field.row, 0);
                assert!(e.is_error(), "{e:?}");
                assert!(e.message.contains(word), "{e:?}");
                assert!(!e.message.contains("hunter2"), "{e:?}");
            }
        }
    }

    #[test]
    fn duplicate_servers_are_reported_on_the_later_one() {
        let errors = build_docker_config_json(&[
            cred("r.io", "u", "p", ""),
            cred("other.io", "u", "p", ""),
            cred("r.io", "v", "q", ""),
        ])
        .unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].field,
            RegistryInput {
                row: 2,
                column: RegistryField::Server
            }
        );
        assert!(errors[0].message.contains("already listed"));
    }

    #[test]
    fn debug_redacts_the_password() {
        let shown = format!("{:?}", cred("r.io", "u", "hunter2", ""));
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(
            shown.contains("7 bytes redacted") && shown.contains("r.io"),
            "{shown}"
        );
        let config = DockerConfig {
            credentials: vec![cred("r.io", "u", "hunter2", "")],
            notes: vec![],
        };
        assert!(!format!("{config:?}").contains("hunter2"));
    }

    fn parse(json: &str) -> DockerConfig {
        parse_docker_config(json.as_bytes(), false).unwrap()
    }

    #[test]
    fn reads_kubectl_output() {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode("eyJhdXRocyI6eyJyXHUwMDNjXHUwMDI2XHUwMDNlLmlvIjp7InVzZXJuYW1lIjoidSIsInBhc3N3b3JkIjoicDphXCJzcyIsImVtYWlsIjoiZUB4IiwiYXV0aCI6ImRUcHdPbUVpYzNNPSJ9fX0=")
            .unwrap();
        let parsed = parse_docker_config(&bytes, false).unwrap();
        assert_eq!(parsed.credentials, [cred("r<&>.io", "u", "p:a\"ss", "e@x")]);
        assert!(parsed.notes.is_empty(), "{:?}", parsed.notes);
    }

    #[test]
    fn reads_entries() {
        // (json, expected credentials, words the notes must contain)
        let cases: Vec<(&str, Vec<RegistryCredential>, Vec<&str>)> = vec![
            // Only `auth`, as `docker login` writes it.
            (
                r#"{"auths":{"r.io":{"auth":"dTpwOmM="}}}"#,
                vec![cred("r.io", "u", "p:c", "")],
                vec![],
            ),
            // Unpadded auth (Go's RawStdEncoding branch).
            (
                r#"{"auths":{"r.io":{"auth":"dTpw"}}}"#,
                vec![cred("r.io", "u", "p", "")],
                vec![],
            ),
            // Only username/password.
            (
                r#"{"auths":{"r.io":{"username":"u","password":"p","email":"e"}}}"#,
                vec![cred("r.io", "u", "p", "e")],
                vec![],
            ),
            // Disagreeing: auth wins, as in the kubelet.
            (
                r#"{"auths":{"r.io":{"username":"x","password":"p","auth":"dTpw"}}}"#,
                vec![cred("r.io", "u", "p", "")],
                vec!["differ"],
            ),
            // An empty auth counts as absent (Go: `len(tmp.Auth) == 0`).
            (
                r#"{"auths":{"r.io":{"username":"u","password":"p","auth":""}}}"#,
                vec![cred("r.io", "u", "p", "")],
                vec![],
            ),
            (
                r#"{"auths":{"r.io":{"auth":"bm9jb2xvbg=="}}}"#,
                vec![cred("r.io", "", "", "")],
                vec!["no ':'", "reject"],
            ),
            (
                r#"{"auths":{"r.io":{"auth":"!!!"}}}"#,
                vec![cred("r.io", "", "", "")],
                vec!["not base64"],
            ),
            (
                r#"{"auths":{"r.io":{"auth":"/w=="}}}"#,
                vec![cred("r.io", "", "", "")],
                vec!["UTF-8"],
            ),
            // A docker config.json whose secrets live in a helper.
            (
                r#"{"auths":{"https://index.docker.io/v1/":{}},"credsStore":"desktop","credHelpers":{"gcr.io":"gcloud"},"psFormat":"x"}"#,
                vec![cred(DOCKER_HUB_SERVER, "", "", "")],
                vec![
                    "credential helper",
                    "desktop",
                    "gcr.io",
                    "drops credHelpers, credsStore, psFormat",
                    "no username",
                ],
            ),
            (
                r#"{"auths":{"r.io":{"auth":"dTpw","identitytoken":"SECRET-token"}}}"#,
                vec![cred("r.io", "u", "p", "")],
                vec!["identitytoken", "drops identitytoken"],
            ),
            (
                r#"{"credsStore":"osxkeychain"}"#,
                vec![],
                vec!["credential helper", "no \"auths\""],
            ),
            (r#"{"auths":{}}"#, vec![], vec![]),
            (r#"{"auths":null}"#, vec![], vec!["no \"auths\""]),
            (
                r#"{"auths":{"r.io":{"username":null}}}"#,
                vec![cred("r.io", "", "", "")],
                vec!["no username"],
            ),
        ];
        for (json, want, words) in cases {
            let parsed = parse(json);
            assert_eq!(parsed.credentials, want, "{json}");
            let notes = parsed.notes.join("\n");
            for word in words {
                assert!(notes.contains(word), "{json}: {notes}");
            }
            assert!(!notes.contains("SECRET"), "{notes}");
        }
    }

    #[test]
    fn reads_legacy_dockercfg() {
        let parsed =
            parse_docker_config(br#"{"r.io":{"auth":"dTpw","email":"e@x"}}"#, true).unwrap();
        assert_eq!(parsed.credentials, [cred("r.io", "u", "p", "e@x")]);
        let wrong = parse_docker_config(br#"{"auths":{"r.io":{"auth":"dTpw"}}}"#, true).unwrap();
        assert!(
            wrong.notes[0].contains("legacy format"),
            "{:?}",
            wrong.notes
        );
    }

    #[test]
    fn file_errors_say_where_not_what() {
        let cases: [(&[u8], bool, &str); 8] = [
            (b"", false, "ends too early (line 1, column 0)"),
            (
                b"{\"auths\": {\n  \"r.io\": hunter2",
                false,
                "not valid JSON (line 2, column 11)",
            ),
            (b"[]", false, "must be a JSON object"),
            (b"{\"auths\": []}", false, "\"auths\" must be a JSON object"),
            (
                b"{\"auths\": {\"r.io\": \"hunter2\"}}",
                false,
                "entry for r.io is not a JSON object",
            ),
            (
                b"{\"auths\": {\"r.io\": {\"password\": 7}}}",
                false,
                "password of r.io is not a string",
            ),
            (b"{\"r.io\": 1}", true, "entry for r.io"),
            (b"\xff\xfe", false, "not valid JSON"),
        ];
        for (bytes, legacy, want) in cases {
            let err = parse_docker_config(bytes, legacy).unwrap_err();
            assert!(err.contains(want), "{err}");
            assert!(!err.contains("hunter2"), "{err}");
        }
    }

    fn credential() -> impl Strategy<Value = RegistryCredential> {
        (
            "[!-~]{1,30}",
            "[!-9;-~][ -9;-~]{0,20}",
            "[ -~]{0,20}[!-~]",
            prop_oneof![Just(String::new()), "[!-~][ -~]{0,20}"],
        )
            .prop_map(|(server, username, password, email)| RegistryCredential {
                server,
                username,
                password,
                email,
            })
    }

    proptest! {
        #[test]
        fn build_then_parse_round_trips(creds in proptest::collection::vec(credential(), 0..4)) {
            let mut unique: BTreeMap<String, RegistryCredential> = BTreeMap::new();
            for c in creds {
                unique.insert(c.server.clone(), c);
            }
            let creds: Vec<RegistryCredential> = unique.into_values().collect();
            let json = build_docker_config_json(&creds).unwrap();
            let parsed = parse_docker_config(&json, false).unwrap();
            prop_assert_eq!(parsed.credentials, creds);
            prop_assert!(parsed.notes.is_empty());
        }

        #[test]
        fn parse_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200), legacy: bool) {
            let _ = parse_docker_config(&bytes, legacy);
        }

        #[test]
        fn parse_never_panics_on_mutated_files(
            cut in 0usize..200,
            flip in 0usize..200,
            byte: u8,
            legacy: bool,
        ) {
            let mut bytes = br#"{"auths":{"r.io":{"username":"u","password":"p","auth":"dTpw","identitytoken":"t"}},"credsStore":"x"}"#.to_vec();
            let at = flip % bytes.len();
            bytes[at] = byte;
            bytes.truncate(cut.min(bytes.len()));
            let _ = parse_docker_config(&bytes, legacy);
        }
    }
}
