//! The controller's sealing certificate (`/v1/cert.pem`, or pasted): what the
//! user checks before sealing, and the RSA key WebCrypto encrypts to.

use crate::model::pki::{
    der::colon_hex,
    pem::parse_pem,
    public_key::{PublicKeyKind, PublicKeyMaterial},
    x509::parse_certificate,
};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde_json::json;
use sha2::{Digest, Sha256};

/// A certificate Keyhole can seal to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealingCertificate {
    pub subject: String,
    /// SHA-256 of the DER, `AB:CD:…` as `openssl x509 -fingerprint -sha256`
    /// prints it: what the user compares to pin the certificate.
    pub fingerprint: String,
    /// Unix seconds.
    pub not_after: i64,
    pub key_bits: u32,
    modulus: Vec<u8>,
    exponent: Vec<u8>,
}

impl SealingCertificate {
    /// Reads the first certificate of a PEM text. Anything but an RSA public
    /// key is refused: kubeseal's scheme is RSA-OAEP only.
    pub fn from_pem(text: &[u8]) -> Result<SealingCertificate, String> {
        let blocks = parse_pem(text)?;
        let block = blocks
            .iter()
            .find(|b| b.label == "CERTIFICATE")
            .ok_or_else(|| "no CERTIFICATE block: paste the controller's cert.pem".to_string())?;
        let summary = parse_certificate(&block.der)?;
        let subject = summary.display_name();
        let (bits, modulus, exponent) =
            match (&summary.public_key.kind, summary.public_key.material) {
                (
                    PublicKeyKind::Rsa { bits },
                    Some(PublicKeyMaterial::Rsa { modulus, exponent }),
                ) => (*bits, modulus, exponent),
                (kind, _) => {
                    return Err(format!(
                        "the certificate holds an {} key; Sealed Secrets seals only to RSA keys",
                        kind.label()
                    ))
                }
            };
        Ok(SealingCertificate {
            subject,
            fingerprint: colon_hex(&Sha256::digest(&block.der)),
            not_after: summary.not_after,
            key_bits: bits,
            modulus,
            exponent,
        })
    }

    /// Whether the certificate has expired at `now` (Unix seconds). The
    /// controller still decrypts with an expired certificate's key, but it
    /// renews its key and a new one should be fetched: a warning, not a refusal.
    pub fn is_expired(&self, now: i64) -> bool {
        self.not_after < now
    }

    /// The public key as a JWK for `SubtleCrypto.importKey("jwk", …)` with
    /// RSA-OAEP and SHA-256 (`alg: RSA-OAEP-256`), encrypt only.
    pub fn jwk(&self) -> serde_json::Value {
        json!({
            "kty": "RSA",
            "n": URL_SAFE_NO_PAD.encode(&self.modulus),
            "e": URL_SAFE_NO_PAD.encode(&self.exponent),
            "alg": "RSA-OAEP-256",
            "ext": true,
            "key_ops": ["encrypt"],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_fixtures::{EC_CRT, EXPIRED_CRT, NOW, RSA_CRT, SEALED_SECRETS_CRT};

    #[test]
    fn reads_subject_fingerprint_and_expiry() {
        let cert = SealingCertificate::from_pem(RSA_CRT).unwrap();
        assert!(
            cert.subject.starts_with("CN=myapp.example.com"),
            "{}",
            cert.subject
        );
        // `openssl x509 -in rsa.crt -noout -fingerprint -sha256`
        assert_eq!(
            cert.fingerprint,
            "24:27:D8:D3:C0:7D:4D:C2:F5:53:56:89:77:F4:7F:AA:AE:F5:79:81:C2:44:B1:A5:2B:09:A1:E2:C9:6F:79:F0"
        );
        assert_eq!(cert.key_bits, 2048);
        assert!(!cert.is_expired(NOW));
    }

    #[test]
    fn reads_a_real_controller_certificate() {
        let cert = SealingCertificate::from_pem(SEALED_SECRETS_CRT).unwrap();
        assert_eq!(cert.subject, "(no subject)");
        assert_eq!(
            cert.fingerprint,
            "0D:96:6F:D7:1F:21:9B:AA:45:DF:25:EF:0F:EF:DD:50:59:07:11:32:02:E0:8F:8A:4E:39:8F:68:E4:AF:37:50"
        );
        assert_eq!(cert.not_after, 2_111_661_990);
        assert_eq!(cert.key_bits, 2048);
    }

    #[test]
    fn warns_about_an_expired_certificate() {
        let cert = SealingCertificate::from_pem(EXPIRED_CRT).unwrap();
        assert!(cert.is_expired(NOW));
    }

    #[test]
    fn refuses_a_key_that_is_not_rsa() {
        let err = SealingCertificate::from_pem(EC_CRT).unwrap_err();
        assert!(
            err.contains("EC P-256") && err.contains("only to RSA"),
            "{err}"
        );
    }

    #[test]
    fn refuses_what_is_not_a_certificate() {
        assert!(SealingCertificate::from_pem(b"hello").is_err());
        let key = crate::model::test_fixtures::RSA_KEY;
        assert!(SealingCertificate::from_pem(key)
            .unwrap_err()
            .contains("CERTIFICATE"));
    }

    #[test]
    fn jwk_carries_the_modulus_without_leading_zeros() {
        let cert = SealingCertificate::from_pem(RSA_CRT).unwrap();
        let jwk = cert.jwk();
        assert_eq!(jwk["e"], "AQAB");
        let n = URL_SAFE_NO_PAD.decode(jwk["n"].as_str().unwrap()).unwrap();
        assert_eq!(n.len(), 256);
        assert_ne!(n[0], 0);
    }
}
