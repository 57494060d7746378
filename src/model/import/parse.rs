//! Pasted or uploaded text → one JSON value per document, each with the line
//! it starts on, or the line and column where the text stops making sense.
//!
//! YAML goes through `saphyr-parser`'s event stream (YAML 1.2), built into
//! `serde_json` values here: plain scalars resolve by the 1.2 core schema
//! (`true`, `null`, `12`, `1.5`), every other style stays a string. Text
//! that starts with `{` or `[` is JSON and read as JSON, so its numbers and
//! escapes mean exactly what they mean to `kubectl`.
//!
//! Messages say where and what, never the text found there: a value pasted
//! by mistake must not end up in an error.

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::fmt;

/// One document of the input. `index` counts documents as the user sees
/// them, from 1, empty ones included (so "document 3" is the third).
#[derive(Clone, PartialEq)]
pub struct ParsedDocument {
    pub index: usize,
    pub line: usize,
    pub value: Value,
}

/// Redacted: a document is mostly secret values.
impl fmt::Debug for ParsedDocument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ParsedDocument {{ index: {}, line: {} }}",
            self.index, self.line
        )
    }
}

/// Where the input stops parsing; `line` and `column` count from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

/// Every document of `text` in order, empty documents left out (as
/// `kubectl apply -f` leaves them out). Any syntax error fails the whole
/// input: importing the documents before a typo and not those after would
/// be a half-done import nobody asked for.
pub fn parse_documents(text: &str) -> Result<Vec<ParsedDocument>, ParseError> {
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if start.starts_with(['{', '[']) {
        return parse_json(text);
    }
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(scan_error)?;
        builder.on_event(event, span)?;
    }
    Ok(builder
        .documents
        .into_iter()
        .filter(|d| !d.value.is_null())
        .collect())
}

fn parse_json(text: &str) -> Result<Vec<ParsedDocument>, ParseError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ParseError {
        line: e.line().max(1),
        // serde_json counts an error right after a line break as column 0.
        column: e.column().max(1),
        message: json_message(&e),
    })?;
    let line = text.lines().position(|l| !l.trim().is_empty()).unwrap_or(0) + 1;
    Ok(vec![ParsedDocument {
        index: 1,
        line,
        value,
    }])
}

/// serde_json's text, without its own " at line x column y" tail (the
/// position is said once, by [`ParseError`]'s `Display`). Its messages name
/// the JSON rule broken (`expected ',' or '}'`), not the text.
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

fn scan_error(e: ScanError) -> ParseError {
    let info = e.info();
    // The scanner's one message that quotes the input: drop the character.
    let message = if info.starts_with("unexpected character") {
        "unexpected character".to_string()
    } else {
        info.to_string()
    };
    ParseError {
        line: e.marker().line(),
        column: e.marker().col() + 1,
        message,
    }
}

fn error_at(span: &Span, message: impl Into<String>) -> ParseError {
    ParseError {
        line: span.start.line(),
        column: span.start.col() + 1,
        message: message.into(),
    }
}

/// A collection being filled: a sequence, or a mapping with the key whose
/// value comes next.
enum Open {
    Seq(Vec<Value>, usize),
    Map(Map<String, Value>, Option<String>, usize),
}

#[derive(Default)]
struct Builder {
    documents: Vec<ParsedDocument>,
    stack: Vec<Open>,
    /// The document being read: its number and first line.
    current: Option<(usize, usize)>,
    root: Option<Value>,
    /// Anchored values by anchor id, for aliases (`*name`).
    anchors: HashMap<usize, Value>,
}

impl Builder {
    fn on_event(&mut self, event: Event<'_>, span: Span) -> Result<(), ParseError> {
        match event {
            Event::DocumentStart(_) => {
                self.current = Some((self.documents.len() + 1, span.start.line()));
                self.root = None;
                self.anchors.clear();
            }
            Event::DocumentEnd => {
                let (index, line) = self.current.take().unwrap_or((1, 1));
                self.documents.push(ParsedDocument {
                    index,
                    line,
                    value: self.root.take().unwrap_or(Value::Null),
                });
            }
            Event::Scalar(text, style, anchor, tag) => {
                let forced_string = tag.as_ref().is_some_and(|t| t.suffix == "str");
                let value = if style == ScalarStyle::Plain && !forced_string {
                    resolve_plain(&text)
                } else {
                    Value::String(text.into_owned())
                };
                self.add(value, anchor, &span)?;
            }
            Event::Alias(id) => {
                let value = self
                    .anchors
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| error_at(&span, "alias to an unknown anchor"))?;
                self.add(value, 0, &span)?;
            }
            Event::SequenceStart(anchor, _) => self.stack.push(Open::Seq(Vec::new(), anchor)),
            Event::MappingStart(anchor, _) => self.stack.push(Open::Map(Map::new(), None, anchor)),
            Event::SequenceEnd | Event::MappingEnd => {
                let (value, anchor) = match self.stack.pop() {
                    Some(Open::Seq(items, anchor)) => (Value::Array(items), anchor),
                    Some(Open::Map(map, _, anchor)) => (Value::Object(map), anchor),
                    None => return Err(error_at(&span, "a collection ends that never started")),
                };
                self.add(value, anchor, &span)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
        Ok(())
    }

    /// Puts a finished value where it belongs: the next item of a
    /// sequence, a mapping's key or its value, or the document itself.
    fn add(&mut self, value: Value, anchor: usize, span: &Span) -> Result<(), ParseError> {
        if anchor != 0 {
            self.anchors.insert(anchor, value.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Open::Seq(items, _)) => items.push(value),
            Some(Open::Map(map, pending @ None, _)) => {
                let key = match value {
                    Value::String(s) => s,
                    Value::Null => "null".into(),
                    Value::Bool(b) => b.to_string(),
                    Value::Number(n) => n.to_string(),
                    Value::Array(_) | Value::Object(_) => {
                        return Err(error_at(span, "a mapping key must be a single value"))
                    }
                };
                if map.contains_key(&key) {
                    return Err(error_at(
                        span,
                        format!("key \"{key}\" appears twice in the same mapping"),
                    ));
                }
                *pending = Some(key);
            }
            Some(Open::Map(map, pending @ Some(_), _)) => {
                if let Some(key) = pending.take() {
                    map.insert(key, value);
                }
            }
        }
        Ok(())
    }
}

/// A plain scalar by the YAML 1.2 core schema: null, booleans, integers
/// (decimal, `0o`, `0x`) and floats; anything else is a string.
fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let negative = text.starts_with('-');
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = text.trim_start_matches('+').parse::<i64>() {
            return Value::Number(n.into());
        }
        if let Ok(n) = digits.parse::<u64>() {
            if !negative {
                return Value::Number(n.into());
            }
        }
    }
    for (prefix, radix) in [("0o", 8), ("0x", 16)] {
        if let Some(rest) = text.strip_prefix(prefix) {
            if let Ok(n) = i64::from_str_radix(rest, radix) {
                return Value::Number(n.into());
            }
        }
    }
    if is_core_float(text) {
        if let Some(n) = text.parse::<f64>().ok().and_then(Number::from_f64) {
            return Value::Number(n);
        }
    }
    Value::String(text.to_string())
}

/// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?` with
/// a dot or an exponent (without either it is an integer). `.inf` and
/// `.nan` have no JSON value and stay strings.
fn is_core_float(text: &str) -> bool {
    let s = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(at) => (&s[..at], Some(&s[at + 1..])),
        None => (s, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match fraction {
        Some(f) => all_digits(whole) && all_digits(f) && !(whole.is_empty() && f.is_empty()),
        None => !whole.is_empty() && all_digits(whole),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok && (fraction.is_some() || exponent.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn values(text: &str) -> Vec<Value> {
        parse_documents(text)
            .expect("parses")
            .into_iter()
            .map(|d| d.value)
            .collect()
    }

    #[test]
    fn documents_are_split_on_markers_and_empty_ones_dropped() {
        let docs = parse_documents("a: 1\n---\n---\nb: two\n...\n---\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!((docs[0].index, docs[0].line), (1, 1));
        assert_eq!((docs[1].index, docs[1].line), (3, 3));
        assert_eq!(docs[1].value, json!({"b": "two"}));
    }

    #[test]
    fn block_styles_flow_collections_and_quotes() {
        let text = "\
kind: Secret
stringData:
  literal: |
    line one
    line two
  kept: |+
    x

  stripped: |-
    y
  folded: >
    a
    b
  single: 'it''s'
  double: \"tab\\there\"
list: [a, 'b', {c: d}]
map: {x: 1, y: [2]}
";
        assert_eq!(
            values(text),
            [json!({
                "kind": "Secret",
                "stringData": {
                    "literal": "line one\nline two\n",
                    "kept": "x\n\n",
                    "stripped": "y",
                    "folded": "a b\n",
                    "single": "it's",
                    "double": "tab\there",
                },
                "list": ["a", "b", {"c": "d"}],
                "map": {"x": 1, "y": [2]},
            })]
        );
    }

    #[test]
    fn plain_scalars_follow_the_core_schema_and_quoted_stay_strings() {
        assert_eq!(
            values("a: 12\nb: -3\nc: 1.5\nd: true\ne: ~\nf: '12'\ng: 0x1f\nh: 1e3\ni: yes\nj: .inf\nk: !!str 7\n"),
            [json!({"a": 12, "b": -3, "c": 1.5, "d": true, "e": null, "f": "12",
                    "g": 31, "h": 1000.0, "i": "yes", "j": ".inf", "k": "7"})]
        );
    }

    #[test]
    fn aliases_repeat_their_anchor() {
        assert_eq!(
            values("base: &b {app: web}\ncopy: *b\n"),
            [json!({"base": {"app": "web"}, "copy": {"app": "web"}})]
        );
    }

    #[test]
    fn json_is_read_as_json() {
        let docs = parse_documents("\n  {\"kind\": \"List\", \"items\": [{\"a\": 1}]}").unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].line, 2);
        assert_eq!(docs[0].value, json!({"kind": "List", "items": [{"a": 1}]}));
    }

    #[test]
    fn bad_yaml_names_line_and_column_without_the_text() {
        let text = "kind: Secret\ndata:\n  a: b\n bad: hunter2: x\n";
        let err = parse_documents(text).unwrap_err();
        assert_eq!(err.line, 4, "{err}");
        assert!(!err.to_string().contains("hunter2"), "{err}");

        let err = parse_documents("a: 1\n---\nb: [1, 2\n").unwrap_err();
        assert!(err.line >= 3, "{err}");

        let err = parse_documents("a: \"open\nb: c\n").unwrap_err();
        assert!(err.to_string().starts_with("line "), "{err}");
    }

    #[test]
    fn an_unexpected_character_is_not_quoted() {
        let err = parse_documents("a: b\n@x: y\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 1), "{err}");
        assert_eq!(err.message, "unexpected character");
    }

    #[test]
    fn duplicate_keys_are_refused_by_name() {
        let err = parse_documents("data:\n  a: x\n  a: y\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert_eq!(err.message, "key \"a\" appears twice in the same mapping");
    }

    #[test]
    fn bad_json_names_line_and_column() {
        let err = parse_documents("{\n  \"a\": \"secret\"\n  \"b\": 1\n}").unwrap_err();
        assert_eq!((err.line, err.column), (3, 3), "{err}");
        assert!(!err.message.contains("secret"));
        assert!(!err.message.contains("line"), "{}", err.message);
    }

    /// What `kubectl create secret ... -o yaml --dry-run=client` prints (v1.37).
    const KUBECTL_CREATE_SECRET: &str = "\
apiVersion: v1
data:
  notes: bGluZSBvbmUKbGluZSB0d28K
  user: YWRtaW4=
kind: Secret
metadata:
  name: db
  namespace: team-a
";

    #[test]
    fn reads_what_kubectl_create_secret_prints() {
        assert_eq!(
            values(KUBECTL_CREATE_SECRET),
            [json!({
                "apiVersion": "v1",
                "data": {"notes": "bGluZSBvbmUKbGluZSB0d28K", "user": "YWRtaW4="},
                "kind": "Secret",
                "metadata": {"name": "db", "namespace": "team-a"},
            })]
        );
    }

    #[test]
    fn reads_the_manifest_download_of_a_secret() {
        let value = json!({
            "apiVersion": "v1", "kind": "Secret",
            "metadata": {"name": "db", "labels": {"app": "web"}},
            "stringData": {"multi": "a\n  b\n", "lead": "  x\ny", "yes": "no", "n": "0123", "empty": ""},
        });
        let text = crate::model::secret::yaml::to_yaml(&value);
        assert_eq!(values(&text), [value]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        /// The manifest download's YAML emitter and this parser agree on
        /// every value, the strings YAML is touchy about included.
        #[test]
        fn emitter_output_parses_back_to_the_same_value(
            inner in crate::model::secret::yaml::tests::tricky_value()
        ) {
            let value = json!({ "v": inner });
            let text = crate::model::secret::yaml::to_yaml(&value);
            let parsed = parse_documents(&text);
            proptest::prop_assert!(parsed.is_ok(), "{:?}\n{}", parsed, text);
            let docs = parsed.unwrap();
            proptest::prop_assert_eq!(docs.len(), 1);
            proptest::prop_assert_eq!(&docs[0].value, &value, "{}", text);
        }

        /// Whatever is pasted, the parser answers instead of panicking.
        #[test]
        fn any_text_parses_or_names_a_line(text in "[ -~\n\t]{0,200}") {
            if let Err(e) = parse_documents(&text) {
                proptest::prop_assert!(e.line >= 1 && e.column >= 1, "{}", e);
            }
        }
    }
}
