//! The private-key half of the TLS check: `tls.key` must hold exactly one
//! readable, unencrypted key, and it must be the leaf certificate's.

use crate::model::pki::pem::{parse_pem, PemBlock};
use crate::model::pki::private_key::{is_private_key_label, parse_private_key, PrivateKeySummary};
use crate::model::problem::Severity;
use crate::model::secret_types::tls::check::{TlsCheck, TlsField};

/// The one private key of `tls.key`. `EC PARAMETERS` blocks, which
/// `openssl ecparam -genkey` writes before the key, are skipped.
pub(super) fn read_key(key_pem: &[u8], check: &mut TlsCheck) -> Option<PrivateKeySummary> {
    let error = |check: &mut TlsCheck, message| check.push(TlsField::Key, Severity::Error, message);
    if key_pem.trim_ascii().is_empty() {
        error(check, "no private key found".into());
        return None;
    }
    let blocks = match parse_pem(key_pem) {
        Ok(blocks) => blocks,
        Err(e) => {
            error(check, e);
            return None;
        }
    };
    let mut keys: Vec<&PemBlock> = Vec::new();
    let mut other_blocks = false;
    for (index, block) in blocks.iter().enumerate() {
        let number = index + 1;
        match block.label.as_str() {
            "EC PARAMETERS" => {}
            label if is_private_key_label(label) => keys.push(block),
            "CERTIFICATE" => {
                error(
                    check,
                    format!(
                        "block {number} is a certificate, not a private key \
                         (are the certificate and the key swapped?)"
                    ),
                );
                other_blocks = true;
            }
            label => {
                error(
                    check,
                    format!("block {number} is a '{label}', not a private key"),
                );
                other_blocks = true;
            }
        }
    }
    match keys.as_slice() {
        [] if other_blocks => None,
        [] => {
            error(check, "no private key found".into());
            None
        }
        [block] => match parse_private_key(block) {
            Ok(key) => Some(key),
            Err(e) => {
                error(check, e);
                None
            }
        },
        many => {
            error(
                check,
                format!(
                    "found {} private keys; tls.key must hold exactly one",
                    many.len()
                ),
            );
            None
        }
    }
}

/// The key must be the leaf's: the first certificate's public key.
pub(super) fn check_key_matches(check: &mut TlsCheck) {
    let (Some(key), Some(leaf)) = (&check.key, check.chain.first()) else {
        return;
    };
    let mismatch = |reason: String| {
        format!(
            "the private key does not match the certificate for {}: {reason}",
            leaf.display_name()
        )
    };
    let (severity, message) = if key.public_key.kind != leaf.public_key.kind {
        (
            Severity::Error,
            mismatch(format!(
                "the certificate's key is {}, the private key is {}",
                leaf.key_label(),
                key.key_label()
            )),
        )
    } else {
        match (&key.public_key.material, &leaf.public_key.material) {
            (Some(ours), Some(theirs)) if ours.same_key(theirs) => return,
            (Some(_), Some(_)) => (
                Severity::Error,
                mismatch(format!(
                    "both are {} keys, but different ones",
                    key.key_label()
                )),
            ),
            _ => (
                Severity::Warning,
                format!(
                    "whether the private key matches the certificate cannot be checked: \
                     this {} key does not include its public key",
                    key.key_label()
                ),
            ),
        }
    };
    check.push(TlsField::Key, severity, message);
}

#[cfg(test)]
mod tests {
    use crate::model::pki::private_key::ENCRYPTED_MESSAGE;
    use crate::model::problem::{has_errors, Severity::*};
    use crate::model::secret_types::tls::check::tests::*;
    use crate::model::secret_types::tls::check::TlsField::*;

    #[test]
    fn key_field_problems() {
        assert_eq!(
            problems(&check(RSA_CRT, RSA_CRT)),
            [(Key, Error, "block 1 is a certificate, not a private key (are the certificate and the key swapped?)")]
        );
        assert_eq!(
            problems(&check(RSA_CRT, &format!("{RSA_KEY}{OTHER_KEY}"))),
            [(
                Key,
                Error,
                "found 2 private keys; tls.key must hold exactly one"
            )]
        );
        assert_eq!(
            problems(&check(RSA_CRT, ENCRYPTED)),
            [(Key, Error, ENCRYPTED_MESSAGE)]
        );
        let legacy = include_str!("../../test_fixtures/tls/encrypted.legacy.key");
        assert_eq!(
            problems(&check(RSA_CRT, legacy)),
            [(Key, Error, ENCRYPTED_MESSAGE)]
        );
        let broken = "-----BEGIN PRIVATE KEY-----\nMAMCAQE=\n-----END PRIVATE KEY-----\n";
        assert_eq!(
            problems(&check(RSA_CRT, broken)),
            [(
                Key,
                Error,
                "the PKCS#8 private key cannot be read: unexpected end of data"
            )]
        );
        // The bag holds the key too, with text around it.
        assert_eq!(problems(&check(RSA_CRT, BAG)), [(Key, Error, "block 1 is a certificate, not a private key (are the certificate and the key swapped?)")]);
    }

    #[test]
    fn key_that_belongs_to_another_certificate() {
        assert_eq!(
            problems(&check(RSA_CRT, OTHER_KEY)),
            [(
                Key,
                Error,
                &*format!(
                    "the private key does not match the certificate for {RSA_SUBJECT}: \
                     both are RSA 2048 keys, but different ones"
                )
            )]
        );
        assert_eq!(
            problems(&check(CHAIN, EC_KEY)),
            [(
                Key,
                Error,
                "the private key does not match the certificate for CN=leaf.example.com: \
                 both are EC P-256 keys, but different ones"
            )]
        );
        assert_eq!(
            problems(&check(RSA_CRT, EC_KEY)),
            [(
                Key,
                Error,
                &*format!(
                    "the private key does not match the certificate for {RSA_SUBJECT}: \
                     the certificate's key is RSA 2048, the private key is EC P-256"
                )
            )]
        );
    }

    #[test]
    fn match_that_cannot_be_checked_is_a_warning() {
        for (cert, key, label) in [
            (EC_CRT, EC_NO_PUBLIC, "EC P-256"),
            (ED_CRT, ED_KEY_V1, "Ed25519"),
        ] {
            let result = check(cert, key);
            let expected = format!(
                "whether the private key matches the certificate cannot be checked: \
                 this {label} key does not include its public key"
            );
            assert_eq!(problems(&result), [(Key, Warning, expected.as_str())]);
            assert!(!has_errors(&result.problems));
        }
    }
}
