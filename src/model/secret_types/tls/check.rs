//! Checks of a `kubernetes.io/tls` Secret before it is written, and of any
//! certificate bundle shown in a detail view.
//!
//! The apiserver only requires `tls.crt` and `tls.key` to exist; what is
//! inside is first read by an ingress controller or a webhook, long after the
//! write, where a mistake becomes an outage. So mistakes that would break TLS
//! (unreadable PEM, a key that does not belong to the certificate, a chain
//! out of order, an encrypted key) are errors that block writing, and facts
//! worth knowing but sometimes intended (expired, not yet valid, expiring
//! soon, a match that cannot be verified) are warnings.
//!
//! Messages name certificates by subject and blocks by position, never by
//! content, so they are safe to show in toasts.

use crate::model::pki::pem::parse_pem;
use crate::model::pki::private_key::{is_private_key_label, PrivateKeySummary};
use crate::model::pki::x509::{parse_certificate, CertificateSummary};
use crate::model::problem::{Problem, Severity};
use crate::model::secret_types::tls::expiry::expiry_warning;
pub use crate::model::secret_types::tls::expiry::{expiry, Expiry};
use crate::model::secret_types::tls::key_match::{check_key_matches, read_key};

/// Which of the two PEM fields a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlsField {
    Certificate,
    Key,
}

/// The certificates that could be read (leaf first, as stored), the key's
/// public facts, and everything wrong with them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TlsCheck {
    pub chain: Vec<CertificateSummary>,
    pub key: Option<PrivateKeySummary>,
    pub problems: Vec<Problem<TlsField>>,
}

impl TlsCheck {
    pub(super) fn push(&mut self, field: TlsField, severity: Severity, message: String) {
        self.problems.push(Problem {
            field,
            severity,
            message,
        });
    }
}

/// Checks `tls.crt` and `tls.key` together: everything
/// [`check_certificates`] checks, plus chain order (leaf first, each issuer
/// after the certificate it signed) and the key (exactly one, readable,
/// unencrypted, belonging to the leaf).
pub fn check_tls(cert_pem: &[u8], key_pem: &[u8], now: i64) -> TlsCheck {
    let mut check = TlsCheck::default();
    // Positions and the leaf mean something only when every block was a
    // certificate and they are in order.
    let chain_usable =
        read_certificates(cert_pem, now, &mut check) && check_chain_order(&mut check);
    check.key = read_key(key_pem, &mut check);
    if chain_usable {
        check_key_matches(&mut check);
    }
    check
}

/// Checks a certificate field on its own (`tls.crt` without a key, or a
/// `ca.crt` bundle): readable PEM, only certificates, and validity dates.
/// Order is not checked, since a CA bundle is a list of unrelated roots.
pub fn check_certificates(cert_pem: &[u8], now: i64) -> TlsCheck {
    let mut check = TlsCheck::default();
    read_certificates(cert_pem, now, &mut check);
    check
}

/// Fills `check.chain` and reports unreadable blocks and dates; true when
/// every block was a readable certificate, so positions in `chain` are
/// positions in the field.
fn read_certificates(cert_pem: &[u8], now: i64, check: &mut TlsCheck) -> bool {
    let error =
        |check: &mut TlsCheck, message| check.push(TlsField::Certificate, Severity::Error, message);
    if cert_pem.trim_ascii().is_empty() {
        error(check, "no certificate found".into());
        return false;
    }
    let blocks = match parse_pem(cert_pem) {
        Ok(blocks) => blocks,
        Err(e) => {
            error(check, e);
            return false;
        }
    };
    let mut all_read = true;
    for (index, block) in blocks.iter().enumerate() {
        let number = index + 1;
        match block.label.as_str() {
            "CERTIFICATE" => match parse_certificate(&block.der) {
                Ok(certificate) => check.chain.push(certificate),
                Err(e) => {
                    error(check, format!("certificate {number}: {e}"));
                    all_read = false;
                }
            },
            label if is_private_key_label(label) => {
                error(
                    check,
                    format!(
                        "block {number} is a private key ('{label}'), not a certificate: \
                         the key belongs in tls.key, never with the certificates"
                    ),
                );
                all_read = false;
            }
            label => {
                error(
                    check,
                    format!("block {number} is a '{label}', not a certificate"),
                );
                all_read = false;
            }
        }
    }
    let warnings: Vec<String> = check
        .chain
        .iter()
        .enumerate()
        .filter_map(|(index, certificate)| {
            let who = describe(check.chain.len(), index, certificate);
            expiry_warning(&who, certificate.not_before, certificate.not_after, now)
        })
        .collect();
    for warning in warnings {
        check.push(TlsField::Certificate, Severity::Warning, warning);
    }
    all_read
}

/// `the certificate for CN=…` when there is one, `certificate 2 (CN=…)` in a chain.
fn describe(chain_len: usize, index: usize, certificate: &CertificateSummary) -> String {
    if chain_len == 1 {
        format!("the certificate for {}", certificate.display_name())
    } else {
        format!("certificate {} ({})", index + 1, certificate.display_name())
    }
}

/// Each certificate's issuer must be the next one's subject. A chain that
/// is in order backwards (root first) gets one message saying so. True when
/// the chain is in order.
fn check_chain_order(check: &mut TlsCheck) -> bool {
    let in_order = |a: &CertificateSummary, b: &CertificateSummary| a.issuer_der == b.subject_der;
    let breaks: Vec<usize> = check
        .chain
        .windows(2)
        .enumerate()
        .filter(|(_, pair)| !in_order(&pair[0], &pair[1]))
        .map(|(index, _)| index)
        .collect();
    if breaks.is_empty() {
        return true;
    }
    let reversed = check
        .chain
        .windows(2)
        .all(|pair| in_order(&pair[1], &pair[0]));
    let messages: Vec<String> = if reversed {
        let leaf = check.chain.last().map(CertificateSummary::display_name);
        vec![format!(
            "the certificates are in reverse order: the leaf certificate ({}) must come first, \
             then each issuer after the certificate it signed",
            leaf.unwrap_or_default()
        )]
    } else {
        breaks
            .into_iter()
            .map(|index| {
                let (signed, next) = (&check.chain[index], &check.chain[index + 1]);
                format!(
                    "the chain is out of order: certificate {} ({}) was issued by {}, but \
                     certificate {} is {}; the leaf certificate must come first, then each \
                     issuer right after the certificate it signed",
                    index + 1,
                    signed.display_name(),
                    signed.issuer,
                    index + 2,
                    next.display_name()
                )
            })
            .collect()
    };
    for message in messages {
        check.push(TlsField::Certificate, Severity::Error, message);
    }
    false
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::problem::has_errors;
    use proptest::prelude::*;

    pub(crate) const RSA_CRT: &str = include_str!("../../test_fixtures/tls/rsa.crt");
    pub(crate) const RSA_KEY: &str = include_str!("../../test_fixtures/tls/rsa.pkcs1.key");
    pub(crate) const RSA_PKCS8: &str = include_str!("../../test_fixtures/tls/rsa.pkcs8.key");
    pub(crate) const OTHER_KEY: &str = include_str!("../../test_fixtures/tls/other.key");
    pub(crate) const EC_CRT: &str = include_str!("../../test_fixtures/tls/ec.crt");
    pub(crate) const EC_KEY: &str = include_str!("../../test_fixtures/tls/ec.sec1.key");
    pub(crate) const EC_NO_PUBLIC: &str = include_str!("../../test_fixtures/tls/ec.nopub.key");
    pub(crate) const ED_CRT: &str = include_str!("../../test_fixtures/tls/ed25519.crt");
    pub(crate) const ED_KEY_V1: &str = include_str!("../../test_fixtures/tls/ed25519.key");
    pub(crate) const ED_KEY_V2: &str = include_str!("../../test_fixtures/tls/ed25519.v2.key");
    pub(crate) const CA: &str = include_str!("../../test_fixtures/tls/ca.crt");
    pub(crate) const INTERMEDIATE: &str = include_str!("../../test_fixtures/tls/intermediate.crt");
    pub(crate) const LEAF: &str = include_str!("../../test_fixtures/tls/leaf.crt");
    pub(crate) const LEAF_KEY: &str = include_str!("../../test_fixtures/tls/leaf.key");
    pub(crate) const CHAIN: &str = include_str!("../../test_fixtures/tls/chain.crt");
    pub(crate) const EXPIRED: &str = include_str!("../../test_fixtures/tls/expired.crt");
    pub(crate) const BAG: &str = include_str!("../../test_fixtures/tls/bag.pem");
    pub(crate) const ENCRYPTED: &str = include_str!("../../test_fixtures/tls/encrypted.pkcs8.key");

    /// 2027-01-15T08:00:00Z: after every fixture's notBefore (2026-11-27).
    pub(crate) const NOW: i64 = 1_800_000_000;
    pub(crate) const DAY: i64 = 86_400;
    pub(crate) const RSA_SUBJECT: &str =
        "CN=myapp.example.com, O=Acme, OU=Platform, C=US, ST=California, L=San Francisco";

    pub(crate) fn check(cert: &str, key: &str) -> TlsCheck {
        check_tls(cert.as_bytes(), key.as_bytes(), NOW)
    }

    pub(crate) fn problems(check: &TlsCheck) -> Vec<(TlsField, Severity, &str)> {
        check
            .problems
            .iter()
            .map(|p| (p.field, p.severity, p.message.as_str()))
            .collect()
    }

    use Severity::{Error, Warning};
    use TlsField::{Certificate, Key};

    #[test]
    fn matching_pairs_pass() {
        for (cert, key) in [
            (RSA_CRT, RSA_KEY),
            (RSA_CRT, RSA_PKCS8),
            (EC_CRT, EC_KEY),
            (ED_CRT, ED_KEY_V2),
            (CHAIN, LEAF_KEY),
        ] {
            let result = check(cert, key);
            assert_eq!(problems(&result), [], "{cert}");
            assert!(result.key.is_some());
        }
        let chain = check(&format!("{CHAIN}{CA}"), LEAF_KEY);
        assert_eq!(problems(&chain), []);
        assert_eq!(chain.chain.len(), 3);
        assert_eq!(chain.chain[0].subject, "CN=leaf.example.com");
        assert_eq!(chain.key.unwrap().key_label(), "EC P-256");
    }

    #[test]
    fn missing_or_unreadable_fields() {
        let result = check("", " \n");
        assert_eq!(
            problems(&result),
            [
                (Certificate, Error, "no certificate found"),
                (Key, Error, "no private key found")
            ]
        );
        assert!(has_errors(&result.problems));
        assert_eq!(
            problems(&check(
                "some words",
                "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
            )),
            [
                (Certificate, Error, "no PEM block found"),
                (Key, Error, "no private key found")
            ]
        );
        let truncated = &RSA_CRT[..RSA_CRT.len() - 40];
        assert_eq!(
            problems(&check(truncated, RSA_KEY)),
            [(
                Certificate,
                Error,
                "the PEM block 'CERTIFICATE' is cut off: no END line"
            )]
        );
        let truncated_key = &RSA_KEY[..300];
        assert_eq!(
            problems(&check(RSA_CRT, truncated_key)),
            [(
                Key,
                Error,
                "the PEM block 'RSA PRIVATE KEY' is cut off: no END line"
            )]
        );
    }

    #[test]
    fn certificate_that_is_not_der() {
        // Valid base64 of bytes that are not a certificate.
        let cert = "-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n";
        let result = check(cert, RSA_KEY);
        assert_eq!(
            problems(&result),
            [(
                Certificate,
                Error,
                "certificate 1: not a valid X.509 certificate: expected SEQUENCE, found INTEGER"
            )]
        );
        assert!(result.chain.is_empty());
        assert!(result.key.is_some());
    }

    #[test]
    fn key_in_the_certificate_field() {
        // `openssl pkcs12 -nodes` output: the certificate, then the key.
        assert_eq!(
            problems(&check(BAG, RSA_KEY)),
            [(
                Certificate,
                Error,
                "block 2 is a private key ('PRIVATE KEY'), not a certificate: \
                 the key belongs in tls.key, never with the certificates"
            )]
        );
        let csr = "-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n";
        assert_eq!(
            problems(&check_certificates(csr.as_bytes(), NOW)),
            [(
                Certificate,
                Error,
                "block 1 is a 'CERTIFICATE REQUEST', not a certificate"
            )]
        );
    }

    #[test]
    fn chain_out_of_order() {
        let reversed = check(&format!("{CA}{INTERMEDIATE}{LEAF}"), LEAF_KEY);
        assert_eq!(
            problems(&reversed),
            [(
                    Certificate,
                    Error,
                    "the certificates are in reverse order: the leaf certificate (CN=leaf.example.com) \
                     must come first, then each issuer after the certificate it signed"
            )]
        );
        // The key is not compared while the leaf is not where it belongs.
        assert!(reversed.key.is_some());
        assert_eq!(
            problems(&check(&format!("{LEAF}{CA}{INTERMEDIATE}"), LEAF_KEY)),
            [
                (
                    Certificate,
                    Error,
                    "the chain is out of order: certificate 1 (CN=leaf.example.com) was issued by \
                     CN=Keyhole Test Intermediate CA, O=Keyhole, but certificate 2 is CN=Keyhole Test Root CA, O=Keyhole; \
                     the leaf certificate must come first, then each issuer right after the certificate it signed"
                ),
                (
                    Certificate,
                    Error,
                    "the chain is out of order: certificate 2 (CN=Keyhole Test Root CA, O=Keyhole) was issued by \
                     CN=Keyhole Test Root CA, O=Keyhole, but certificate 3 is CN=Keyhole Test Intermediate CA, O=Keyhole; \
                     the leaf certificate must come first, then each issuer right after the certificate it signed"
                )
            ]
        );
        // A CA bundle is not a chain: no order check without the key.
        assert_eq!(
            problems(&check_certificates(format!("{CA}{EC_CRT}").as_bytes(), NOW)),
            []
        );
    }

    #[test]
    fn dates_are_warnings() {
        // `expired.crt` carries the RSA fixture's key.
        let expired = check(EXPIRED, RSA_KEY);
        assert_eq!(
            problems(&expired),
            [(
                Certificate,
                Warning,
                "the certificate for CN=expired.example.com expired on 2021-01-01 (2205 days ago)"
            )]
        );
        assert!(!has_errors(&expired.problems));

        // notBefore 2026-11-27T13:19:23Z
        let early = check_tls(RSA_CRT.as_bytes(), RSA_KEY.as_bytes(), 1_700_000_000);
        let message = format!(
            "the certificate for {RSA_SUBJECT} is not valid until 2026-11-27 (in 1108 days)"
        );
        assert_eq!(problems(&early), [(Certificate, Warning, message.as_str())]);

        // notAfter 2126-11-03T13:19:25Z
        let late = check_tls(
            CHAIN.as_bytes(),
            LEAF_KEY.as_bytes(),
            4_949_385_565 - 12 * DAY - 60,
        );
        assert_eq!(
            problems(&late),
            [
                (Certificate, Warning, "certificate 1 (CN=leaf.example.com) expires on 2126-11-03 (in 12 days)"),
                (
                    Certificate,
                    Warning,
                    "certificate 2 (CN=Keyhole Test Intermediate CA, O=Keyhole) expires on 2126-11-03 (in 12 days)"
                )
            ]
        );

        let bundle = check_certificates(format!("{CA}{EXPIRED}").as_bytes(), NOW);
        assert_eq!(
            problems(&bundle),
            [(
                Certificate,
                Warning,
                "certificate 2 (CN=expired.example.com) expired on 2021-01-01 (2205 days ago)"
            )]
        );
        assert_eq!(bundle.chain.len(), 2);
        assert_eq!(bundle.key, None);
    }

    #[test]
    fn reexported_expiry() {
        assert_eq!(expiry(0, 100 * DAY, 0).badge_text(), "valid, 100 days left");
    }

    fn mangle(
        text: &str,
        cut: prop::sample::Index,
        flips: &[(prop::sample::Index, u8)],
    ) -> (Vec<u8>, Vec<u8>) {
        let truncated = text.as_bytes()[..cut.index(text.len())].to_vec();
        let mut flipped = text.as_bytes().to_vec();
        for (at, byte) in flips {
            let at = at.index(flipped.len());
            flipped[at] ^= byte;
        }
        (truncated, flipped)
    }

    /// Every base64 line of every key fixture, none of which a message may quote.
    fn key_lines() -> Vec<&'static str> {
        [RSA_KEY, RSA_PKCS8, OTHER_KEY, EC_KEY, LEAF_KEY, ED_KEY_V2]
            .iter()
            .flat_map(|key| key.lines())
            .filter(|line| !line.starts_with("-----") && line.len() >= 16)
            .collect()
    }

    proptest! {
        #[test]
        fn never_panics_on_bytes(
            cert in proptest::collection::vec(any::<u8>(), 0..300),
            key in proptest::collection::vec(any::<u8>(), 0..300),
            now in any::<i64>(),
        ) {
            let _ = check_tls(&cert, &key, now);
            let _ = check_certificates(&cert, now);
        }

        /// Truncated fixtures, and fixtures with bytes flipped inside their
        /// DER (the base64 is re-encoded so the damage reaches the parsers).
        #[test]
        fn never_panics_on_mangled_fixtures(
            pair in prop::sample::select(vec![(RSA_CRT, RSA_KEY), (CHAIN, LEAF_KEY), (EC_CRT, EC_KEY), (ED_CRT, ED_KEY_V2), (RSA_CRT, RSA_PKCS8)]),
            cut in any::<prop::sample::Index>(),
            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
            now in any::<i64>(),
        ) {
            let (cert, key) = pair;
            let (cert_cut, cert_flipped) = mangle(cert, cut, &flips);
            let (key_cut, key_flipped) = mangle(key, cut, &flips);
            let lines = key_lines();
            for (c, k) in [(&cert_cut, &key_cut), (&cert_flipped, &key_flipped), (&reencode(cert, &flips), &reencode(key, &flips))] {
                let result = check_tls(c, k, now);
                for problem in &result.problems {
                    prop_assert!(!lines.iter().any(|line| problem.message.contains(line)));
                }
            }
        }
    }

    /// The PEM of `text` with bytes of each block's DER flipped.
    fn reencode(text: &str, flips: &[(prop::sample::Index, u8)]) -> Vec<u8> {
        use base64::Engine;
        let mut out = String::new();
        for mut block in parse_pem(text.as_bytes()).unwrap() {
            for (at, byte) in flips {
                let at = at.index(block.der.len());
                block.der[at] ^= byte;
            }
            let encoded = base64::engine::general_purpose::STANDARD.encode(&block.der);
            out.push_str(&format!(
                "-----BEGIN {}-----\n{encoded}\n-----END {}-----\n",
                block.label, block.label
            ));
        }
        out.into_bytes()
    }
}
