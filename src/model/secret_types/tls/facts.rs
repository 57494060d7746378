//! Certificates as the typed views show them: one card per certificate
//! (who, issued by whom, key, dates, days left, a badge) and, for a
//! `kubernetes.io/tls` Secret, whether `tls.key` belongs to the leaf.
//!
//! Everything here is public information about a certificate or a key;
//! the private key itself only ever reaches [`tls_overview`] as bytes that
//! `check_tls` reads for its public half.

use crate::model::list::age::format_rfc3339;
use crate::model::pki::x509::CertificateSummary;
use crate::model::problem::Severity;
use crate::model::secret_types::tls::check::{check_certificates, check_tls, TlsCheck, TlsField};
use crate::model::secret_types::tls::expiry::{expiry, Expiry};

const DAY: i64 = 86_400;

/// Where a certificate stands, as a badge state (one CSS class each).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpiryState {
    Expired,
    NotYetValid,
    ExpiresSoon,
    Valid,
}

impl ExpiryState {
    pub fn of(expiry: Expiry) -> Self {
        match expiry {
            Expiry::Expired { .. } => ExpiryState::Expired,
            Expiry::NotYetValid { .. } => ExpiryState::NotYetValid,
            Expiry::ExpiresSoon { .. } => ExpiryState::ExpiresSoon,
            Expiry::Valid { .. } => ExpiryState::Valid,
        }
    }

    /// `expired`, `not-yet-valid`, `expiring`, `valid`: for `data-state`.
    pub fn name(self) -> &'static str {
        match self {
            ExpiryState::Expired => "expired",
            ExpiryState::NotYetValid => "not-yet-valid",
            ExpiryState::ExpiresSoon => "expiring",
            ExpiryState::Valid => "valid",
        }
    }

    /// The badge's modifier class: `cert-badge-expired`, …
    pub fn class(self) -> &'static str {
        match self {
            ExpiryState::Expired => "cert-badge-expired",
            ExpiryState::NotYetValid => "cert-badge-not-yet-valid",
            ExpiryState::ExpiresSoon => "cert-badge-expiring",
            ExpiryState::Valid => "cert-badge-valid",
        }
    }
}

/// One certificate, ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertFacts {
    pub subject: String,
    pub issuer: String,
    pub sans: Vec<String>,
    pub serial: String,
    /// `RSA 2048`, `EC P-256`, `Ed25519`.
    pub key: String,
    pub signature_algorithm: String,
    /// `leaf`, `intermediate CA`, `root CA` or `self-signed`.
    pub role: &'static str,
    /// RFC 3339, UTC.
    pub not_before: String,
    pub not_after: String,
    /// Unix seconds, for sorting.
    pub not_after_unix: i64,
    /// Whole days until `not_after`, rounded down; negative once expired.
    pub days_left: i64,
    /// `12`, or `none (expired 3 days ago)`, or `40 (valid from 2025-01-02)`.
    pub days_left_text: String,
    pub state: ExpiryState,
    /// `expired`, `not yet valid`, `expires in 12 days`, `valid, 300 days left`.
    pub badge: String,
}

pub fn cert_facts(certificate: &CertificateSummary, now: i64) -> CertFacts {
    let standing = expiry(certificate.not_before, certificate.not_after, now);
    let days_left = certificate.not_after.saturating_sub(now).div_euclid(DAY);
    let days_left_text = match standing {
        Expiry::Expired { days_ago: 0 } => "none (expired today)".to_owned(),
        Expiry::Expired { days_ago: 1 } => "none (expired 1 day ago)".to_owned(),
        Expiry::Expired { days_ago } => format!("none (expired {days_ago} days ago)"),
        Expiry::NotYetValid { .. } => format!(
            "{days_left} (valid from {})",
            format_rfc3339(certificate.not_before)
        ),
        Expiry::ExpiresSoon { days_left } | Expiry::Valid { days_left } => days_left.to_string(),
    };
    CertFacts {
        subject: certificate.display_name(),
        issuer: certificate.issuer.clone(),
        sans: certificate.sans.clone(),
        serial: certificate.serial.clone(),
        key: certificate.key_label(),
        signature_algorithm: certificate.signature_algorithm.clone(),
        role: role(certificate),
        not_before: format_rfc3339(certificate.not_before),
        not_after: format_rfc3339(certificate.not_after),
        not_after_unix: certificate.not_after,
        days_left,
        days_left_text,
        state: ExpiryState::of(standing),
        badge: standing.badge_text(),
    }
}

fn role(certificate: &CertificateSummary) -> &'static str {
    let self_signed = certificate.subject_der == certificate.issuer_der;
    match (certificate.is_ca, self_signed) {
        (true, true) => "root CA",
        (true, false) => "intermediate CA",
        (false, true) => "self-signed",
        (false, false) => "leaf",
    }
}

/// Whether `tls.key` belongs to the leaf certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyMatch {
    /// It does; the key's kind, e.g. `EC P-256 (SEC1)`.
    Matches(String),
    /// The key could be read but not compared (it lacks its public half).
    Unverified,
    /// The key is missing, unreadable, encrypted or someone else's; the
    /// problems say which.
    Problem,
    /// The certificates could not be read in order, so there is no leaf to
    /// compare with.
    NotChecked,
}

impl KeyMatch {
    pub fn text(&self) -> String {
        match self {
            KeyMatch::Matches(key) => format!("tls.key ({key}) matches the leaf certificate"),
            KeyMatch::Unverified => {
                "whether tls.key matches the leaf certificate cannot be checked".into()
            }
            KeyMatch::Problem => "tls.key does not fit the certificate (see below)".into(),
            KeyMatch::NotChecked => {
                "tls.key was not compared: the certificates could not be read in order".into()
            }
        }
    }

    pub fn is_ok(&self) -> bool {
        matches!(self, KeyMatch::Matches(_))
    }
}

/// A problem message, with the field it concerns in front.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub is_error: bool,
    pub text: String,
}

/// Everything the TLS view shows, from `tls.crt` and `tls.key`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsOverview {
    /// As stored: leaf first when the chain is in order.
    pub certificates: Vec<CertFacts>,
    pub key: KeyMatch,
    pub findings: Vec<Finding>,
}

pub fn tls_overview(cert_pem: &[u8], key_pem: &[u8], now: i64) -> TlsOverview {
    let check = check_tls(cert_pem, key_pem, now);
    let key = key_match(&check);
    TlsOverview {
        certificates: check.chain.iter().map(|c| cert_facts(c, now)).collect(),
        key,
        findings: findings(&check, "tls.crt", "tls.key"),
    }
}

/// A CA bundle (`ca.crt` of a service-account token): cards and findings,
/// without a key or an order to check.
pub fn bundle_overview(field: &str, cert_pem: &[u8], now: i64) -> (Vec<CertFacts>, Vec<Finding>) {
    let check = check_certificates(cert_pem, now);
    (
        check.chain.iter().map(|c| cert_facts(c, now)).collect(),
        findings(&check, field, ""),
    )
}

fn key_match(check: &TlsCheck) -> KeyMatch {
    let about_key = |severity| {
        check
            .problems
            .iter()
            .any(|p| p.field == TlsField::Key && p.severity == severity)
    };
    let chain_broken = check.chain.is_empty()
        || check
            .problems
            .iter()
            .any(|p| p.field == TlsField::Certificate && p.is_error());
    match &check.key {
        _ if about_key(Severity::Error) => KeyMatch::Problem,
        None => KeyMatch::Problem,
        Some(_) if chain_broken => KeyMatch::NotChecked,
        Some(_) if about_key(Severity::Warning) => KeyMatch::Unverified,
        Some(key) => KeyMatch::Matches(format!("{}, {}", key.key_label(), key.format.label())),
    }
}

fn findings(check: &TlsCheck, cert_field: &str, key_field: &str) -> Vec<Finding> {
    check
        .problems
        .iter()
        .map(|p| Finding {
            is_error: p.is_error(),
            text: format!(
                "{}: {}",
                match p.field {
                    TlsField::Certificate => cert_field,
                    TlsField::Key => key_field,
                },
                p.message
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::secret_types::tls::check::tests::{
        CA, EC_CRT, EC_KEY, EC_NO_PUBLIC, INTERMEDIATE, LEAF, OTHER_KEY, RSA_CRT, RSA_KEY,
    };

    const LEAF_KEY: &str = include_str!("../../test_fixtures/tls/leaf.key");
    const EXPIRED: &str = include_str!("../../test_fixtures/tls/expired.crt");
    // 2027-01-01T00:00:00Z: every fixture but the expired one is valid for decades.
    const NOW: i64 = 1_798_761_600;

    #[test]
    fn a_self_signed_pair_matches() {
        let overview = tls_overview(RSA_CRT.as_bytes(), RSA_KEY.as_bytes(), NOW);
        assert_eq!(overview.key, KeyMatch::Matches("RSA 2048, PKCS#1".into()));
        assert!(overview.key.is_ok());
        assert_eq!(overview.findings, vec![]);
        let [cert] = overview.certificates.as_slice() else {
            panic!("one certificate")
        };
        assert!(cert.subject.starts_with("CN=myapp.example.com, O=Acme"));
        assert_eq!(cert.serial, "01:A3:F2");
        assert_eq!(cert.key, "RSA 2048");
        assert_eq!(cert.role, "self-signed");
        assert_eq!(cert.state, ExpiryState::Valid);
        assert!(cert.sans.contains(&"DNS:*.myapp.example.com".to_owned()));
        assert_eq!(cert.days_left_text, cert.days_left.to_string());
        assert!(cert.not_after.ends_with('Z'));
    }

    #[test]
    fn a_chain_reads_leaf_first_with_roles() {
        let chain = format!("{LEAF}{INTERMEDIATE}{CA}");
        let overview = tls_overview(chain.as_bytes(), LEAF_KEY.as_bytes(), NOW);
        let roles: Vec<_> = overview.certificates.iter().map(|c| c.role).collect();
        assert_eq!(roles, ["leaf", "intermediate CA", "root CA"]);
        assert_eq!(overview.certificates[0].subject, "CN=leaf.example.com");
        assert_eq!(overview.certificates[0].key, "EC P-256");
        assert!(overview.key.is_ok(), "{:?}", overview.findings);
    }

    #[test]
    fn someone_elses_key_is_a_problem_named_by_field() {
        let overview = tls_overview(RSA_CRT.as_bytes(), OTHER_KEY.as_bytes(), NOW);
        assert_eq!(overview.key, KeyMatch::Problem);
        assert_eq!(overview.findings.len(), 1);
        assert!(overview.findings[0].is_error);
        assert!(overview.findings[0]
            .text
            .starts_with("tls.key: the private key does not match"));
    }

    #[test]
    fn a_key_without_its_public_half_is_unverified() {
        let overview = tls_overview(EC_CRT.as_bytes(), EC_NO_PUBLIC.as_bytes(), NOW);
        assert_eq!(overview.key, KeyMatch::Unverified);
        let overview = tls_overview(EC_CRT.as_bytes(), EC_KEY.as_bytes(), NOW);
        assert_eq!(overview.key, KeyMatch::Matches("EC P-256, SEC1".into()));
    }

    #[test]
    fn unreadable_certificates_leave_the_key_unchecked() {
        let overview = tls_overview(b"not pem at all", RSA_KEY.as_bytes(), NOW);
        assert_eq!(overview.key, KeyMatch::NotChecked);
        assert!(overview.certificates.is_empty());
        assert!(overview.findings[0].text.starts_with("tls.crt: "));
        let overview = tls_overview(RSA_CRT.as_bytes(), b"", NOW);
        assert_eq!(overview.key, KeyMatch::Problem);
        assert_eq!(overview.findings[0].text, "tls.key: no private key found");
    }

    #[test]
    fn an_expired_certificate_has_no_days_left() {
        let overview = tls_overview(EXPIRED.as_bytes(), RSA_KEY.as_bytes(), NOW);
        let cert = &overview.certificates[0];
        assert_eq!(cert.state, ExpiryState::Expired);
        assert_eq!(cert.badge, "expired");
        assert_eq!(cert.not_after, "2021-01-01T00:00:00Z");
        // 2021-01-01 .. 2027-01-01 is 2191 days.
        assert_eq!(cert.days_left, -2191);
        assert_eq!(cert.days_left_text, "none (expired 2191 days ago)");
        assert_eq!(cert.state.class(), "cert-badge-expired");
        assert_eq!(cert.state.name(), "expired");
        assert!(overview.findings.iter().any(|f| !f.is_error
            && f.text
                == "tls.crt: the certificate for CN=expired.example.com expired on 2021-01-01 (2191 days ago)"));
    }

    #[test]
    fn states_near_the_end() {
        let cert = crate::model::pki::x509::parse_certificate(
            &crate::model::pki::pem::parse_pem(EXPIRED.as_bytes()).unwrap()[0].der,
        )
        .unwrap();
        let at = |now| cert_facts(&cert, now);
        let end = cert.not_after;
        assert_eq!(at(end - 10 * DAY).state, ExpiryState::ExpiresSoon);
        assert_eq!(at(end - 10 * DAY).badge, "expires in 10 days");
        assert_eq!(at(end - 10 * DAY).days_left, 10);
        assert_eq!(at(end - 40 * DAY).state, ExpiryState::Valid);
        assert_eq!(at(end + 1).days_left, -1);
        assert_eq!(at(end + 1).days_left_text, "none (expired today)");
        assert_eq!(at(end + DAY + 1).days_left_text, "none (expired 1 day ago)");
        let early = at(cert.not_before - 1);
        assert_eq!(early.state, ExpiryState::NotYetValid);
        assert_eq!(
            early.days_left_text,
            "366 (valid from 2020-01-01T00:00:00Z)"
        );
    }

    #[test]
    fn a_bundle_names_its_field() {
        let (cards, findings) = bundle_overview("ca.crt", CA.as_bytes(), NOW);
        assert_eq!(cards.len(), 1);
        assert_eq!(cards[0].role, "root CA");
        assert!(findings.is_empty());
        let (cards, findings) = bundle_overview("ca.crt", b"", NOW);
        assert!(cards.is_empty());
        assert_eq!(findings[0].text, "ca.crt: no certificate found");
    }
}
