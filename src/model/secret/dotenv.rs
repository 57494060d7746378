//! Keys from a `.env` file, read the way
//! `kubectl create secret generic --from-env-file` reads one
//! (`k8s.io/kubectl/pkg/cmd/util/env_file.go`), so a file gives the same
//! Secret here as on the command line:
//!
//! - a UTF-8 byte order mark at the start is dropped; `\r\n` line ends work;
//! - leading whitespace is trimmed; blank lines and `#` comments are skipped;
//! - each line is split at its first `=`; the value is kept exactly, quotes
//!   and trailing spaces included (kubectl does not unquote);
//! - a key appearing twice is an error, as in kubectl.
//!
//! Two deliberate differences: a line without `=` is an error (kubectl would
//! take the value from its own environment, which a browser does not have),
//! and keys are checked as Secret keys (`IsConfigMapKey`), not as
//! environment variable names, so `1st-key` is accepted here while kubectl
//! refuses it.
//!
//! Errors carry a line number and never any text of the line, since a
//! malformed line may well be a value.

use std::collections::HashMap;
use std::fmt;

use crate::model::secret::validation::validate_data_key;

const UTF8_BOM: &str = "\u{feff}";

/// Why a file could not be read, with the 1-based line it happened on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvFileError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for EnvFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for EnvFileError {}

/// The `KEY=VALUE` pairs of an env file, in file order.
pub fn parse_env_file(bytes: &[u8]) -> Result<Vec<(String, String)>, EnvFileError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        EnvFileError {
            line: bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1,
            message: format!("the file is not UTF-8 text (first invalid byte at offset {offset})"),
        }
    })?;
    let text = text.strip_prefix(UTF8_BOM).unwrap_or(text);

    let mut pairs = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    // `split('\n')` and dropping one `\r`, like Go's `bufio.ScanLines`.
    for (index, raw) in text.split('\n').enumerate() {
        let line_no = index + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let line = raw.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| EnvFileError {
            line: line_no,
            message,
        };
        let Some((key, value)) = line.split_once('=') else {
            return Err(err("expected KEY=VALUE".into()));
        };
        if let Err(why) = validate_data_key(key) {
            return Err(err(format!("the key before '=' is not valid: {why}")));
        }
        if let Some(first) = seen.insert(key, line_no) {
            return Err(err(format!("key \"{key}\" is already set on line {first}")));
        }
        pairs.push((key.to_string(), value.to_string()));
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn reads_like_kubectl() {
        let file = "\u{feff}# database\r\nDB_USER=admin\r\n\r\n   DB_PASSWORD=p=ss word \n\
                    QUOTED=\"kept as is\"\n\tEMPTY=\n  # indented comment\nURL=https://x/?a=b";
        assert_eq!(
            parse_env_file(file.as_bytes()),
            Ok(pairs(&[
                ("DB_USER", "admin"),
                ("DB_PASSWORD", "p=ss word "),
                ("QUOTED", "\"kept as is\""),
                ("EMPTY", ""),
                ("URL", "https://x/?a=b"),
            ]))
        );
    }

    #[test]
    fn empty_file_has_no_keys() {
        assert_eq!(parse_env_file(b""), Ok(vec![]));
        assert_eq!(parse_env_file(b"\n\n# only comments\n"), Ok(vec![]));
    }

    #[test]
    fn a_line_without_equals_is_an_error_without_its_text() {
        let err = parse_env_file(b"A=1\n\nhunter2-on-its-own\n").unwrap_err();
        assert_eq!(err.to_string(), "line 3: expected KEY=VALUE");
    }

    #[test]
    fn invalid_keys_are_reported_by_line() {
        let err = parse_env_file(b"A=1\nMY KEY=hunter2\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.starts_with("the key before '=' is not valid: "));
        assert!(!err.to_string().contains("hunter2"));
        assert_eq!(
            parse_env_file(b"=value").unwrap_err().message,
            "the key before '=' is not valid: key is required"
        );
    }

    #[test]
    fn duplicate_keys_name_both_lines() {
        let err = parse_env_file(b"TOKEN=a\nOTHER=b\nTOKEN=c\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 3: key \"TOKEN\" is already set on line 1"
        );
    }

    #[test]
    fn non_utf8_gives_the_offset() {
        let err = parse_env_file(b"A=1\nB=\xff\xfe\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 2: the file is not UTF-8 text (first invalid byte at offset 6)"
        );
    }

    #[test]
    fn bom_only_counts_at_the_start() {
        let err = parse_env_file("A=1\n\u{feff}B=2".as_bytes()).unwrap_err();
        assert_eq!(err.line, 2);
    }

    proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = parse_env_file(&bytes);
        }

        /// Values are marked with `§`, which no message contains; lines may
        /// be well-formed, lack the `=`, or have a broken key.
        #[test]
        fn errors_never_contain_values(
            lines in proptest::collection::vec(
                ("[A-Za-z_ .#/-]{0,6}", prop::bool::ANY, "§[^\n]{0,12}"),
                0..8,
            )
        ) {
            let file: String = lines
                .iter()
                .map(|(key, with_equals, value)| {
                    if *with_equals { format!("{key}={value}\n") } else { format!("{key}{value}\n") }
                })
                .collect();
            if let Err(e) = parse_env_file(file.as_bytes()) {
                prop_assert!(!e.to_string().contains('§'), "{}", e);
            }
        }
    }
}
