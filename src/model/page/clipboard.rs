//! What becomes of a copied secret value: Keyhole empties the clipboard after
//! [`CLEAR_AFTER`] if it still holds that value and the browser lets Keyhole
//! read the clipboard back; otherwise the user is told the value stays.

use std::time::Duration;

/// How long a copied value may stay in the clipboard (as long as a revealed
/// value stays on screen).
pub const CLEAR_AFTER: Duration = Duration::from_secs(30);

/// Whether Keyhole will be able to check and clear the clipboard later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClipboardAccess {
    /// The browser has granted reading the clipboard: Keyhole can tell its
    /// own value from something the user copied since, and clear only its own.
    CanClear,
    /// Reading is refused or would prompt: clearing blindly could wipe
    /// something else the user copied since, so Keyhole leaves it alone.
    CannotClear,
}

impl ClipboardAccess {
    /// From the state of the `clipboard-read` permission (`granted`,
    /// `prompt`, `denied`), or `None` where the browser cannot say.
    pub fn from_permission_state(state: Option<&str>) -> Self {
        match state {
            Some("granted") => ClipboardAccess::CanClear,
            _ => ClipboardAccess::CannotClear,
        }
    }
}

/// The toast after copying the value of `key`.
pub fn copied_notice(key: &str, access: ClipboardAccess) -> String {
    let seconds = CLEAR_AFTER.as_secs();
    match access {
        ClipboardAccess::CanClear => format!(
            "Copied the value of {key}. Keyhole empties the clipboard in {seconds} s if it still holds it."
        ),
        ClipboardAccess::CannotClear => format!(
            "Copied the value of {key}. It stays in the clipboard until you copy something else: this browser does not let Keyhole clear it."
        ),
    }
}

/// What to do when the time is up, from what the clipboard holds now
/// (`None`: the browser refused to read it, e.g. the tab is not focused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AtExpiry {
    /// Still our value: empty the clipboard.
    Clear,
    /// The user copied something else since: that is theirs, leave it.
    LeaveAlone,
    /// Could not look: tell the user the value may still be there.
    CouldNotCheck,
}

pub fn at_expiry(now_holds: Option<&str>, copied: &str) -> AtExpiry {
    match now_holds {
        Some(text) if text == copied => AtExpiry::Clear,
        Some(_) => AtExpiry::LeaveAlone,
        None => AtExpiry::CouldNotCheck,
    }
}

/// The toast for an expiry that needs one (`None`: nothing worth saying).
pub fn expiry_notice(key: &str, outcome: &AtExpiry, cleared: bool) -> Option<String> {
    match outcome {
        AtExpiry::Clear if cleared => Some(format!(
            "Emptied the clipboard: it no longer holds the value of {key}."
        )),
        AtExpiry::LeaveAlone => None,
        AtExpiry::Clear | AtExpiry::CouldNotCheck => Some(format!(
            "Keyhole could not empty the clipboard: it may still hold the value of {key}."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_granted_read_lets_keyhole_clear() {
        assert_eq!(
            ClipboardAccess::from_permission_state(Some("granted")),
            ClipboardAccess::CanClear
        );
        for state in [Some("prompt"), Some("denied"), None] {
            assert_eq!(
                ClipboardAccess::from_permission_state(state),
                ClipboardAccess::CannotClear
            );
        }
    }

    #[test]
    fn the_copy_toast_says_what_will_happen() {
        let can = copied_notice("password", ClipboardAccess::CanClear);
        assert!(can.contains("empties the clipboard in 30 s"), "{can}");
        let cannot = copied_notice("password", ClipboardAccess::CannotClear);
        assert!(cannot.contains("stays in the clipboard"), "{cannot}");
        assert!(can.contains("password") && cannot.contains("password"));
    }

    #[test]
    fn only_our_own_value_is_cleared() {
        assert_eq!(at_expiry(Some("s3"), "s3"), AtExpiry::Clear);
        assert_eq!(at_expiry(Some("other"), "s3"), AtExpiry::LeaveAlone);
        assert_eq!(at_expiry(Some(""), "s3"), AtExpiry::LeaveAlone);
        assert_eq!(at_expiry(None, "s3"), AtExpiry::CouldNotCheck);
    }

    #[test]
    fn expiry_toasts_name_the_key_and_say_what_happened() {
        for (outcome, cleared) in [
            (AtExpiry::Clear, true),
            (AtExpiry::Clear, false),
            (AtExpiry::CouldNotCheck, false),
        ] {
            let text = expiry_notice("password", &outcome, cleared).unwrap();
            assert!(text.contains("password"));
        }
        assert_eq!(expiry_notice("k", &AtExpiry::LeaveAlone, false), None);
        assert!(expiry_notice("k", &AtExpiry::Clear, false)
            .unwrap()
            .contains("could not"));
    }
}
