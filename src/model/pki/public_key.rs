//! Public keys as certificates and private keys describe them: the kind and
//! size a person reads ("RSA 2048", "EC P-256") and the public numbers that
//! tell whether a private key belongs to a certificate.
//!
//! A key pair matches when the private key's public half equals the
//! certificate's public key; comparing public numbers needs no signature and
//! no crypto code, which keeps the WebAssembly bundle small.

use crate::model::pki::der::{self, Reader};

pub const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
pub const RSA_PSS: &str = "1.2.840.113549.1.1.10";
pub const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
pub const ED25519: &str = "1.3.101.112";
pub const ED448: &str = "1.3.101.113";

/// What kind of key, for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicKeyKind {
    Rsa {
        bits: u32,
    },
    /// `P-256`, `P-384`, `P-521`, `secp256k1`, or the curve's dotted OID.
    Ec {
        curve: String,
    },
    Ed25519,
    Ed448,
    /// The algorithm's dotted OID.
    Other(String),
}

impl PublicKeyKind {
    /// `RSA 2048`, `EC P-256`, `Ed25519`.
    pub fn label(&self) -> String {
        match self {
            PublicKeyKind::Rsa { bits } => format!("RSA {bits}"),
            PublicKeyKind::Ec { curve } => format!("EC {curve}"),
            PublicKeyKind::Ed25519 => "Ed25519".into(),
            PublicKeyKind::Ed448 => "Ed448".into(),
            PublicKeyKind::Other(oid) => format!("unknown key type {oid}"),
        }
    }
}

/// The public numbers that identify a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicKeyMaterial {
    /// Big-endian, without leading zero bytes.
    Rsa { modulus: Vec<u8>, exponent: Vec<u8> },
    /// A SEC1 point: `04 ‖ x ‖ y`, or compressed `02`/`03 ‖ x`.
    EcPoint(Vec<u8>),
    /// The raw Ed25519 or Ed448 public key.
    Raw(Vec<u8>),
}

impl PublicKeyMaterial {
    /// Whether two descriptions are the same key. EC points compare by their
    /// compressed form, so an uncompressed point matches its compressed twin.
    pub fn same_key(&self, other: &PublicKeyMaterial) -> bool {
        match (self, other) {
            (PublicKeyMaterial::EcPoint(a), PublicKeyMaterial::EcPoint(b)) => {
                a == b || matches!((compressed(a), compressed(b)), (Some(x), Some(y)) if x == y)
            }
            _ => self == other,
        }
    }
}

fn compressed(point: &[u8]) -> Option<Vec<u8>> {
    match point.split_first()? {
        (4, xy) if !xy.is_empty() && xy.len() % 2 == 0 => {
            let (x, y) = xy.split_at(xy.len() / 2);
            let mut out = vec![2 + (y.last()? & 1)];
            out.extend_from_slice(x);
            Some(out)
        }
        (2 | 3, x) if !x.is_empty() => Some(point.to_vec()),
        _ => None,
    }
}

/// A public key: what it is, and its numbers when the kind is one we can
/// compare (`None` for unknown algorithms, and for private keys that do not
/// carry their public half).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey {
    pub kind: PublicKeyKind,
    pub material: Option<PublicKeyMaterial>,
}

/// The algorithm of an `AlgorithmIdentifier` in a certificate's
/// SubjectPublicKeyInfo or a PKCS#8 key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyAlgorithm {
    Rsa,
    /// The named curve from the parameters, when there is one.
    Ec {
        curve: Option<String>,
    },
    Ed25519,
    Ed448,
    Other(String),
}

/// Reads `AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }`.
pub fn read_key_algorithm(reader: &mut Reader<'_>) -> Result<KeyAlgorithm, String> {
    let mut identifier = reader.read_nested(der::SEQUENCE)?;
    let oid = der::oid_to_string(identifier.read(der::OID)?)?;
    let algorithm = match oid.as_str() {
        RSA_ENCRYPTION | RSA_PSS => KeyAlgorithm::Rsa,
        EC_PUBLIC_KEY => {
            // Named curves only; explicit curve parameters (a SEQUENCE) are
            // rare and refused by Go's crypto/x509 anyway.
            let curve = match identifier.read_optional(der::OID)? {
                Some(curve) => Some(curve_name(&der::oid_to_string(curve)?)),
                None => None,
            };
            KeyAlgorithm::Ec { curve }
        }
        ED25519 => KeyAlgorithm::Ed25519,
        ED448 => KeyAlgorithm::Ed448,
        _ => KeyAlgorithm::Other(oid),
    };
    // Whatever parameters remain (RSA's NULL, PSS parameters) are skipped.
    while !identifier.is_empty() {
        identifier.read_element()?;
    }
    Ok(algorithm)
}

/// `P-256` for `1.2.840.10045.3.1.7`, and so on; the OID itself otherwise.
pub fn curve_name(oid: &str) -> String {
    match oid {
        "1.2.840.10045.3.1.7" => "P-256",
        "1.3.132.0.34" => "P-384",
        "1.3.132.0.35" => "P-521",
        "1.3.132.0.10" => "secp256k1",
        other => other,
    }
    .to_owned()
}

/// Reads the content of `SubjectPublicKeyInfo ::= SEQUENCE { algorithm,
/// subjectPublicKey BIT STRING }`.
pub fn read_subject_public_key_info(mut spki: Reader<'_>) -> Result<PublicKey, String> {
    let algorithm = read_key_algorithm(&mut spki)?;
    let key = der::bit_string_octets(spki.read(der::BIT_STRING)?)?;
    spki.finish()?;
    Ok(match algorithm {
        KeyAlgorithm::Rsa => {
            // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
            let mut rsa = der::parse_outer(key, der::SEQUENCE)?;
            let modulus = rsa.read(der::INTEGER)?;
            let exponent = rsa.read(der::INTEGER)?;
            rsa.finish()?;
            rsa_public_key(modulus, exponent)?
        }
        KeyAlgorithm::Ec { curve } => PublicKey {
            kind: PublicKeyKind::Ec {
                curve: curve.ok_or("the EC key does not name its curve")?,
            },
            material: Some(PublicKeyMaterial::EcPoint(key.to_vec())),
        },
        KeyAlgorithm::Ed25519 => raw_key(PublicKeyKind::Ed25519, key),
        KeyAlgorithm::Ed448 => raw_key(PublicKeyKind::Ed448, key),
        KeyAlgorithm::Other(oid) => PublicKey {
            kind: PublicKeyKind::Other(oid),
            material: None,
        },
    })
}

fn raw_key(kind: PublicKeyKind, key: &[u8]) -> PublicKey {
    PublicKey {
        kind,
        material: Some(PublicKeyMaterial::Raw(key.to_vec())),
    }
}

/// An RSA key from the content of its modulus and exponent INTEGERs.
pub fn rsa_public_key(modulus: &[u8], exponent: &[u8]) -> Result<PublicKey, String> {
    let modulus = der::unsigned_integer(modulus)?;
    let exponent = der::unsigned_integer(exponent)?;
    let first = modulus.first().ok_or("the RSA modulus is zero")?;
    let bits = modulus
        .len()
        .checked_mul(8)
        .and_then(|bits| u32::try_from(bits).ok())
        .ok_or("the RSA modulus is too large")?
        - first.leading_zeros();
    Ok(PublicKey {
        kind: PublicKeyKind::Rsa { bits },
        material: Some(PublicKeyMaterial::Rsa {
            modulus: modulus.to_vec(),
            exponent: exponent.to_vec(),
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(PublicKeyKind::Rsa { bits: 2048 }.label(), "RSA 2048");
        assert_eq!(
            PublicKeyKind::Ec {
                curve: "P-384".into()
            }
            .label(),
            "EC P-384"
        );
        assert_eq!(PublicKeyKind::Ed25519.label(), "Ed25519");
        assert_eq!(PublicKeyKind::Ed448.label(), "Ed448");
        assert_eq!(
            PublicKeyKind::Other("1.2.3".into()).label(),
            "unknown key type 1.2.3"
        );
        assert_eq!(curve_name("1.3.132.0.35"), "P-521");
        assert_eq!(curve_name("1.2.3.4"), "1.2.3.4");
    }

    #[test]
    fn rsa_bits_count_from_the_top_bit() {
        let key = rsa_public_key(&[0x00, 0x80, 0, 0], &[1, 0, 1]).unwrap();
        assert_eq!(key.kind, PublicKeyKind::Rsa { bits: 24 });
        let key = rsa_public_key(&[0x01, 0, 0], &[3]).unwrap();
        assert_eq!(key.kind, PublicKeyKind::Rsa { bits: 17 });
        assert!(rsa_public_key(&[0], &[3]).is_err());
        assert!(rsa_public_key(&[0x80], &[3]).is_err());
    }

    #[test]
    fn ec_points_match_compressed_or_not() {
        let point = |bytes: &[u8]| PublicKeyMaterial::EcPoint(bytes.to_vec());
        let uncompressed = point(&[4, 1, 2, 3, 4, 5, 7]);
        assert!(uncompressed.same_key(&point(&[3, 1, 2, 3])));
        assert!(point(&[3, 1, 2, 3]).same_key(&uncompressed));
        assert!(!uncompressed.same_key(&point(&[2, 1, 2, 3])));
        assert!(!uncompressed.same_key(&point(&[4, 1, 2, 3, 4, 5, 8])));
        assert!(!point(&[4]).same_key(&point(&[2])));
        assert!(!uncompressed.same_key(&PublicKeyMaterial::Raw(vec![4, 1, 2, 3, 4, 5, 7])));
    }
}
