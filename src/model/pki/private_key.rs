//! What a PEM private key is (kind, size, format) and its public half, so a
//! TLS secret can be checked for a key that does not fit its certificate.
//!
//! Only public facts leave this module: a [`PrivateKeySummary`] holds no
//! private numbers, so its `Debug` output and any message built from it are
//! safe to show. Errors describe structure, never content.
//!
//! Formats, by PEM label:
//! - `RSA PRIVATE KEY`: PKCS#1 `RSAPrivateKey`;
//! - `EC PRIVATE KEY`: SEC1 `ECPrivateKey` (OpenSSL may put an
//!   `EC PARAMETERS` block before it, which the caller skips);
//! - `PRIVATE KEY`: PKCS#8 v1 or v2 (RFC 5958) wrapping RSA, EC or Ed25519;
//! - `ENCRYPTED PRIVATE KEY` and legacy `Proc-Type: 4,ENCRYPTED` blocks are
//!   refused: Kubernetes components read `tls.key` without a passphrase.

use crate::model::pki::der::{self, Reader};
use crate::model::pki::pem::PemBlock;
use crate::model::pki::public_key::{
    read_key_algorithm, rsa_public_key, KeyAlgorithm, PublicKey, PublicKeyKind, PublicKeyMaterial,
};

pub const ENCRYPTED_MESSAGE: &str =
    "the private key is encrypted; Kubernetes TLS secrets need an unencrypted key";

/// How the key was encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyFormat {
    Pkcs1,
    Pkcs8,
    Sec1,
}

impl KeyFormat {
    pub fn label(self) -> &'static str {
        match self {
            KeyFormat::Pkcs1 => "PKCS#1",
            KeyFormat::Pkcs8 => "PKCS#8",
            KeyFormat::Sec1 => "SEC1",
        }
    }
}

/// The public facts of a private key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrivateKeySummary {
    pub format: KeyFormat,
    /// `material` is `None` when the key does not carry its public half (an
    /// EC key without its point, an Ed25519 PKCS#8 v1 key): whether it
    /// matches a certificate cannot be told without elliptic-curve arithmetic.
    pub public_key: PublicKey,
}

impl PrivateKeySummary {
    /// `RSA 2048`, `EC P-256`, `Ed25519`.
    pub fn key_label(&self) -> String {
        self.public_key.kind.label()
    }
}

/// Whether a PEM label is some kind of private key (`PRIVATE KEY`,
/// `RSA PRIVATE KEY`, `OPENSSH PRIVATE KEY`, …), the way Go's
/// `tls.X509KeyPair` recognises key blocks.
pub fn is_private_key_label(label: &str) -> bool {
    label == "PRIVATE KEY" || label.ends_with(" PRIVATE KEY")
}

/// Summarizes one PEM block holding a private key.
pub fn parse_private_key(block: &PemBlock) -> Result<PrivateKeySummary, String> {
    let legacy_encrypted = block
        .headers
        .iter()
        .any(|(name, value)| name == "Proc-Type" && value.contains("ENCRYPTED"));
    if legacy_encrypted || block.label == "ENCRYPTED PRIVATE KEY" {
        return Err(ENCRYPTED_MESSAGE.into());
    }
    let (format, public_key) = match block.label.as_str() {
        "RSA PRIVATE KEY" => (KeyFormat::Pkcs1, read_pkcs1(&block.der)),
        "EC PRIVATE KEY" => (KeyFormat::Sec1, read_sec1(&block.der, None)),
        "PRIVATE KEY" => (KeyFormat::Pkcs8, read_pkcs8(&block.der)),
        "OPENSSH PRIVATE KEY" => {
            return Err(
                "OpenSSH private keys are not supported; Kubernetes needs a PEM key \
                        ('BEGIN PRIVATE KEY', 'BEGIN RSA PRIVATE KEY' or 'BEGIN EC PRIVATE KEY')"
                    .into(),
            )
        }
        other => return Err(format!("'{other}' keys are not supported")),
    };
    let public_key = public_key
        .map_err(|e| format!("the {} private key cannot be read: {e}", format.label()))?;
    Ok(PrivateKeySummary { format, public_key })
}

/// `RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent,
/// privateExponent, prime1, prime2, exponent1, exponent2, coefficient, … }`.
/// The private fields are checked to be there and then left alone.
fn read_pkcs1(input: &[u8]) -> Result<PublicKey, String> {
    let mut key = der::parse_outer(input, der::SEQUENCE)?;
    if der::small_unsigned(key.read(der::INTEGER)?)? > 1 {
        return Err("unknown RSA key version".into());
    }
    let modulus = key.read(der::INTEGER)?;
    let exponent = key.read(der::INTEGER)?;
    for _ in 0..6 {
        key.read(der::INTEGER)?;
    }
    // Version 1 (multi-prime) keys end with otherPrimeInfos.
    key.read_optional(der::SEQUENCE)?;
    key.finish()?;
    rsa_public_key(modulus, exponent)
}

/// `ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING,
/// parameters [0] OID OPTIONAL, publicKey [1] BIT STRING OPTIONAL }`.
/// `outer_curve` is the curve a PKCS#8 wrapper names.
fn read_sec1(input: &[u8], outer_curve: Option<String>) -> Result<PublicKey, String> {
    let mut key = der::parse_outer(input, der::SEQUENCE)?;
    if der::small_unsigned(key.read(der::INTEGER)?)? != 1 {
        return Err("unknown EC key version".into());
    }
    key.read(der::OCTET_STRING)?;
    let own_curve = match key.read_optional_nested(der::context(0, true))? {
        Some(mut parameters) => {
            let oid = der::oid_to_string(parameters.read(der::OID)?)?;
            parameters.finish()?;
            Some(crate::model::pki::public_key::curve_name(&oid))
        }
        None => None,
    };
    let point = match key.read_optional_nested(der::context(1, true))? {
        Some(mut public) => {
            let point = der::bit_string_octets(public.read(der::BIT_STRING)?)?;
            public.finish()?;
            Some(PublicKeyMaterial::EcPoint(point.to_vec()))
        }
        None => None,
    };
    key.finish()?;
    let curve = own_curve
        .or(outer_curve)
        .ok_or("the EC key does not name its curve")?;
    Ok(PublicKey {
        kind: PublicKeyKind::Ec { curve },
        material: point,
    })
}

/// `OneAsymmetricKey ::= SEQUENCE { version, privateKeyAlgorithm,
/// privateKey OCTET STRING, attributes [0] OPTIONAL, publicKey [1] BIT STRING OPTIONAL }`
/// (RFC 5958; version 0 is PKCS#8 v1 without the public key).
fn read_pkcs8(input: &[u8]) -> Result<PublicKey, String> {
    let mut info = der::parse_outer(input, der::SEQUENCE)?;
    if der::small_unsigned(info.read(der::INTEGER)?)? > 1 {
        return Err("unknown PKCS#8 version".into());
    }
    let algorithm = read_key_algorithm(&mut info)?;
    let private_key = info.read(der::OCTET_STRING)?;
    info.read_optional(der::context(0, true))?;
    let public = match info.read_optional(der::context(1, false))? {
        Some(bits) => Some(der::bit_string_octets(bits)?.to_vec()),
        None => None,
    };
    info.finish()?;
    match algorithm {
        KeyAlgorithm::Rsa => read_pkcs1(private_key),
        KeyAlgorithm::Ec { curve } => {
            let mut key = read_sec1(private_key, curve)?;
            if key.material.is_none() {
                key.material = public.map(PublicKeyMaterial::EcPoint);
            }
            Ok(key)
        }
        KeyAlgorithm::Ed25519 => raw_private_key(PublicKeyKind::Ed25519, private_key, 32, public),
        KeyAlgorithm::Ed448 => raw_private_key(PublicKeyKind::Ed448, private_key, 57, public),
        KeyAlgorithm::Other(oid) => Err(format!("unsupported key algorithm {oid}")),
    }
}

/// `CurvePrivateKey ::= OCTET STRING` (RFC 8410) inside the PKCS#8 octets.
fn raw_private_key(
    kind: PublicKeyKind,
    private_key: &[u8],
    len: usize,
    public: Option<Vec<u8>>,
) -> Result<PublicKey, String> {
    let mut outer = Reader::new(private_key);
    let secret = outer.read(der::OCTET_STRING)?;
    outer.finish()?;
    if secret.len() != len {
        return Err(format!("the {} key has the wrong length", kind.label()));
    }
    Ok(PublicKey {
        kind,
        material: public.map(PublicKeyMaterial::Raw),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pki::pem::parse_pem;
    use crate::model::pki::x509::parse_certificate;
    use proptest::prelude::*;

    const RSA_PKCS1: &str = include_str!("../test_fixtures/tls/rsa.pkcs1.key");
    const RSA_PKCS8: &str = include_str!("../test_fixtures/tls/rsa.pkcs8.key");
    const EC_SEC1: &str = include_str!("../test_fixtures/tls/ec.sec1.key");
    const EC_PKCS8: &str = include_str!("../test_fixtures/tls/ec.pkcs8.key");
    const EC_NO_PUBLIC: &str = include_str!("../test_fixtures/tls/ec.nopub.key");
    const ED25519_V1: &str = include_str!("../test_fixtures/tls/ed25519.key");
    const ED25519_V2: &str = include_str!("../test_fixtures/tls/ed25519.v2.key");
    const ENCRYPTED_PKCS8: &str = include_str!("../test_fixtures/tls/encrypted.pkcs8.key");
    const ENCRYPTED_LEGACY: &str = include_str!("../test_fixtures/tls/encrypted.legacy.key");
    const ALL_KEYS: [&str; 7] = [
        RSA_PKCS1,
        RSA_PKCS8,
        EC_SEC1,
        EC_PKCS8,
        EC_NO_PUBLIC,
        ED25519_V1,
        ED25519_V2,
    ];

    /// The last block: SEC1 files start with `EC PARAMETERS`.
    fn key_block(pem: &str) -> PemBlock {
        parse_pem(pem.as_bytes()).unwrap().pop().unwrap()
    }

    fn key(pem: &str) -> PrivateKeySummary {
        parse_private_key(&key_block(pem)).unwrap()
    }

    fn certificate_key(pem: &str) -> PublicKey {
        let der = parse_pem(pem.as_bytes()).unwrap().remove(0).der;
        parse_certificate(&der).unwrap().public_key
    }

    #[test]
    fn rsa_keys_in_both_formats_match_their_certificate() {
        let certificate = certificate_key(include_str!("../test_fixtures/tls/rsa.crt"));
        let pkcs1 = key(RSA_PKCS1);
        assert_eq!(pkcs1.format, KeyFormat::Pkcs1);
        assert_eq!(pkcs1.key_label(), "RSA 2048");
        assert_eq!(pkcs1.public_key, certificate);
        let pkcs8 = key(RSA_PKCS8);
        assert_eq!(pkcs8.format, KeyFormat::Pkcs8);
        assert_eq!(pkcs8.public_key, certificate);
        let other = key(include_str!("../test_fixtures/tls/other.key"));
        assert_eq!(other.key_label(), "RSA 2048");
        assert_ne!(other.public_key, certificate);
    }

    #[test]
    fn ec_keys() {
        let certificate = certificate_key(include_str!("../test_fixtures/tls/ec.crt"));
        let sec1 = key(EC_SEC1);
        assert_eq!(sec1.format, KeyFormat::Sec1);
        assert_eq!(sec1.key_label(), "EC P-256");
        assert_eq!(sec1.public_key, certificate);
        // `openssl pkcs8 -topk8` drops the curve from the inner SEC1 key; the
        // outer AlgorithmIdentifier names it.
        let pkcs8 = key(EC_PKCS8);
        assert_eq!(pkcs8.format, KeyFormat::Pkcs8);
        assert_eq!(pkcs8.public_key, certificate);
        let no_public = key(EC_NO_PUBLIC);
        assert_eq!(no_public.key_label(), "EC P-256");
        assert_eq!(no_public.public_key.material, None);
        let leaf = key(include_str!("../test_fixtures/tls/leaf.key"));
        assert_eq!(
            leaf.public_key,
            certificate_key(include_str!("../test_fixtures/tls/leaf.crt"))
        );
    }

    #[test]
    fn ed25519_public_key_only_from_pkcs8_v2() {
        let v1 = key(ED25519_V1);
        assert_eq!(v1.key_label(), "Ed25519");
        assert_eq!(v1.public_key.material, None);
        let v2 = key(ED25519_V2);
        assert_eq!(
            v2.public_key,
            certificate_key(include_str!("../test_fixtures/tls/ed25519.crt"))
        );
    }

    #[test]
    fn encrypted_keys_are_refused() {
        assert_eq!(
            parse_private_key(&key_block(ENCRYPTED_PKCS8)),
            Err(ENCRYPTED_MESSAGE.into())
        );
        assert_eq!(
            parse_private_key(&key_block(ENCRYPTED_LEGACY)),
            Err(ENCRYPTED_MESSAGE.into())
        );
    }

    #[test]
    fn other_formats_and_broken_keys() {
        let block = |label: &str, der: &[u8]| PemBlock {
            label: label.into(),
            headers: Vec::new(),
            der: der.to_vec(),
        };
        assert!(parse_private_key(&block("OPENSSH PRIVATE KEY", &[]))
            .unwrap_err()
            .starts_with("OpenSSH private keys are not supported"));
        assert_eq!(
            parse_private_key(&block("DSA PRIVATE KEY", &[])).unwrap_err(),
            "'DSA PRIVATE KEY' keys are not supported"
        );
        let der = key_block(RSA_PKCS1).der;
        assert_eq!(
            parse_private_key(&block("RSA PRIVATE KEY", &der[..600])).unwrap_err(),
            "the PKCS#1 private key cannot be read: a SEQUENCE element runs past the end of the data"
        );
        // A PKCS#1 key under the PKCS#8 label.
        assert!(parse_private_key(&block("PRIVATE KEY", &der)).is_err());
        assert!(is_private_key_label("PRIVATE KEY"));
        assert!(is_private_key_label("EC PRIVATE KEY"));
        assert!(!is_private_key_label("CERTIFICATE"));
        assert!(!is_private_key_label("NOT A PRIVATE KEYS"));
    }

    /// The private exponent is in the PKCS#1 DER but nowhere in the summary.
    #[test]
    fn debug_shows_no_private_numbers() {
        let der = key_block(RSA_PKCS1).der;
        let mut rsa = der::parse_outer(&der, der::SEQUENCE).unwrap();
        let _version = rsa.read(der::INTEGER).unwrap();
        let _modulus = rsa.read(der::INTEGER).unwrap();
        let _exponent = rsa.read(der::INTEGER).unwrap();
        let private_exponent = rsa.read(der::INTEGER).unwrap();
        let needle = format!("{:?}", &private_exponent[1..9]);
        let debug = format!("{:?}", key(RSA_PKCS1));
        assert!(!debug.contains(needle.trim_matches(['[', ']'])));
    }

    proptest! {
        #[test]
        fn never_panics_on_bytes(
            label in prop::sample::select(vec!["RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY"]),
            der in proptest::collection::vec(any::<u8>(), 0..300),
        ) {
            let _ = parse_private_key(&PemBlock { label: label.into(), headers: Vec::new(), der });
        }

        #[test]
        fn never_panics_on_mangled_keys(
            which in 0..ALL_KEYS.len(),
            cut in any::<prop::sample::Index>(),
            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
        ) {
            let block = key_block(ALL_KEYS[which]);
            let truncated = PemBlock { der: block.der[..cut.index(block.der.len())].to_vec(), ..block.clone() };
            let _ = parse_private_key(&truncated);
            let mut flipped = block;
            for (at, byte) in flips {
                let at = at.index(flipped.der.len());
                flipped.der[at] ^= byte;
            }
            let _ = parse_private_key(&flipped);
        }
    }
}
