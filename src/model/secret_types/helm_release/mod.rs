//! Helm's release records: the Secrets (type `helm.sh/release.v1`, named
//! `sh.helm.release.v1.NAME.vN`, one per revision) in which Helm stores each
//! revision of a release.
//!
//! Their one key, `release`, holds base64 text of a gzip stream of the
//! release as JSON (Helm v4 `pkg/storage/driver/util.go`, `encodeRelease` and
//! `decodeRelease`). The gzip step needs the browser (`DecompressionStream`),
//! so decoding is two pure steps here with the decompression between them:
//! [`record::unwrap_record`], then [`release::parse_release`].

pub mod error;
pub mod record;
pub mod release;

/// The Secret type of a release record.
pub const RELEASE_TYPE: &str = "helm.sh/release.v1";
/// The data key that holds the encoded release.
pub const RELEASE_KEY: &str = "release";
