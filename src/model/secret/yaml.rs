//! A small YAML emitter for manifests: block mappings and sequences, and every
//! string in a style that reads back as the same string under YAML 1.1 (PyYAML,
//! the go-yaml behind `kubectl apply -f`) and YAML 1.2 alike.
//!
//! Written here rather than taken from a crate: Keyhole only ever writes YAML,
//! and a YAML library brings a parser and its tables into the wasm bundle.
//! The native tests check the output against a real parser (libyaml's port);
//! the browser tests against PyYAML and `kubectl apply -f`.
//!
//! Keys keep the map's own order. `serde_json::Map` without `preserve_order`
//! sorts them, which is also the order `kubectl get -o yaml` prints.
//! Keys are written as implicit keys, which YAML limits to 1024 characters;
//! Kubernetes keys are at most 317.

use serde_json::{Map, Value};
use std::fmt::Write;

/// The value as a YAML document (no `---` header), ending in a newline.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_map(&mut out, map, 0, false),
        Value::Array(items) if !items.is_empty() => write_seq(&mut out, items, 0, false),
        scalar => write_scalar_line(&mut out, scalar, 0),
    }
    out
}

/// Writes a non-empty mapping whose keys sit at column `indent`. With
/// `inline_first`, the line of the first key is already started (after `- `).
fn write_map(out: &mut String, map: &Map<String, Value>, indent: usize, inline_first: bool) {
    for (i, (key, value)) in map.iter().enumerate() {
        if i > 0 || !inline_first {
            pad(out, indent);
        }
        if plain_is_safe(key) {
            out.push_str(key);
        } else {
            write_double_quoted(out, key);
        }
        out.push(':');
        write_entry_value(out, value, indent);
    }
}

/// Writes a non-empty sequence whose `-` sit at column `indent`.
fn write_seq(out: &mut String, items: &[Value], indent: usize, inline_first: bool) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 || !inline_first {
            pad(out, indent);
        }
        out.push('-');
        // A collection in a sequence starts on the `- ` line (compact form).
        match item {
            Value::Object(map) if !map.is_empty() => {
                out.push(' ');
                write_map(out, map, indent + 2, true);
            }
            Value::Array(inner) if !inner.is_empty() => {
                out.push(' ');
                write_seq(out, inner, indent + 2, true);
            }
            _ => write_entry_value(out, item, indent),
        }
    }
}

/// Writes what follows `key:` or `-` of a collection at column `indent`,
/// through the end of its last line.
fn write_entry_value(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_map(out, map, indent + 2, false);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            write_seq(out, items, indent + 2, false);
        }
        scalar => {
            out.push(' ');
            write_scalar_line(out, scalar, indent);
        }
    }
}

/// Writes a scalar (or an empty collection) held by a collection at column
/// `indent`, through the end of its last line; a literal block's lines go at
/// `indent + 2`.
fn write_scalar_line(out: &mut String, value: &Value, indent: usize) {
    write_scalar(out, value, indent);
    // A literal block ends with its own line break.
    if !out.ends_with('\n') {
        out.push('\n');
    }
}

fn write_scalar(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::Object(_) => out.push_str("{}"),
        Value::Array(_) => out.push_str("[]"),
        Value::String(s) if plain_is_safe(s) => out.push_str(s),
        Value::String(s) if literal_is_safe(s) => write_literal(out, s, indent + 2),
        Value::String(s) => write_double_quoted(out, s),
    }
}

/// Words that YAML 1.1 (`yes`, `on`, `y`, …) or 1.2 (`true`, `null`) reads as a
/// boolean or null when bare, compared ignoring ASCII case. Numbers, `~`,
/// `.inf` and `<<` never get here: their first character already asks for quotes.
const RESERVED: [&str; 9] = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"];

/// Whether `s` can be written bare and still read back as this very string.
/// Deliberately narrower than YAML allows: a bare word must start with a
/// letter, `/`, `_` or a non-ASCII character, so that nothing numeric,
/// indicator-led or document-marker-like is ever plain.
fn plain_is_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    // Controls (tabs and line breaks too) are refused by the check of every
    // character below.
    let first_ok = first.is_ascii_alphabetic() || first == '/' || first == '_' || !first.is_ascii();
    first_ok
        && !s.ends_with([' ', ':'])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.chars().any(needs_escape)
        && !RESERVED.iter().any(|w| s.eq_ignore_ascii_case(w))
}

/// Whether `s` reads best as a literal block (`|`): several lines, at least
/// one of them with text, and nothing that needs an escape.
fn literal_is_safe(s: &str) -> bool {
    s.contains('\n')
        && !s.trim_end_matches('\n').is_empty()
        && s.chars()
            .all(|c| c == '\n' || c == '\t' || !needs_escape(c))
}

/// `|` keeps exactly one final newline, `|-` none, `|+` all of them. An
/// indentation indicator is needed when the first line with text starts with
/// blank space: the reader would otherwise take that space as indentation.
fn write_literal(out: &mut String, s: &str, content_indent: usize) {
    let body = s.trim_end_matches('\n');
    let trailing = s.len() - body.len();
    out.push('|');
    let first_text = body.split('\n').find(|line| !line.is_empty());
    if first_text.is_some_and(|line| line.starts_with([' ', '\t'])) {
        // Relative to the collection's column, which is content_indent - 2.
        out.push('2');
    }
    match trailing {
        0 => out.push('-'),
        1 => {}
        _ => out.push('+'),
    }
    out.push('\n');
    for line in body.split('\n') {
        if !line.is_empty() {
            pad(out, content_indent);
            out.push_str(line);
        }
        out.push('\n');
    }
    for _ in 1..trailing {
        out.push('\n');
    }
}

fn write_double_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if c <= '\u{ff}' && needs_escape(c) => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Characters a YAML reader rejects or rewrites when they stand unescaped:
/// C0 and C1 controls (line breaks included), DEL, the Unicode line and
/// paragraph separators (line breaks in YAML 1.1), the byte order mark and the
/// non-characters U+FFFE/U+FFFF.
fn needs_escape(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

fn pad(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push(' ');
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    /// Parses with a real YAML parser (serde_yaml, a port of libyaml: the
    /// same scanner as go-yaml and PyYAML's C core).
    fn parse(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap_or_else(|e| panic!("not YAML ({e}):\n{text}"))
    }

    fn line_of(value: &str) -> String {
        to_yaml(&json!({ "k": value }))
    }

    #[test]
    fn a_manifest_reads_like_kubectl_output() {
        let v = json!({
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": { "name": "db", "labels": { "app.kubernetes.io/name": "db" } },
            "type": "Opaque",
            "data": { "password": "aHVudGVyMg==" },
        });
        assert_eq!(
            to_yaml(&v),
            "apiVersion: v1\n\
             data:\n  password: aHVudGVyMg==\n\
             kind: Secret\n\
             metadata:\n  labels:\n    app.kubernetes.io/name: db\n  name: db\n\
             type: Opaque\n"
        );
    }

    #[test]
    fn words_that_yaml_reads_as_something_else_are_quoted() {
        for word in [
            "yes",
            "No",
            "ON",
            "off",
            "y",
            "N",
            "true",
            "False",
            "null",
            "NULL",
            "~",
            "",
            "0123",
            "0x1F",
            "1e3",
            "1_000",
            "12:30",
            "2001-12-14",
            ".inf",
            "-.Inf",
            ".NaN",
            "+1",
            "-1",
            "<<",
            "=",
            "---",
            "...",
        ] {
            let text = line_of(word);
            assert_eq!(text, format!("k: \"{word}\"\n"), "{word:?}");
            assert_eq!(parse(&text)["k"], word);
        }
    }

    #[test]
    fn indicators_and_blank_edges_are_quoted() {
        for s in [
            "-a", "?a", ":a", ",a", "[a", "]a", "{a", "}a", "#a", "&a", "*a", "!a", "|a", ">a",
            "'a", "\"a", "%a", "@a", "`a", " a", "a ", "a: b", "a:", "a #b", "a\tb",
        ] {
            let text = line_of(s);
            assert!(text.starts_with("k: \""), "{s:?} -> {text}");
            assert_eq!(parse(&text)["k"], s, "{s:?}");
        }
    }

    #[test]
    fn ordinary_text_stays_plain() {
        for s in [
            "Opaque",
            "kubernetes.io/tls",
            "aHVudGVyMg==",
            "/wAQ",
            "a:b",
            "a#b",
            "http://example.com/x?y=1",
            "ünïcödé ✓",
            crate::model::secret::manifest::MASK,
        ] {
            assert_eq!(line_of(s), format!("k: {s}\n"));
        }
    }

    #[test]
    fn controls_are_escaped_in_double_quotes() {
        let s = "a\rb\u{0}c\u{7}\u{1b}\u{85}\u{2028}\u{feff}\"\\";
        let text = line_of(s);
        assert_eq!(
            text,
            "k: \"a\\rb\\0c\\x07\\x1B\\x85\\u2028\\uFEFF\\\"\\\\\"\n"
        );
        assert_eq!(parse(&text)["k"], s);
    }

    #[test]
    fn multi_line_text_is_a_literal_block_with_the_right_chomping() {
        let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        assert_eq!(
            line_of(pem),
            "k: |\n  -----BEGIN CERTIFICATE-----\n  MIIB\n  -----END CERTIFICATE-----\n"
        );
        assert_eq!(line_of("a\nb"), "k: |-\n  a\n  b\n");
        assert_eq!(line_of("a\n\nb\n\n"), "k: |+\n  a\n\n  b\n\n");
        assert_eq!(
            line_of("  indented\nnext"),
            "k: |2-\n    indented\n  next\n"
        );
        assert_eq!(line_of("\n\tx\n"), "k: |2\n\n  \tx\n");
        for s in [
            pem,
            "a\nb",
            "a\n\nb\n\n",
            "  indented\nnext",
            "\n\tx\n",
            "a\n  ",
            "\n\na",
        ] {
            let text = to_yaml(&json!({ "k": s, "z": 1 }));
            assert_eq!(parse(&text), json!({ "k": s, "z": 1 }), "{s:?}:\n{text}");
        }
    }

    #[test]
    fn only_newlines_or_carriage_returns_go_in_double_quotes() {
        assert_eq!(line_of("\n\n"), "k: \"\\n\\n\"\n");
        assert_eq!(line_of("a\r\nb"), "k: \"a\\r\\nb\"\n");
    }

    #[test]
    fn keys_and_empty_collections() {
        let v = json!({ "tls.crt": "x", "yes": {}, "a b": [], "": [1, { "k": [true, null] }, [["x"]]] });
        let text = to_yaml(&v);
        assert_eq!(
            text,
            "\"\":\n  - 1\n  - k:\n      - true\n      - null\n  - - - x\na b: []\ntls.crt: x\n\"yes\": {}\n"
        );
        assert_eq!(parse(&text), v);
        assert_eq!(to_yaml(&json!({})), "{}\n");
    }

    /// Strings made of the fragments YAML is touchy about, plus arbitrary text.
    fn tricky_string() -> impl Strategy<Value = String> {
        let fragment = prop_oneof![
            Just("yes"),
            Just("No"),
            Just("on"),
            Just("~"),
            Just("null"),
            Just("true"),
            Just("0x1F"),
            Just("1e3"),
            Just(".inf"),
            Just("0123"),
            Just(" "),
            Just("  "),
            Just("\n"),
            Just("\n\n"),
            Just("\t"),
            Just("\r"),
            Just(":"),
            Just(": "),
            Just(" #"),
            Just("#"),
            Just("-"),
            Just("- "),
            Just("?"),
            Just(","),
            Just("["),
            Just("]"),
            Just("{"),
            Just("}"),
            Just("&"),
            Just("*"),
            Just("!"),
            Just("|"),
            Just(">"),
            Just("'"),
            Just("\""),
            Just("%"),
            Just("@"),
            Just("`"),
            Just("\\"),
            Just("a"),
            Just("Zz"),
            Just("0"),
            Just("é"),
            Just("•"),
            Just("\u{85}"),
            Just("\u{2028}"),
            Just("\u{feff}"),
            Just("\u{0}"),
            Just("\u{7f}"),
            Just("---"),
            Just("..."),
        ];
        prop_oneof![
            prop::collection::vec(fragment, 0..10).prop_map(|parts| parts.concat()),
            any::<String>(),
        ]
    }

    pub(crate) fn tricky_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            tricky_string().prop_map(Value::String),
            any::<i64>().prop_map(Value::from),
            any::<bool>().prop_map(Value::Bool),
            Just(Value::Null),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map(tricky_string(), inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn any_value_round_trips_through_a_yaml_parser(value in tricky_value()) {
            let text = to_yaml(&value);
            prop_assert_eq!(parse(&text), value, "{}", text);
        }

        #[test]
        fn any_secret_shaped_map_round_trips(
            map in prop::collection::btree_map(tricky_string(), tricky_string(), 0..8)
        ) {
            let value = json!({ "stringData": map, "type": "Opaque" });
            let text = to_yaml(&value);
            prop_assert_eq!(parse(&text), value, "{}", text);
        }
    }
}
