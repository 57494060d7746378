//! What an SSH key is, without its secret: type, size, the fingerprint
//! `ssh-keygen -lf` prints (`SHA256:` + unpadded base64 of the SHA-256 of
//! the public key blob, RFC 4253 §6.6 wire format) and its comment.
//!
//! Private keys come as OpenSSH's own format (`openssh-key-v1`, the default
//! since OpenSSH 7.8), as legacy PEM (`RSA PRIVATE KEY`, `EC PRIVATE KEY`) or
//! as unencrypted PKCS#8 (`PRIVATE KEY`, RSA or ECDSA) — what
//! `ssh-keygen -m RFC4716|PEM|PKCS8` writes. The OpenSSH format stores the
//! public key outside the encrypted part, so a passphrase-protected key
//! still shows its type and fingerprint. Legacy PEM encryption covers the
//! whole key, so such a key can only be reported as encrypted.
//!
//! Private material is skipped over, never copied; errors name what was
//! wrong, never bytes of the key.

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::model::secret::value::decode_b64_pasted;

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

/// A public key line (`authorized_keys`, `known_hosts`, `*.pub`), described.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SshPublicKeySummary {
    pub key_type: String,
    pub bits: Option<u32>,
    pub fingerprint: String,
    /// The rest of the line after the key, if any.
    pub comment: Option<String>,
}

/// Describes a private key file (the `ssh-privatekey` of a
/// `kubernetes.io/ssh-auth` Secret).
pub fn parse_ssh_private_key(bytes: &[u8]) -> Result<SshKeySummary, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| "an SSH private key file is text; this is not".to_owned())?;
    if text.trim_start().starts_with("PuTTY-User-Key-File-") {
        return Err(
            "this is a PuTTY key; convert it with `puttygen KEY.ppk -O private-openssh`".into(),
        );
    }
    let pem = Pem::find(text)?;
    match pem.label {
        "OPENSSH PRIVATE KEY" => openssh_private_key(&pem.body()?),
        "RSA PRIVATE KEY" | "EC PRIVATE KEY" if pem.encrypted => Err(
            "this key is encrypted in the legacy PEM format, which hides its public part too: \
             its type and fingerprint need the passphrase"
                .into(),
        ),
        "RSA PRIVATE KEY" => legacy_summary(rsa_blob_from_pkcs1(&pem.body()?)?),
        "EC PRIVATE KEY" => legacy_summary(ec_blob_from_sec1(&pem.body()?, None)?),
        "PRIVATE KEY" => legacy_summary(blob_from_pkcs8(&pem.body()?)?),
        "ENCRYPTED PRIVATE KEY" => Err("this PKCS#8 key is encrypted, public part included: \
             its type and fingerprint need the passphrase"
            .into()),
        label if label.contains("PUBLIC KEY") => {
            Err(format!("this is a public key ({label}), not a private key"))
        }
        label => Err(format!("a {label} is not an SSH private key")),
    }
}

/// Describes the first key line of `line`: `[options] type base64 [comment]`
/// as in `authorized_keys`, or `[marker] hosts type base64 [comment]` as in
/// `known_hosts`. Blank lines and `#` comments before it are skipped.
pub fn parse_ssh_public_key(line: &str) -> Result<SshPublicKeySummary, String> {
    let line = line
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .ok_or("there is no key in this text")?;
    if line.starts_with("-----BEGIN") || line.starts_with("---- BEGIN") {
        return Err(
            "this is a PEM or RFC 4716 block; paste the one-line form (ssh-ed25519 AAAA… comment)"
                .into(),
        );
    }
    let tokens = tokens(line);
    let mut problem = None;
    for pair in tokens.windows(2) {
        let ((_, declared), (data_at, data)) = (pair[0], pair[1]);
        if !looks_like_key_type(declared) {
            continue;
        }
        let Ok(blob) = decode_b64_pasted(data) else {
            problem.get_or_insert(format!("the {declared} key data is not base64"));
            continue;
        };
        let key = match PublicKey::from_blob(&blob) {
            Ok(key) => key,
            Err(why) => {
                problem.get_or_insert(why);
                continue;
            }
        };
        if key.key_type != declared {
            problem.get_or_insert(format!(
                "the line says {declared} but the key data is {}",
                key.key_type
            ));
            continue;
        }
        let comment = line[data_at + data.len()..].trim();
        return Ok(SshPublicKeySummary {
            key_type: key.key_type,
            bits: key.bits,
            fingerprint: key.fingerprint,
            comment: (!comment.is_empty()).then(|| comment.to_owned()),
        });
    }
    Err(problem.unwrap_or_else(|| {
        "no SSH public key found (expected a line like: ssh-ed25519 AAAA… comment)".into()
    }))
}

/// Whitespace-separated words with their byte offsets.
fn tokens(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices().chain([(line.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

fn looks_like_key_type(word: &str) -> bool {
    word.starts_with("ssh-")
        || word.starts_with("ecdsa-")
        || word.starts_with("sk-")
        || word.ends_with("@openssh.com")
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

// ------------------------------------------------------------ PEM and DER

/// One `-----BEGIN label-----` … `-----END label-----` block.
struct Pem<'a> {
    label: &'a str,
    /// The lines between the markers, RFC 1421 headers included.
    inner: &'a str,
    /// `Proc-Type: 4,ENCRYPTED` (legacy OpenSSL encryption).
    encrypted: bool,
}

impl<'a> Pem<'a> {
    fn find(text: &'a str) -> Result<Self, String> {
        let not_pem = || {
            if text.trim_start().starts_with("ssh-") || text.trim_start().starts_with("ecdsa-") {
                "this is a public key line, not a private key".to_owned()
            } else {
                "no private key found (expected -----BEGIN OPENSSH PRIVATE KEY-----)".to_owned()
            }
        };
        let begin = text.find("-----BEGIN ").ok_or_else(not_pem)?;
        let after = &text[begin + "-----BEGIN ".len()..];
        let label_end = after.find("-----").ok_or_else(not_pem)?;
        let label = &after[..label_end];
        if label.contains('\n') {
            return Err(not_pem());
        }
        let body = &after[label_end + "-----".len()..];
        let end = format!("-----END {label}-----");
        let inner = &body[..body
            .find(&end)
            .ok_or_else(|| format!("the {label} block has no END line (cut off?)"))?];
        let encrypted = inner
            .lines()
            .any(|l| l.trim().starts_with("Proc-Type:") && l.contains("ENCRYPTED"));
        Ok(Pem {
            label,
            inner,
            encrypted,
        })
    }

    /// The decoded bytes, header lines (`Name: value`) left out.
    fn body(&self) -> Result<Vec<u8>, String> {
        let base64: String = self.inner.lines().filter(|l| !l.contains(':')).collect();
        decode_b64_pasted(&base64)
            .map_err(|_| format!("the {} block is not valid base64", self.label))
    }
}

fn legacy_summary(blob: Vec<u8>) -> Result<SshKeySummary, String> {
    let public = PublicKey::from_blob(&blob)?;
    Ok(SshKeySummary {
        key_type: public.key_type,
        bits: public.bits,
        fingerprint: public.fingerprint,
        comment: None,
        encrypted: false,
    })
}

const TAG_INTEGER: u8 = 0x02;
const TAG_BIT_STRING: u8 = 0x03;
const TAG_OCTET_STRING: u8 = 0x04;
const TAG_OID: u8 = 0x06;
const TAG_SEQUENCE: u8 = 0x30;
const TAG_CONTEXT_0: u8 = 0xa0;
const TAG_CONTEXT_1: u8 = 0xa1;

/// The content octets of OIDs, as they appear in DER.
const OID_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const OID_EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const OID_P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const OID_P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
const OID_P521: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];

/// Just enough DER to walk a key: one tag-length-value at a time, definite
/// lengths only.
struct Der<'a>(&'a [u8]);

impl<'a> Der<'a> {
    fn next(&mut self) -> Option<(u8, &'a [u8])> {
        let (&tag, rest) = self.0.split_first()?;
        let (&first, mut rest) = rest.split_first()?;
        let len = if first < 0x80 {
            usize::from(first)
        } else {
            let count = usize::from(first & 0x7f);
            if count == 0 || count > 4 || rest.len() < count {
                return None;
            }
            let len = rest[..count]
                .iter()
                .fold(0usize, |n, &b| (n << 8) | usize::from(b));
            rest = &rest[count..];
            len
        };
        if rest.len() < len {
            return None;
        }
        let (value, rest) = rest.split_at(len);
        self.0 = rest;
        Some((tag, value))
    }

    fn expect(&mut self, tag: u8) -> Option<&'a [u8]> {
        self.next().filter(|(t, _)| *t == tag).map(|(_, v)| v)
    }
}

fn der_error(what: &str) -> String {
    format!("the {what} is truncated or malformed")
}

/// `RSAPrivateKey` (RFC 8017 A.1.2): version, modulus n, public exponent
/// e, …; the SSH blob is `string "ssh-rsa", mpint e, mpint n`.
fn rsa_blob_from_pkcs1(der: &[u8]) -> Result<Vec<u8>, String> {
    let parse = || {
        let mut fields = Der(Der(der).expect(TAG_SEQUENCE)?);
        fields.expect(TAG_INTEGER)?;
        let n = fields.expect(TAG_INTEGER)?;
        let e = fields.expect(TAG_INTEGER)?;
        Some((n, e))
    };
    let (n, e) = parse().ok_or_else(|| der_error("RSA key"))?;
    let mut blob = Vec::with_capacity(n.len() + e.len() + 24);
    put_string(&mut blob, b"ssh-rsa");
    put_mpint(&mut blob, e);
    put_mpint(&mut blob, n);
    Ok(blob)
}

/// `ECPrivateKey` (RFC 5915): version, private key, `[0]` curve, `[1]`
/// public point. The SSH blob is `string type, string curve, string point`.
/// `curve` comes from PKCS#8's algorithm parameters when the key omits it.
fn ec_blob_from_sec1(der: &[u8], curve: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let mut fields = Der(Der(der)
        .expect(TAG_SEQUENCE)
        .ok_or_else(|| der_error("EC key"))?);
    fields
        .expect(TAG_INTEGER)
        .ok_or_else(|| der_error("EC key"))?;
    fields
        .expect(TAG_OCTET_STRING)
        .ok_or_else(|| der_error("EC key"))?;
    let mut curve = curve;
    let mut point = None;
    while let Some((tag, value)) = fields.next() {
        match tag {
            TAG_CONTEXT_0 => curve = Der(value).expect(TAG_OID).or(curve),
            // A BIT STRING's first byte counts unused bits: 0 for a point.
            TAG_CONTEXT_1 => {
                point = Der(value)
                    .expect(TAG_BIT_STRING)
                    .and_then(|b| b.strip_prefix(&[0]))
            }
            _ => {}
        }
    }
    let name = match curve {
        Some(OID_P256) => "nistp256",
        Some(OID_P384) => "nistp384",
        Some(OID_P521) => "nistp521",
        Some(_) => return Err("this EC key uses a curve SSH does not support".into()),
        None => return Err(der_error("EC key (no curve named)")),
    };
    let point = point.ok_or(
        "this EC key does not include its public point, so its fingerprint cannot be computed here",
    )?;
    let mut blob = Vec::with_capacity(point.len() + 48);
    put_string(&mut blob, format!("ecdsa-sha2-{name}").as_bytes());
    put_string(&mut blob, name.as_bytes());
    put_string(&mut blob, point);
    Ok(blob)
}

/// `PrivateKeyInfo` (RFC 5208): version, algorithm, private key (RSA or EC).
fn blob_from_pkcs8(der: &[u8]) -> Result<Vec<u8>, String> {
    let parse = || {
        let mut fields = Der(Der(der).expect(TAG_SEQUENCE)?);
        fields.expect(TAG_INTEGER)?;
        let mut algorithm = Der(fields.expect(TAG_SEQUENCE)?);
        let oid = algorithm.expect(TAG_OID)?;
        let parameter = algorithm.expect(TAG_OID);
        let key = fields.expect(TAG_OCTET_STRING)?;
        Some((oid, parameter, key))
    };
    match parse().ok_or_else(|| der_error("PKCS#8 key"))? {
        (OID_RSA, _, key) => rsa_blob_from_pkcs1(key),
        (OID_EC_PUBLIC_KEY, curve, key) => ec_blob_from_sec1(key, curve),
        _ => Err("this PKCS#8 key is neither RSA nor ECDSA; convert it with `ssh-keygen -p -f KEY` to the OpenSSH format".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FINGERPRINTS: &str = include_str!("../../test_fixtures/ssh/fingerprints.txt");

    /// (fixture name, private key, public key line)
    const FIXTURES: [(&str, &str, &str); 10] = [
        (
            "id_ed25519",
            include_str!("../../test_fixtures/ssh/id_ed25519"),
            include_str!("../../test_fixtures/ssh/id_ed25519.pub"),
        ),
        (
            "id_rsa",
            include_str!("../../test_fixtures/ssh/id_rsa"),
            include_str!("../../test_fixtures/ssh/id_rsa.pub"),
        ),
        (
            "id_rsa_pem",
            include_str!("../../test_fixtures/ssh/id_rsa_pem"),
            include_str!("../../test_fixtures/ssh/id_rsa_pem.pub"),
        ),
        (
            "id_ecdsa",
            include_str!("../../test_fixtures/ssh/id_ecdsa"),
            include_str!("../../test_fixtures/ssh/id_ecdsa.pub"),
        ),
        (
            "id_ecdsa384",
            include_str!("../../test_fixtures/ssh/id_ecdsa384"),
            include_str!("../../test_fixtures/ssh/id_ecdsa384.pub"),
        ),
        (
            "id_ecdsa_pem",
            include_str!("../../test_fixtures/ssh/id_ecdsa_pem"),
            include_str!("../../test_fixtures/ssh/id_ecdsa_pem.pub"),
        ),
        (
            "id_ed25519_encrypted",
            include_str!("../../test_fixtures/ssh/id_ed25519_encrypted"),
            include_str!("../../test_fixtures/ssh/id_ed25519_encrypted.pub"),
        ),
        (
            "id_rsa_pem_encrypted",
            include_str!("../../test_fixtures/ssh/id_rsa_pem_encrypted"),
            include_str!("../../test_fixtures/ssh/id_rsa_pem_encrypted.pub"),
        ),
        (
            "id_rsa_pkcs8",
            include_str!("../../test_fixtures/ssh/id_rsa_pkcs8"),
            include_str!("../../test_fixtures/ssh/id_rsa_pkcs8.pub"),
        ),
        (
            "id_ecdsa_pkcs8",
            include_str!("../../test_fixtures/ssh/id_ecdsa_pkcs8"),
            include_str!("../../test_fixtures/ssh/id_ecdsa_pkcs8.pub"),
        ),
    ];

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
        for (name, private, _) in FIXTURES {
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
    fn public_keys_match_ssh_keygen() {
        for (name, _, public) in FIXTURES {
            let want = expected(name);
            let got = parse_ssh_public_key(public).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                got,
                SshPublicKeySummary {
                    key_type: want.key_type,
                    bits: Some(want.bits),
                    fingerprint: want.fingerprint,
                    comment: want.comment,
                },
                "{name}"
            );
        }
    }

    /// The key part of a fixture's public line: `type base64`.
    fn key_of(name: &str) -> String {
        let public = FIXTURES.iter().find(|f| f.0 == name).unwrap().2;
        public.split(' ').take(2).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn public_key_line_forms() {
        let key = key_of("id_ed25519");
        let fp = expected("id_ed25519").fingerprint;
        // (line, comment)
        let cases = [
            (key.clone(), None),
            (format!("{key}\n"), None),
            (
                format!("\n# header\n\n  {key}   two  words \r\n{key} second"),
                Some("two  words"),
            ),
            (
                format!("command=\"echo a b\",no-pty {key} deploy"),
                Some("deploy"),
            ),
            (format!("github.com,140.82.112.3 {key}"), None),
            (format!("|1|c2FsdA==|aGFzaA== {key}"), None),
            (
                format!("@cert-authority *.example.com {key} ca"),
                Some("ca"),
            ),
        ];
        for (line, comment) in cases {
            let got = parse_ssh_public_key(&line).unwrap_or_else(|e| panic!("{line}: {e}"));
            assert_eq!(got.fingerprint, fp, "{line}");
            assert_eq!(got.comment.as_deref(), comment, "{line}");
        }
    }

    #[test]
    fn public_key_errors() {
        let ed = key_of("id_ed25519");
        let data = ed.split(' ').nth(1).unwrap();
        let cases = [
            (String::new(), "no key"),
            ("# only a comment".to_owned(), "no key"),
            ("hello world".to_owned(), "no SSH public key"),
            (
                format!("ssh-rsa {data}"),
                "says ssh-rsa but the key data is ssh-ed25519",
            ),
            ("ssh-ed25519 !!!!".to_owned(), "not base64"),
            ("ssh-ed25519 AAAA".to_owned(), "malformed"),
            (FIXTURES[0].1.to_owned(), "PEM"),
        ];
        for (line, want) in cases {
            let err = parse_ssh_public_key(&line).unwrap_err();
            assert!(err.contains(want), "{line}: {err}");
        }
    }

    #[test]
    fn private_key_errors() {
        let ed = FIXTURES[0].1;
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"\xff\xfe".to_vec(), "not"),
            (b"".to_vec(), "no private key"),
            (key_of("id_ed25519").into_bytes(), "public key line"),
            (b"PuTTY-User-Key-File-3: ssh-ed25519\n".to_vec(), "puttygen"),
            (ed.as_bytes()[..ed.len() / 2].to_vec(), "no END line"),
            (b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".to_vec(), "CERTIFICATE is not an SSH private key"),
            (b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n".to_vec(), "public key"),
            (b"-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n".to_vec(), "encrypted"),
            (b"-----BEGIN OPENSSH PRIVATE KEY-----\n!!!\n-----END OPENSSH PRIVATE KEY-----\n".to_vec(), "not valid base64"),
            (b"-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n".to_vec(), "truncated"),
            (b"-----BEGIN RSA PRIVATE KEY-----\nMAA=\n-----END RSA PRIVATE KEY-----\n".to_vec(), "RSA key is truncated"),
            (b"-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n".to_vec(), "PKCS#8 key is truncated"),
        ];
        for (bytes, want) in cases {
            let err = parse_ssh_private_key(&bytes).unwrap_err();
            assert!(err.contains(want), "{err}");
        }
    }

    #[test]
    fn openssh_key_with_two_keys_or_bad_checkints() {
        let body = Pem::find(FIXTURES[0].1).unwrap().body().unwrap();
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
    fn der_lengths() {
        assert_eq!(Der(&[0x02, 0x01, 0x05]).next(), Some((0x02, &[0x05][..])));
        assert_eq!(
            Der(&[0x04, 0x81, 0x01, 0xaa]).next(),
            Some((0x04, &[0xaa][..]))
        );
        // Indefinite, oversized and overlong lengths are refused.
        assert_eq!(Der(&[0x30, 0x80]).next(), None);
        assert_eq!(Der(&[0x04, 0x85, 1, 0, 0, 0, 0]).next(), None);
        assert_eq!(Der(&[0x04, 0x82, 0xff, 0xff, 0]).next(), None);
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
        fn private_never_panics_on_mutated_fixtures(which in 0usize..10, cut: usize, flip: usize, byte: u8) {
            let _ = parse_ssh_private_key(&mutated(FIXTURES[which].1, cut, flip, byte));
        }

        /// Mutations inside the decoded key, re-armored, reach the binary
        /// parsers rather than stopping at base64.
        #[test]
        fn private_never_panics_on_mutated_key_bytes(which in 0usize..10, cut: usize, flip: usize, byte: u8) {
            let pem = Pem::find(FIXTURES[which].1).unwrap();
            if !pem.encrypted {
                let body = pem.body().unwrap();
                let mut der = body.clone();
                der[flip % body.len()] = byte;
                der.truncate(cut % (body.len() + 1));
                let armored = format!(
                    "-----BEGIN {0}-----\n{1}\n-----END {0}-----\n",
                    pem.label,
                    base64::engine::general_purpose::STANDARD.encode(&der)
                );
                let _ = parse_ssh_private_key(armored.as_bytes());
            }
        }

        #[test]
        fn public_never_panics_on_strings(line in "\\PC{0,200}") {
            let _ = parse_ssh_public_key(&line);
        }

        #[test]
        fn public_never_panics_on_mutated_fixtures(which in 0usize..10, cut: usize, flip: usize, byte in 0x20u8..0x7f) {
            let bytes = mutated(FIXTURES[which].2, cut, flip, byte);
            let _ = parse_ssh_public_key(&String::from_utf8_lossy(&bytes));
        }

        #[test]
        fn public_never_panics_on_mutated_blobs(which in 0usize..10, cut: usize, flip: usize, byte: u8) {
            let mut words = FIXTURES[which].2.split(' ');
            let declared = words.next().unwrap();
            let blob = decode_b64_pasted(words.next().unwrap()).unwrap();
            let mut blob2 = blob.clone();
            blob2[flip % blob.len()] = byte;
            blob2.truncate(cut % (blob.len() + 1));
            let line = format!("{declared} {}", base64::engine::general_purpose::STANDARD.encode(&blob2));
            let _ = parse_ssh_public_key(&line);
        }
    }
}
