//! Why a release record could not be read. The reasons name a position or a
//! step, never the record's bytes: a release holds the chart's values, and
//! those are often passwords.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The Secret has no `release` key.
    NoReleaseKey,
    /// The key's text is not base64 (Helm writes standard, padded base64).
    NotBase64 { offset: Option<usize> },
    /// The gzip stream is corrupt (the browser's decompressor refused it).
    BadGzip,
    /// Neither gzip nor JSON: Helm stores releases from before compression
    /// as plain JSON, so bytes without the gzip magic are read as JSON.
    NotGzipOrJson,
    /// Not JSON at all, at this line and column of the decompressed text.
    NotJson { line: usize, column: usize },
    /// JSON, but not a release (a field of the wrong type, or not an object).
    NotARelease { line: usize, column: usize },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NoReleaseKey => write!(f, "the secret has no \"release\" key"),
            DecodeError::NotBase64 { offset: Some(at) } => write!(
                f,
                "the \"release\" key is not base64 text (invalid character at offset {at})"
            ),
            DecodeError::NotBase64 { offset: None } => {
                write!(f, "the \"release\" key is not base64 text (wrong length or padding)")
            }
            DecodeError::BadGzip => write!(f, "the gzip stream inside it is corrupt"),
            DecodeError::NotGzipOrJson => {
                write!(f, "its content is neither gzip-compressed nor JSON")
            }
            DecodeError::NotJson { line, column } => {
                write!(f, "the release is not valid JSON (line {line}, column {column})")
            }
            DecodeError::NotARelease { line, column } => write!(
                f,
                "the JSON is not a Helm release (unexpected content at line {line}, column {column})"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}
