//! What an SSH key is, without its secret: type, size, the fingerprint
//! `ssh-keygen -lf` prints (`SHA256:` + unpadded base64 of the SHA-256 of
//! the public key blob, RFC 4253 §6.6 wire format) and its comment.
//!
//! Private keys come as OpenSSH's own format (`openssh-key-v1`, the default
//! since OpenSSH 7.8), as legacy PEM (`RSA PRIVATE KEY`, `EC PRIVATE KEY`) or
//! as unencrypted PKCS#8 (`PRIVATE KEY`) — what
//! `ssh-keygen -m RFC4716|PEM|PKCS8` writes — holding RSA, ECDSA or Ed25519.
//! The PEM armor and the DER keys are read by [`crate::model::pki`], as for
//! TLS secrets; this file reads the OpenSSH format and builds, from a PEM
//! key's public half, the SSH blob the fingerprint is taken of.
//!
//! The OpenSSH format stores the public key outside the encrypted part, so a
//! passphrase-protected key still shows its type and fingerprint. Legacy PEM
//! encryption covers the whole key, so such a key can only be reported as
//! encrypted. A PEM key without its public half (an EC key without its
//! point, an Ed25519 PKCS#8 v1 key as `openssl genpkey` writes it) is
//! refused: computing that half needs curve arithmetic, which the
//! WebAssembly bundle leaves out.
//!
//! Private material is skipped over, never copied; errors name what was
//! wrong, never bytes of the key.

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::model::pki::der;
use crate::model::pki::pem::{parse_pem, PemBlock};
use crate::model::pki::private_key::parse_private_key;
use crate::model::pki::public_key::{
    read_key_algorithm, KeyAlgorithm, PublicKeyKind, PublicKeyMaterial,
};

/// A private key file, described.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SshKeySummary {
    /// The SSH name of the key type: `ssh-ed25519`, `ssh-rsa`,
    /// `ecdsa-sha2-nistp256`, …
    pub key_type: String,
    /// Modulus size for RSA, curve size for ECDSA, 256 for Ed25519; `None`
    /// for types this file does not know.
    pub bits: Option<u32>,
    /// `SHA256:…`, exactly as `ssh-keygen -lf` prints it.
    pub fingerprint: String,
    /// Only an unencrypted OpenSSH-format key carries a readable comment.
    pub comment: Option<String>,
    /// Protected by a passphrase.
    pub encrypted: bool,
}

const NO_KEY: &str = "no private key found (expected -----BEGIN OPENSSH PRIVATE KEY-----)";

/// Describes a private key file (the `ssh-privatekey` of a
/// `kubernetes.io/ssh-auth` Secret).
pub fn parse_ssh_private_key(bytes: &[u8]) -> Result<SshKeySummary, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| "an SSH private key file is text; this is not".to_owned())?;
    let start = text.trim_start();
    if start.starts_with("PuTTY-User-Key-File-") {
        return Err(
            "this is a PuTTY key; convert it with `puttygen KEY.ppk -O private-openssh`".into(),
        );
    }
    // Without any BEGIN marker, say what the text is rather than what PEM
    // would need: a pasted `.pub` line is the usual mistake.
    if !text.contains("-----BEGIN") {
        return Err(
            if start.starts_with("ssh-") || start.starts_with("ecdsa-") {
                "this is a public key line, not a private key".into()
            } else {
                NO_KEY.into()
            },
        );
    }
    let blocks = parse_pem(bytes)?;
    // `openssl ecparam -genkey` writes the curve's parameters before the key.
    let block = blocks
        .iter()
        .find(|b| b.label != "EC PARAMETERS")
        .ok_or(NO_KEY)?;
    let legacy_encrypted = block
        .headers
        .iter()
        .any(|(name, value)| name == "Proc-Type" && value.contains("ENCRYPTED"));
    match block.label.as_str() {
        "OPENSSH PRIVATE KEY" => openssh_private_key(&block.der),
        "RSA PRIVATE KEY" | "EC PRIVATE KEY" | "PRIVATE KEY" if legacy_encrypted => Err(
            "this key is encrypted in the legacy PEM format, which hides its public part too: \
             its type and fingerprint need the passphrase"
                .into(),
        ),
        "RSA PRIVATE KEY" | "EC PRIVATE KEY" | "PRIVATE KEY" => pem_private_key(block),
        "ENCRYPTED PRIVATE KEY" => Err("this PKCS#8 key is encrypted, public part included: \
             its type and fingerprint need the passphrase"
            .into()),
        label if label.contains("PUBLIC KEY") => {
            Err(format!("this is a public key ({label}), not a private key"))
        }
        label => Err(format!("a {label} is not an SSH private key")),
    }
}

/// A public key blob, understood.
struct PublicKey {
    key_type: String,
    bits: Option<u32>,
    fingerprint: String,
}

impl PublicKey {
    fn from_blob(blob: &[u8]) -> Result<Self, String> {
        let mut wire = Wire(blob);
        let key_type = wire
            .text()
            .filter(|t| !t.is_empty())
            .ok_or("the public key data is malformed")?
            .to_owned();
        let bits = key_bits(&key_type, wire);
        Ok(Self {
            fingerprint: fingerprint(blob),
            key_type,
            bits,
        })
    }
}

/// `ssh-keygen`'s `sshkey_size`: the RSA modulus or DSA `p` in bits, the
/// curve size for ECDSA, 256 for Ed25519. `rest` follows the type string.
fn key_bits(key_type: &str, mut rest: Wire) -> Option<u32> {
    // A certificate's key fields follow a nonce.
    let base = match key_type.strip_suffix("-cert-v01@openssh.com") {
        Some(base) => {
            rest.string()?;
            base
        }
        None => key_type,
    };
    match base {
        "ssh-rsa" => {
            rest.string()?; // e
            rest.string().map(mpint_bits) // n
        }
        "ssh-dss" => rest.string().map(mpint_bits), // p
        "ssh-ed25519" | "sk-ssh-ed25519@openssh.com" => Some(256),
        "ecdsa-sha2-nistp256" | "sk-ecdsa-sha2-nistp256@openssh.com" => Some(256),
        "ecdsa-sha2-nistp384" => Some(384),
        "ecdsa-sha2-nistp521" => Some(521),
        _ => None,
    }
}

fn mpint_bits(int: &[u8]) -> u32 {
    let first = int.iter().position(|&b| b != 0).unwrap_or(int.len());
    let int = &int[first..];
    match int.first() {
        None => 0,
        Some(top) => (int.len() as u32 - 1) * 8 + (8 - top.leading_zeros()),
    }
}

fn fingerprint(blob: &[u8]) -> String {
    format!("SHA256:{}", STANDARD_NO_PAD.encode(Sha256::digest(blob)))
}

// ---------------------------------------------------------------- OpenSSH

const OPENSSH_MAGIC: &[u8] = b"openssh-key-v1\0";

/// `PROTOCOL.key` in OpenSSH: magic, cipher, kdf, kdf options, key count,
/// public keys, then the (possibly encrypted) private section.
fn openssh_private_key(data: &[u8]) -> Result<SshKeySummary, String> {
    let malformed = || "the OpenSSH key is truncated or malformed".to_owned();
    let mut wire = Wire(data.strip_prefix(OPENSSH_MAGIC).ok_or_else(malformed)?);
    let cipher = wire.string().ok_or_else(malformed)?;
    wire.string().ok_or_else(malformed)?; // kdf name
    wire.string().ok_or_else(malformed)?; // kdf options
    match wire.u32().ok_or_else(malformed)? {
        1 => {}
        n => {
            return Err(format!(
                "the file holds {n} keys; an SSH key file holds one"
            ))
        }
    }
    let public_blob = wire.string().ok_or_else(malformed)?;
    let private = wire.string().ok_or_else(malformed)?;
    let public = PublicKey::from_blob(public_blob)?;
    let encrypted = cipher != b"none";
    let comment = if encrypted {
        None
    } else {
        openssh_comment(private, &public.key_type)?
    };
    Ok(SshKeySummary {
        key_type: public.key_type,
        bits: public.bits,
        fingerprint: public.fingerprint,
        comment,
        encrypted,
    })
}

/// The comment after the private fields of an unencrypted key; `None` when
/// empty or when the type's private fields are unknown here.
fn openssh_comment(private: &[u8], key_type: &str) -> Result<Option<String>, String> {
    let corrupt = || "the private part of the OpenSSH key is corrupt".to_owned();
    let mut wire = Wire(private);
    let (check1, check2) = (wire.u32(), wire.u32());
    if check1.is_none() || check1 != check2 {
        return Err(corrupt());
    }
    if wire.text() != Some(key_type) {
        return Err("the private and public parts of the OpenSSH key differ in type".into());
    }
    // Private fields per type (`sshkey_private_serialize` in sshkey.c);
    // `s` is a string or mpint, `b` a byte.
    let layout: &[u8] = match key_type {
        "ssh-ed25519" => b"ss",
        "ssh-rsa" => b"ssssss",
        "ssh-dss" => b"sssss",
        "ecdsa-sha2-nistp256" | "ecdsa-sha2-nistp384" | "ecdsa-sha2-nistp521" => b"sss",
        "sk-ssh-ed25519@openssh.com" => b"ssbss",
        "sk-ecdsa-sha2-nistp256@openssh.com" => b"sssbss",
        _ => return Ok(None),
    };
    for field in layout {
        let ok = match field {
            b'b' => wire.u8().is_some(),
            _ => wire.string().is_some(),
        };
        if !ok {
            return Err(corrupt());
        }
    }
    let comment = wire.string().ok_or_else(corrupt)?;
    Ok((!comment.is_empty()).then(|| String::from_utf8_lossy(comment).into_owned()))
}

/// Reads SSH wire format (RFC 4251 §5): big-endian `uint32`, and
/// length-prefixed strings.
#[derive(Clone, Copy)]
struct Wire<'a>(&'a [u8]);

impl<'a> Wire<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn string(&mut self) -> Option<&'a [u8]> {
        let len = self.u32()? as usize;
        self.take(len)
    }

    fn text(&mut self) -> Option<&'a str> {
        self.string().and_then(|s| std::str::from_utf8(s).ok())
    }
}

/// Builds RFC 4251 wire data.
fn put_string(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    out.extend_from_slice(bytes);
}

/// A non-negative big-endian integer as an SSH `mpint`: no leading zeros,
/// plus one zero byte when the top bit is set.
fn put_mpint(out: &mut Vec<u8>, int: &[u8]) {
    let first = int.iter().position(|&b| b != 0).unwrap_or(int.len());
    let int = &int[first..];
    if int.first().is_some_and(|b| b & 0x80 != 0) {
        out.extend_from_slice(&(int.len() as u32 + 1).to_be_bytes());
        out.push(0);
        out.extend_from_slice(int);
    } else {
        put_string(out, int);
    }
}

// ------------------------------------------------ PKCS#1, SEC1 and PKCS#8

const NOT_AN_SSH_TYPE: &str = "this PKCS#8 key is neither RSA, ECDSA nor Ed25519; \
     convert it with `ssh-keygen -p -f KEY` to the OpenSSH format";

/// A PEM key that `pki` reads, described by the SSH blob of its public half:
/// `string "ssh-rsa", mpint e, mpint n` (RFC 4253 §6.6),
/// `string "ecdsa-sha2-nistpNNN", string "nistpNNN", string point`
/// (RFC 5656 §3.1) or `string "ssh-ed25519", string key` (RFC 8709 §4).
fn pem_private_key(block: &PemBlock) -> Result<SshKeySummary, String> {
    let key = match parse_private_key(block) {
        Ok(summary) => summary.public_key,
        Err(_) if block.label == "PRIVATE KEY" && names_unknown_algorithm(&block.der) => {
            return Err(NOT_AN_SSH_TYPE.into())
        }
        // pki's reasons name ASN.1 structures; what matters to someone
        // holding an SSH key is that this one is damaged.
        Err(_) => {
            let format = match block.label.as_str() {
                "RSA PRIVATE KEY" => "RSA",
                "EC PRIVATE KEY" => "EC",
                _ => "PKCS#8",
            };
            return Err(format!("the {format} key is truncated or malformed"));
        }
    };
    let missing = || {
        format!(
            "this {} key does not include its public key, so its fingerprint cannot be \
             computed here",
            key.kind.label()
        )
    };
    let mut blob = Vec::new();
    match &key.kind {
        PublicKeyKind::Rsa { .. } => {
            let Some(PublicKeyMaterial::Rsa { modulus, exponent }) = &key.material else {
                return Err(missing());
            };
            put_string(&mut blob, b"ssh-rsa");
            put_mpint(&mut blob, exponent);
            put_mpint(&mut blob, modulus);
        }
        PublicKeyKind::Ec { curve } => {
            let name = match curve.as_str() {
                "P-256" => "nistp256",
                "P-384" => "nistp384",
                "P-521" => "nistp521",
                _ => return Err("this EC key uses a curve SSH does not support".into()),
            };
            let Some(PublicKeyMaterial::EcPoint(point)) = &key.material else {
                return Err(missing());
            };
            put_string(&mut blob, format!("ecdsa-sha2-{name}").as_bytes());
            put_string(&mut blob, name.as_bytes());
            put_string(&mut blob, point);
        }
        PublicKeyKind::Ed25519 => match &key.material {
            Some(PublicKeyMaterial::Raw(public)) if public.len() == 32 => {
                put_string(&mut blob, b"ssh-ed25519");
                put_string(&mut blob, public);
            }
            // pki takes the public key as given; SSH's is always 32 bytes.
            Some(_) => return Err("the Ed25519 public key has the wrong length".into()),
            None => return Err(missing()),
        },
        PublicKeyKind::Ed448 | PublicKeyKind::Other(_) => return Err(NOT_AN_SSH_TYPE.into()),
    }
    let public = PublicKey::from_blob(&blob)?;
    Ok(SshKeySummary {
        key_type: public.key_type,
        bits: public.bits,
        fingerprint: public.fingerprint,
        comment: None,
        encrypted: false,
    })
}

/// Whether a PKCS#8 `PrivateKeyInfo` names an algorithm pki does not know
/// (DSA, X25519, …), which its error would otherwise leave to look like
/// damage: `SEQUENCE { version INTEGER, AlgorithmIdentifier, … }`.
fn names_unknown_algorithm(key: &[u8]) -> bool {
    let algorithm = || -> Result<KeyAlgorithm, String> {
        let mut info = der::parse_outer(key, der::SEQUENCE)?;
        info.read(der::INTEGER)?;
        read_key_algorithm(&mut info)
    };
    matches!(algorithm(), Ok(KeyAlgorithm::Other(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;
    use proptest::prelude::*;

    const FINGERPRINTS: &str = include_str!("../../test_fixtures/ssh/fingerprints.txt");

    /// (fixture name, private key)
    const FIXTURES: [(&str, &str); 10] = [
        (
            "id_ed25519",
            include_str!("../../test_fixtures/ssh/id_ed25519"),
        ),
        ("id_rsa", include_str!("../../test_fixtures/ssh/id_rsa")),
        (
            "id_rsa_pem",
            include_str!("../../test_fixtures/ssh/id_rsa_pem"),
        ),
        ("id_ecdsa", include_str!("../../test_fixtures/ssh/id_ecdsa")),
        (
            "id_ecdsa384",
            include_str!("../../test_fixtures/ssh/id_ecdsa384"),
        ),
        (
            "id_ecdsa_pem",
            include_str!("../../test_fixtures/ssh/id_ecdsa_pem"),
        ),
        (
            "id_ed25519_encrypted",
            include_str!("../../test_fixtures/ssh/id_ed25519_encrypted"),
        ),
        (
            "id_rsa_pem_encrypted",
            include_str!("../../test_fixtures/ssh/id_rsa_pem_encrypted"),
        ),
        (
            "id_rsa_pkcs8",
            include_str!("../../test_fixtures/ssh/id_rsa_pkcs8"),
        ),
        (
            "id_ecdsa_pkcs8",
            include_str!("../../test_fixtures/ssh/id_ecdsa_pkcs8"),
        ),
    ];

    /// PKCS#8 Ed25519 keys, which `ssh-keygen` does not write.
    const ED25519_PKCS8_V2: &str = include_str!("../../test_fixtures/tls/ed25519.v2.key");
    const ED25519_PKCS8_V1: &str = include_str!("../../test_fixtures/tls/ed25519.key");

    struct Expected {
        bits: u32,
        fingerprint: String,
        comment: Option<String>,
        key_type: String,
    }

    /// A line of `ssh-keygen -lf` output:
    /// `name 256 SHA256:… comment words (ED25519)`.
    fn expected(name: &str) -> Expected {
        let line = FINGERPRINTS
            .lines()
            .find(|l| l.split(' ').next() == Some(name))
            .unwrap();
        let mut words: Vec<&str> = line.split(' ').collect();
        let kind = words.pop().unwrap();
        let bits: u32 = words[1].parse().unwrap();
        let comment = words[3..].join(" ");
        let key_type = match kind {
            "(ED25519)" => "ssh-ed25519".to_owned(),
            "(RSA)" => "ssh-rsa".to_owned(),
            "(ECDSA)" => format!("ecdsa-sha2-nistp{bits}"),
            other => panic!("{other}"),
        };
        Expected {
            bits,
            fingerprint: words[2].to_owned(),
            comment: (comment != "no comment").then_some(comment),
            key_type,
        }
    }

    #[test]
    fn private_keys_match_ssh_keygen() {
        for (name, private) in FIXTURES {
            let want = expected(name);
            if name == "id_rsa_pem_encrypted" {
                let err = parse_ssh_private_key(private.as_bytes()).unwrap_err();
                assert!(err.contains("encrypted"), "{err}");
                continue;
            }
            let got =
                parse_ssh_private_key(private.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
            let openssh = private.contains("OPENSSH PRIVATE KEY");
            let encrypted = name.ends_with("_encrypted");
            assert_eq!(
                got,
                SshKeySummary {
                    key_type: want.key_type,
                    bits: Some(want.bits),
                    fingerprint: want.fingerprint,
                    // PEM and PKCS#8 files have no comment; an encrypted
                    // OpenSSH key keeps it in the encrypted part.
                    comment: want.comment.filter(|_| openssh && !encrypted),
                    encrypted,
                },
                "{name}"
            );
        }
    }

    #[test]
    fn pkcs8_ed25519_and_ec_parameters() {
        // `ssh-keygen -lf` of this key rewritten in the OpenSSH format
        // (OpenSSH 9.2 cannot read Ed25519 PKCS#8 itself).
        assert_eq!(
            parse_ssh_private_key(ED25519_PKCS8_V2.as_bytes()).unwrap(),
            SshKeySummary {
                key_type: "ssh-ed25519".into(),
                bits: Some(256),
                fingerprint: "SHA256:xR45ErR5YA3sx8GzatLQf5K4uLbIYt6VwI0TfHtJOmg".into(),
                comment: None,
                encrypted: false,
            }
        );
        // `openssl ecparam -genkey` output: EC PARAMETERS, then the key.
        let sec1 = parse_ssh_private_key(include_bytes!("../../test_fixtures/tls/ec.sec1.key"));
        assert_eq!(sec1.unwrap().key_type, "ecdsa-sha2-nistp256");
    }

    #[test]
    fn private_key_errors() {
        let ed = FIXTURES[0].1;
        // SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.110 (X25519) }, OCTET STRING }
        let x25519 = STANDARD.encode([
            0x30, 0x0e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x02,
            0x04, 0x00,
        ]);
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"\xff\xfe".to_vec(), "not"),
            (b"".to_vec(), "no private key"),
            (include_bytes!("../../test_fixtures/ssh/id_ed25519.pub").to_vec(), "public key line"),
            (b"PuTTY-User-Key-File-3: ssh-ed25519\n".to_vec(), "puttygen"),
            (ed.as_bytes()[..ed.len() / 2].to_vec(), "no END line"),
            // Indented, as when copied out of YAML: ssh does not read it.
            (
                ed.lines().map(|l| format!("  {l}\n")).collect::<String>().into_bytes(),
                "must be at the start of a line",
            ),
            (b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".to_vec(), "CERTIFICATE is not an SSH private key"),
            (b"-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n".to_vec(), "no private key"),
            (b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n".to_vec(), "public key"),
            (b"-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n".to_vec(), "encrypted"),
            (b"-----BEGIN OPENSSH PRIVATE KEY-----\n!!!\n-----END OPENSSH PRIVATE KEY-----\n".to_vec(), "invalid base64"),
            (b"-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n".to_vec(), "truncated"),
            (b"-----BEGIN RSA PRIVATE KEY-----\nMAA=\n-----END RSA PRIVATE KEY-----\n".to_vec(), "RSA key is truncated"),
            (b"-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n".to_vec(), "PKCS#8 key is truncated"),
            (format!("-----BEGIN PRIVATE KEY-----\n{x25519}\n-----END PRIVATE KEY-----\n").into_bytes(), "neither RSA, ECDSA nor Ed25519"),
            (ED25519_PKCS8_V1.as_bytes().to_vec(), "Ed25519 key does not include its public key"),
            (include_bytes!("../../test_fixtures/tls/ec.nopub.key").to_vec(), "EC P-256 key does not include its public key"),
        ];
        for (bytes, want) in cases {
            let err = parse_ssh_private_key(&bytes).unwrap_err();
            assert!(err.contains(want), "{err}");
        }
    }

    #[test]
    fn openssh_key_with_two_keys_or_bad_checkints() {
        let body = parse_pem(FIXTURES[0].1.as_bytes()).unwrap().remove(0).der;
        // The key count follows magic and three strings.
        let mut wire = Wire(&body[OPENSSH_MAGIC.len()..]);
        for _ in 0..3 {
            wire.string().unwrap();
        }
        let count_at = body.len() - wire.0.len();
        let mut two = body.clone();
        two[count_at + 3] = 2;
        assert!(openssh_private_key(&two)
            .unwrap_err()
            .contains("holds 2 keys"));

        // The first check int sits right after the private section's length.
        wire.u32().unwrap();
        let public_len = wire.string().unwrap().len();
        let check_at = count_at + 4 + 4 + public_len + 4;
        let mut bad = body.clone();
        bad[check_at] ^= 1;
        assert!(openssh_private_key(&bad).unwrap_err().contains("corrupt"));
    }

    #[test]
    fn mpints_and_bits() {
        let mut out = Vec::new();
        put_mpint(&mut out, &[0x00, 0x00, 0x80, 0x01]);
        assert_eq!(out, [0, 0, 0, 3, 0, 0x80, 0x01]);
        out.clear();
        put_mpint(&mut out, &[0x00, 0x7f]);
        assert_eq!(out, [0, 0, 0, 1, 0x7f]);
        out.clear();
        put_mpint(&mut out, &[0x00]);
        assert_eq!(out, [0, 0, 0, 0]);
        assert_eq!(mpint_bits(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(mpint_bits(&[0x01]), 1);
        assert_eq!(mpint_bits(&[]), 0);
    }

    #[test]
    fn summaries_hold_no_private_material() {
        let rsa = parse_ssh_private_key(FIXTURES[1].1.as_bytes()).unwrap();
        let shown = format!("{rsa:?}");
        let body_line = FIXTURES[1].1.lines().nth(3).unwrap();
        assert!(!shown.contains(body_line));
    }

    fn mutated(source: &str, cut: usize, flip: usize, byte: u8) -> Vec<u8> {
        let mut bytes = source.as_bytes().to_vec();
        let at = flip % bytes.len();
        bytes[at] = byte;
        bytes.truncate(cut % (bytes.len() + 1));
        bytes
    }

    proptest! {
        #[test]
        fn private_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = parse_ssh_private_key(&bytes);
        }

        #[test]
        fn private_never_panics_on_mutated_fixtures(which in 0..FIXTURES.len(), cut: usize, flip: usize, byte: u8) {
            let _ = parse_ssh_private_key(&mutated(FIXTURES[which].1, cut, flip, byte));
        }

        /// Mutations inside the decoded key, re-armored, reach the binary
        /// parsers rather than stopping at base64.
        #[test]
        fn private_never_panics_on_mutated_key_bytes(which in 0..=FIXTURES.len(), cut: usize, flip: usize, byte: u8) {
            let source = FIXTURES.get(which).map_or(ED25519_PKCS8_V2, |f| f.1);
            let block = parse_pem(source.as_bytes()).unwrap().remove(0);
            let mut der = block.der.clone();
            der[flip % block.der.len()] = byte;
            der.truncate(cut % (block.der.len() + 1));
            let armored = format!(
                "-----BEGIN {0}-----\n{1}\n-----END {0}-----\n",
                block.label,
                STANDARD.encode(&der)
            );
            let _ = parse_ssh_private_key(armored.as_bytes());
        }
    }
}
