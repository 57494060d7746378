//! Sealing for Git: what Bitnami Sealed Secrets' `kubeseal` produces, rebuilt
//! from its source (v0.40.0: `pkg/crypto/crypto.go` for the ciphertext
//! layout, `pkg/apis/sealedsecrets/v1alpha1` for scopes and the manifest).
//! The encryption itself runs in the browser (WebCrypto); everything that
//! decides what goes in or comes out lives here, tested natively.

pub mod certificate;
pub mod envelope;
pub mod from_import;
pub mod manifest;
pub mod pin;
pub mod scope;
pub mod sealed_summary;
pub mod source;
