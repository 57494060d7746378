//! What a certificate says, for the TLS secret view and checks: who it is
//! for, who issued it, when it is valid, what key it carries.
//!
//! Nothing here verifies a signature; a summary is for people and for
//! spotting mistakes (wrong key, wrong order, expired), not for trust.
//! Parsing follows RFC 5280's structure strictly enough that a certificate
//! Go's `crypto/x509` would refuse for its shape (trailing bytes, a missing
//! field) is refused here too.

use crate::model::pki::der::{self, Reader};
use crate::model::pki::der_text;
use crate::model::pki::public_key::{read_subject_public_key_info, PublicKey};
use crate::model::pki::x509_name::{general_name_to_string, name_to_string};

const SUBJECT_ALT_NAME: &str = "2.5.29.17";
const BASIC_CONSTRAINTS: &str = "2.5.29.19";

/// The parts of a certificate the UI shows and the checks compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateSummary {
    /// `CN=myapp.example.com, O=Acme`, in certificate order.
    pub subject: String,
    pub issuer: String,
    /// The DER of the subject and issuer names: a chain is in order when each
    /// certificate's issuer is exactly the next one's subject.
    pub subject_der: Vec<u8>,
    pub issuer_der: Vec<u8>,
    /// `DNS:a.example.com`, `IP:10.0.0.1`, `IP:::1`, `email:…`, `URI:…`.
    pub sans: Vec<String>,
    /// `01:A3:F2`, the INTEGER's bytes as `openssl x509 -text` prints them.
    pub serial: String,
    pub public_key: PublicKey,
    /// Unix seconds.
    pub not_before: i64,
    pub not_after: i64,
    /// basicConstraints `cA`.
    pub is_ca: bool,
    /// `sha256WithRSAEncryption`, `ecdsa-with-SHA256`, …, or the dotted OID.
    pub signature_algorithm: String,
}

impl CertificateSummary {
    /// `RSA 2048`, `EC P-256`, `Ed25519`.
    pub fn key_label(&self) -> String {
        self.public_key.kind.label()
    }

    /// How to name this certificate in a message: its subject, or for a
    /// certificate with an empty subject (allowed when it has SANs) the first SAN.
    pub fn display_name(&self) -> String {
        match (self.subject.is_empty(), self.sans.first()) {
            (false, _) => self.subject.clone(),
            (true, Some(san)) => san.clone(),
            (true, None) => "(no subject)".into(),
        }
    }
}

/// Summarizes one DER certificate.
pub fn parse_certificate(der: &[u8]) -> Result<CertificateSummary, String> {
    read_certificate(der).map_err(|e| format!("not a valid X.509 certificate: {e}"))
}

/// `Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }`
fn read_certificate(input: &[u8]) -> Result<CertificateSummary, String> {
    let mut certificate = der::parse_outer(input, der::SEQUENCE)?;
    let tbs = certificate.read_nested(der::SEQUENCE)?;
    let mut algorithm = certificate.read_nested(der::SEQUENCE)?;
    let signature_algorithm =
        signature_algorithm_name(&der::oid_to_string(algorithm.read(der::OID)?)?);
    der::bit_string_octets(certificate.read(der::BIT_STRING)?)?;
    certificate.finish()?;
    read_tbs_certificate(tbs, signature_algorithm)
}

/// The signed part: version, serial, signature algorithm, issuer, validity,
/// subject, public key, unique IDs, extensions.
fn read_tbs_certificate(
    mut tbs: Reader<'_>,
    signature_algorithm: String,
) -> Result<CertificateSummary, String> {
    if let Some(mut version) = tbs.read_optional_nested(der::context(0, true))? {
        if der::small_unsigned(version.read(der::INTEGER)?)? > 2 {
            return Err("unknown certificate version".into());
        }
        version.finish()?;
    }
    let serial = der::colon_hex(tbs.read(der::INTEGER)?);
    tbs.read(der::SEQUENCE)?; // the signature algorithm again
    let issuer = tbs.expect(der::SEQUENCE)?;
    let mut validity = tbs.read_nested(der::SEQUENCE)?;
    let not_before = validity.read_element()?;
    let not_after = validity.read_element()?;
    validity.finish()?;
    let subject = tbs.expect(der::SEQUENCE)?;
    let public_key = read_subject_public_key_info(tbs.read_nested(der::SEQUENCE)?)?;
    tbs.read_optional(der::context(1, false))?;
    tbs.read_optional(der::context(2, false))?;
    let extensions = match tbs.read_optional_nested(der::context(3, true))? {
        Some(mut wrapper) => {
            let list = wrapper.read_nested(der::SEQUENCE)?;
            wrapper.finish()?;
            read_extensions(list)?
        }
        None => Extensions::default(),
    };
    tbs.finish()?;

    Ok(CertificateSummary {
        subject: name_to_string(tbs.child(subject.value)?)?,
        issuer: name_to_string(tbs.child(issuer.value)?)?,
        subject_der: subject.encoded.to_vec(),
        issuer_der: issuer.encoded.to_vec(),
        sans: extensions.sans,
        serial,
        public_key,
        not_before: der_text::time_to_unix(not_before.tag, not_before.value)?,
        not_after: der_text::time_to_unix(not_after.tag, not_after.value)?,
        is_ca: extensions.is_ca,
        signature_algorithm,
    })
}

#[derive(Default)]
struct Extensions {
    sans: Vec<String>,
    is_ca: bool,
}

/// `Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }`;
/// only subjectAltName and basicConstraints are read, the rest skipped.
fn read_extensions(mut list: Reader<'_>) -> Result<Extensions, String> {
    let mut found = Extensions::default();
    while !list.is_empty() {
        let mut extension = list.read_nested(der::SEQUENCE)?;
        let oid = der::oid_to_string(extension.read(der::OID)?)?;
        if let Some(critical) = extension.read_optional(der::BOOLEAN)? {
            der::boolean(critical)?;
        }
        let value = extension.read(der::OCTET_STRING)?;
        extension.finish()?;
        match oid.as_str() {
            SUBJECT_ALT_NAME => {
                let mut outer = extension.child(value)?;
                let mut names = outer.read_nested(der::SEQUENCE)?;
                outer.finish()?;
                while !names.is_empty() {
                    let name = names.read_element()?;
                    found.sans.push(general_name_to_string(&names, name)?);
                }
            }
            BASIC_CONSTRAINTS => {
                // SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }
                let mut outer = extension.child(value)?;
                let mut constraints = outer.read_nested(der::SEQUENCE)?;
                outer.finish()?;
                if let Some(ca) = constraints.read_optional(der::BOOLEAN)? {
                    found.is_ca = der::boolean(ca)?;
                }
                if let Some(path_len) = constraints.read_optional(der::INTEGER)? {
                    der::small_unsigned(path_len)?;
                }
                constraints.finish()?;
            }
            _ => {}
        }
    }
    Ok(found)
}

fn signature_algorithm_name(oid: &str) -> String {
    match oid {
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        other => other,
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pki::pem::parse_pem;
    use crate::model::pki::public_key::{PublicKeyKind, PublicKeyMaterial};
    use proptest::prelude::*;

    const RSA: &str = include_str!("../test_fixtures/tls/rsa.crt");
    const EC: &str = include_str!("../test_fixtures/tls/ec.crt");
    const P384: &str = include_str!("../test_fixtures/tls/p384.crt");
    const ED25519: &str = include_str!("../test_fixtures/tls/ed25519.crt");
    const CA: &str = include_str!("../test_fixtures/tls/ca.crt");
    const INTERMEDIATE: &str = include_str!("../test_fixtures/tls/intermediate.crt");
    const LEAF: &str = include_str!("../test_fixtures/tls/leaf.crt");
    const EXPIRED: &str = include_str!("../test_fixtures/tls/expired.crt");

    fn der_of(pem: &str) -> Vec<u8> {
        parse_pem(pem.as_bytes()).unwrap().remove(0).der
    }

    fn summary(pem: &str) -> CertificateSummary {
        parse_certificate(&der_of(pem)).unwrap()
    }

    /// Expectations from `openssl x509 -noout -text` on each fixture.
    #[test]
    fn rsa_certificate_with_sans() {
        let cert = summary(RSA);
        assert_eq!(
            cert.subject,
            "CN=myapp.example.com, O=Acme, OU=Platform, C=US, ST=California, L=San Francisco"
        );
        assert_eq!(cert.issuer, cert.subject);
        assert_eq!(cert.subject_der, cert.issuer_der);
        assert_eq!(
            cert.sans,
            [
                "DNS:myapp.example.com",
                "DNS:*.myapp.example.com",
                "IP:10.0.0.1",
                "IP:::1",
                "IP:2001:db8::42",
                "email:ops@example.com",
                "URI:https://myapp.example.com/",
            ]
        );
        assert_eq!(cert.serial, "01:A3:F2");
        assert_eq!(cert.key_label(), "RSA 2048");
        // notBefore=Nov 27 13:19:23 2026 GMT, notAfter=Nov  3 13:19:23 2126 GMT
        assert_eq!(cert.not_before, 1_795_785_563);
        assert_eq!(cert.not_after, 4_949_385_563);
        assert!(!cert.is_ca);
        assert_eq!(cert.signature_algorithm, "sha256WithRSAEncryption");
        match &cert.public_key.material {
            Some(PublicKeyMaterial::Rsa { modulus, exponent }) => {
                assert_eq!(modulus.len(), 256);
                assert_eq!(exponent, &[1, 0, 1]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn ec_and_ed25519_certificates() {
        let ec = summary(EC);
        assert_eq!(ec.subject, "CN=ec.example.com");
        assert_eq!(ec.sans, ["DNS:ec.example.com"]);
        assert_eq!(ec.serial, "07");
        assert_eq!(ec.key_label(), "EC P-256");
        assert!(ec.is_ca);
        assert_eq!(ec.signature_algorithm, "ecdsa-with-SHA256");
        match &ec.public_key.material {
            Some(PublicKeyMaterial::EcPoint(point)) => {
                assert_eq!(point.len(), 65);
                assert_eq!(point[0], 4);
            }
            other => panic!("{other:?}"),
        }

        let p384 = summary(P384);
        assert_eq!(p384.key_label(), "EC P-384");
        assert_eq!(p384.signature_algorithm, "ecdsa-with-SHA384");
        assert!(p384.sans.is_empty());

        let ed = summary(ED25519);
        assert_eq!(ed.subject, "CN=ed.example.com");
        assert_eq!(ed.serial, "09");
        assert_eq!(ed.public_key.kind, PublicKeyKind::Ed25519);
        assert_eq!(ed.signature_algorithm, "Ed25519");
        // `openssl pkey -pubout -outform DER | tail -c 32 | xxd -p`
        assert_eq!(
            ed.public_key.material,
            Some(PublicKeyMaterial::Raw(hex(
                "a31d88c10153147e562e2cb482ed526f39ccddb33336d6a679bf4595513915aa"
            )))
        );
    }

    #[test]
    fn chain_certificates() {
        let ca = summary(CA);
        let intermediate = summary(INTERMEDIATE);
        let leaf = summary(LEAF);
        assert_eq!(ca.subject, "CN=Keyhole Test Root CA, O=Keyhole");
        assert_eq!(ca.serial, "64");
        assert!(ca.is_ca);
        assert_eq!(
            intermediate.subject,
            "CN=Keyhole Test Intermediate CA, O=Keyhole"
        );
        assert_eq!(intermediate.issuer, ca.subject);
        assert_eq!(intermediate.issuer_der, ca.subject_der);
        assert!(intermediate.is_ca);
        assert_eq!(leaf.issuer_der, intermediate.subject_der);
        assert_eq!(leaf.subject, "CN=leaf.example.com");
        assert_eq!(leaf.serial, "66");
        assert_eq!(leaf.key_label(), "EC P-256");
        assert_eq!(leaf.signature_algorithm, "sha256WithRSAEncryption");
        assert!(!leaf.is_ca);
    }

    #[test]
    fn expired_certificate_uses_utc_time() {
        let cert = summary(EXPIRED);
        assert_eq!(cert.subject, "CN=expired.example.com");
        assert_eq!(cert.serial, "02:00");
        assert!(cert.sans.is_empty());
        // notBefore=Jan  1 00:00:00 2020 GMT, notAfter=Jan  1 00:00:00 2021 GMT
        assert_eq!(cert.not_before, 1_577_836_800);
        assert_eq!(cert.not_after, 1_609_459_200);
        assert_eq!(cert.display_name(), "CN=expired.example.com");
    }

    #[test]
    fn refuses_what_is_not_a_certificate() {
        let mut der = der_of(RSA);
        assert_eq!(
            parse_certificate(&der[..der.len() - 1]).unwrap_err(),
            "not a valid X.509 certificate: a SEQUENCE element runs past the end of the data"
        );
        der.push(0);
        assert_eq!(
            parse_certificate(&der).unwrap_err(),
            "not a valid X.509 certificate: unexpected data after the end of a structure"
        );
        let key = parse_pem(include_bytes!("../test_fixtures/tls/rsa.pkcs1.key"))
            .unwrap()
            .remove(0);
        assert!(parse_certificate(&key.der).is_err());
        assert!(parse_certificate(&[]).is_err());
    }

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    proptest! {
        #[test]
        fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = parse_certificate(&bytes);
        }

        #[test]
        fn never_panics_on_mangled_certificates(
            which in 0..4usize,
            cut in any::<prop::sample::Index>(),
            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
        ) {
            let der = der_of([RSA, EC, LEAF, ED25519][which]);
            let _ = parse_certificate(&der[..cut.index(der.len())]);
            let mut flipped = der.clone();
            for (at, byte) in flips {
                let at = at.index(flipped.len());
                flipped[at] ^= byte;
            }
            let _ = parse_certificate(&flipped);
        }
    }
}
