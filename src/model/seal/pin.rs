//! Pinning the sealing certificate: the user checked a fingerprint once, and
//! Keyhole seals to that certificate from then on, saying so when the
//! controller's certificate differs (a renewed key, or another cluster).

use super::certificate::SealingCertificate;

/// The browser-storage key of the pinned certificate's PEM. A certificate is
/// public: it holds no value and no part of the proxy's path prefix.
pub const PIN_STORAGE_KEY: &str = "keyhole.sealing-certificate";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PinState {
    /// Nothing pinned yet.
    Unpinned,
    /// This is the pinned certificate.
    Pinned,
    /// Another certificate is pinned (its fingerprint).
    Differs { pinned: String },
}

pub fn pin_state(pinned: Option<&SealingCertificate>, shown: &SealingCertificate) -> PinState {
    match pinned {
        None => PinState::Unpinned,
        Some(p) if p.fingerprint == shown.fingerprint => PinState::Pinned,
        Some(p) => PinState::Differs {
            pinned: p.fingerprint.clone(),
        },
    }
}

impl PinState {
    /// The sentence under the certificate, if any.
    pub fn note(&self) -> Option<String> {
        match self {
            PinState::Unpinned => None,
            PinState::Pinned => Some("This is your pinned certificate.".into()),
            PinState::Differs { pinned } => Some(format!(
                "This is not the certificate you pinned ({pinned}). The controller may have renewed its key, or this is another cluster: compare the fingerprint before sealing."
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_fixtures::{RSA_CRT, SEALED_SECRETS_CRT};

    #[test]
    fn says_whether_the_shown_certificate_is_the_pinned_one() {
        let a = SealingCertificate::from_pem(RSA_CRT).unwrap();
        let b = SealingCertificate::from_pem(SEALED_SECRETS_CRT).unwrap();
        assert_eq!(pin_state(None, &a), PinState::Unpinned);
        assert_eq!(pin_state(Some(&a), &a), PinState::Pinned);
        let differs = pin_state(Some(&b), &a);
        assert!(differs.note().unwrap().contains(&b.fingerprint));
        assert_eq!(PinState::Unpinned.note(), None);
    }
}
