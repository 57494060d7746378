//! Real keys and certificates for tests, made by `tls/gen.sh` and `ssh/gen.sh`
//! in this folder (test keys only; they protect nothing).

pub const NOW: i64 = 1_800_000_000;
pub const RSA_CRT: &[u8] = include_bytes!("tls/rsa.crt");
pub const RSA_KEY: &[u8] = include_bytes!("tls/rsa.pkcs1.key");
pub const OTHER_KEY: &[u8] = include_bytes!("tls/other.key");
pub const EXPIRED_CRT: &[u8] = include_bytes!("tls/expired.crt");
pub const SSH_KEY: &[u8] = include_bytes!("ssh/id_ed25519");
pub const SSH_PUB: &[u8] = include_bytes!("ssh/id_ed25519.pub");
