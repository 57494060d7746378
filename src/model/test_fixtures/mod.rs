//! Real keys, certificates and Helm release records for tests, made by
//! `tls/gen.sh`, `ssh/gen.sh` and `helm/gen.sh` in this folder (test keys only; they protect nothing).

pub const NOW: i64 = 1_800_000_000;
pub const RSA_CRT: &[u8] = include_bytes!("tls/rsa.crt");
pub const RSA_KEY: &[u8] = include_bytes!("tls/rsa.pkcs1.key");
pub const OTHER_KEY: &[u8] = include_bytes!("tls/other.key");
pub const EXPIRED_CRT: &[u8] = include_bytes!("tls/expired.crt");
pub const EC_CRT: &[u8] = include_bytes!("tls/ec.crt");
/// The certificate a Sealed Secrets v0.40.0 controller generated for itself
/// (`--key-size=2048`, from tests/e2e/support/sealed-secrets.mjs): an empty
/// subject, as the controller writes it.
pub const SEALED_SECRETS_CRT: &[u8] = include_bytes!("tls/sealed-secrets.crt");
pub const SSH_KEY: &[u8] = include_bytes!("ssh/id_ed25519");
pub const SSH_PUB: &[u8] = include_bytes!("ssh/id_ed25519.pub");

/// A Helm release record written by the real helm (`helm/gen.sh`): the
/// `release` key of `sh.helm.release.v1.demo.v1`, and its JSON inflated.
pub mod helm {
    pub const RECORD_V1: &[u8] = include_bytes!("helm/release.v1.b64");
    pub const RELEASE_V1_JSON: &[u8] = include_bytes!("helm/release.v1.json");
}
