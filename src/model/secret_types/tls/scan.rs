//! The namespace's "check certificates" table: the leaf certificate of every
//! `kubernetes.io/tls` Secret, soonest expiry first, and what went wrong for
//! the ones that could not be read.
//!
//! Only the certificate is read; a row never holds the private key.

use crate::model::secret_types::tls::check::check_certificates;
use crate::model::secret_types::tls::facts::{cert_facts, CertFacts};

/// One Secret's line in the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertScanRow {
    pub name: String,
    /// The leaf certificate, or why it could not be read (not allowed, no
    /// `tls.crt`, not a certificate).
    pub leaf: Result<CertFacts, String>,
}

/// The first certificate of a `tls.crt` (the leaf, when the chain is in
/// order), or the first reason it cannot be read.
pub fn leaf_of(tls_crt: Option<&[u8]>, now: i64) -> Result<CertFacts, String> {
    let pem = tls_crt.ok_or_else(|| "the secret has no tls.crt".to_owned())?;
    let check = check_certificates(pem, now);
    match check.chain.first() {
        Some(leaf) => Ok(cert_facts(leaf, now)),
        None => Err(check
            .problems
            .iter()
            .find(|p| p.is_error())
            .map(|p| format!("tls.crt: {}", p.message))
            .unwrap_or_else(|| "tls.crt holds no certificate".into())),
    }
}

/// Soonest `not_after` first (expired ones lead), then the rows that could
/// not be read, each group by name.
pub fn sort_rows(rows: &mut [CertScanRow]) {
    rows.sort_by(|a, b| {
        let key = |row: &CertScanRow| match &row.leaf {
            Ok(facts) => (0, facts.not_after_unix),
            Err(_) => (1, 0),
        };
        key(a).cmp(&key(b)).then_with(|| a.name.cmp(&b.name))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::secret_types::tls::check::tests::{LEAF, RSA_CRT, RSA_KEY};

    const EXPIRED: &str = include_str!("../../test_fixtures/tls/expired.crt");
    const NOW: i64 = 1_798_761_600; // 2027-01-01

    fn row(name: &str, crt: Option<&str>) -> CertScanRow {
        CertScanRow {
            name: name.into(),
            leaf: leaf_of(crt.map(str::as_bytes), NOW),
        }
    }

    #[test]
    fn reads_the_first_certificate() {
        let chain = format!("{LEAF}{RSA_CRT}");
        let leaf = leaf_of(Some(chain.as_bytes()), NOW).unwrap();
        assert_eq!(leaf.subject, "CN=leaf.example.com");
    }

    #[test]
    fn says_why_there_is_no_leaf() {
        assert_eq!(leaf_of(None, NOW).unwrap_err(), "the secret has no tls.crt");
        assert_eq!(
            leaf_of(Some(b""), NOW).unwrap_err(),
            "tls.crt: no certificate found"
        );
        let key_only = leaf_of(Some(RSA_KEY.as_bytes()), NOW).unwrap_err();
        assert!(
            key_only.starts_with("tls.crt: block 1 is a private key"),
            "{key_only}"
        );
        assert!(!key_only.contains("MII"), "no key material in the message");
    }

    #[test]
    fn soonest_expiry_first_then_failures_by_name() {
        let mut rows = vec![
            row("zz-broken", Some("junk")),
            row("long-lived", Some(RSA_CRT)),
            row("aa-missing", None),
            row("expired", Some(EXPIRED)),
            row("also-long-lived", Some(RSA_CRT)),
        ];
        sort_rows(&mut rows);
        let names: Vec<_> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "expired",
                "also-long-lived",
                "long-lived",
                "aa-missing",
                "zz-broken"
            ]
        );
    }
}
