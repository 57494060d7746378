//! The first step of reading a release record: its `release` key's base64
//! text to the bytes it stands for, gzip or (for old releases) plain JSON.

use super::error::DecodeError;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// What the `release` key holds once its base64 is undone.
#[derive(Clone, PartialEq, Eq)]
pub enum Payload {
    /// A gzip stream (starts with the magic `1f 8b 08`): decompress it, then
    /// [`super::release::parse_release`].
    Gzip(Vec<u8>),
    /// Bytes without the gzip magic. Helm reads these as uncompressed JSON
    /// (releases stored before compression was introduced), and so do we.
    Plain(Vec<u8>),
}

// The payload is the release, values included: never printed.
impl std::fmt::Debug for Payload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Payload::Gzip(b) => write!(f, "Gzip({} bytes)", b.len()),
            Payload::Plain(b) => write!(f, "Plain({} bytes)", b.len()),
        }
    }
}

/// The gzip magic and compression method (deflate) Helm's `decodeRelease` checks.
const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// Undoes the base64 of a record's `release` key (`value` is the key's
/// bytes as Kubernetes decoded them from `data`: base64 once more).
pub fn unwrap_record(value: Option<&[u8]>) -> Result<Payload, DecodeError> {
    let text = value.ok_or(DecodeError::NoReleaseKey)?;
    let bytes = STANDARD.decode(text.trim_ascii()).map_err(|e| match e {
        base64::DecodeError::InvalidByte(at, _) => DecodeError::NotBase64 { offset: Some(at) },
        base64::DecodeError::InvalidLastSymbol(at, _) => {
            DecodeError::NotBase64 { offset: Some(at) }
        }
        _ => DecodeError::NotBase64 { offset: None },
    })?;
    // Helm's own test is `len(b) > 3` and the magic.
    if bytes.len() > GZIP_MAGIC.len() && bytes.starts_with(&GZIP_MAGIC) {
        Ok(Payload::Gzip(bytes))
    } else {
        Ok(Payload::Plain(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_fixtures::helm;

    #[test]
    fn a_record_written_by_helm_is_gzip() {
        let payload = unwrap_record(Some(helm::RECORD_V1)).unwrap();
        let Payload::Gzip(bytes) = payload else {
            panic!("expected gzip, got {payload:?}");
        };
        assert_eq!(&bytes[..3], &GZIP_MAGIC);
    }

    #[test]
    fn bytes_without_the_magic_are_plain() {
        let text = STANDARD.encode(br#"{"name":"x"}"#);
        assert_eq!(
            unwrap_record(Some(text.as_bytes())).unwrap(),
            Payload::Plain(br#"{"name":"x"}"#.to_vec())
        );
        // Too short to be gzip, even with the magic.
        let text = STANDARD.encode(GZIP_MAGIC);
        assert!(matches!(
            unwrap_record(Some(text.as_bytes())),
            Ok(Payload::Plain(_))
        ));
    }

    #[test]
    fn bad_base64_names_the_offset_not_the_bytes() {
        let err = unwrap_record(Some(b"H4sI*secret*")).unwrap_err();
        assert_eq!(err, DecodeError::NotBase64 { offset: Some(4) });
        assert!(!err.to_string().contains("secret"));
        assert_eq!(
            unwrap_record(Some(b"H4sIA")).unwrap_err(),
            DecodeError::NotBase64 { offset: None }
        );
        assert_eq!(unwrap_record(None).unwrap_err(), DecodeError::NoReleaseKey);
    }

    #[test]
    fn the_payload_is_never_printed() {
        let payload = unwrap_record(Some(helm::RECORD_V1)).unwrap();
        assert!(format!("{payload:?}").starts_with("Gzip("));
    }
}
