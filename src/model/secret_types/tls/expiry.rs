//! Where a certificate stands in its validity period, as a badge
//! (`expires in 12 days`) and as a warning sentence with the date.
//!
//! Days are whole days rounded down, so "in 0 days" reads "today".

use crate::model::list::age::format_rfc3339;

/// A certificate with fewer days left than this gets a warning.
pub const EXPIRY_WARNING_DAYS: i64 = 30;
const DAY: i64 = 86_400;

/// Where a certificate stands in its validity period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiry {
    Expired {
        days_ago: i64,
    },
    NotYetValid {
        days_until: i64,
    },
    /// Fewer than [`EXPIRY_WARNING_DAYS`] days left.
    ExpiresSoon {
        days_left: i64,
    },
    Valid {
        days_left: i64,
    },
}

/// Days are whole days, rounded down. A certificate is valid from
/// `not_before` through `not_after` inclusive (RFC 5280).
pub fn expiry(not_before: i64, not_after: i64, now: i64) -> Expiry {
    if now < not_before {
        Expiry::NotYetValid {
            days_until: not_before.saturating_sub(now) / DAY,
        }
    } else if now > not_after {
        Expiry::Expired {
            days_ago: now.saturating_sub(not_after) / DAY,
        }
    } else {
        let days_left = not_after.saturating_sub(now) / DAY;
        if days_left < EXPIRY_WARNING_DAYS {
            Expiry::ExpiresSoon { days_left }
        } else {
            Expiry::Valid { days_left }
        }
    }
}

impl Expiry {
    /// `expired`, `not yet valid`, `expires in 12 days`, `valid, 300 days left`.
    pub fn badge_text(&self) -> String {
        match *self {
            Expiry::Expired { .. } => "expired".into(),
            Expiry::NotYetValid { .. } => "not yet valid".into(),
            Expiry::ExpiresSoon { days_left } => format!("expires {}", in_days_text(days_left)),
            Expiry::Valid { days_left } => format!("valid, {days_left} days left"),
        }
    }
}

/// `{who} expired on 2025-01-02 (30 days ago)`, `… is not valid until …`,
/// `… expires on … (in 12 days)`, or nothing while comfortably valid.
pub fn expiry_warning(who: &str, not_before: i64, not_after: i64, now: i64) -> Option<String> {
    Some(match expiry(not_before, not_after, now) {
        Expiry::Expired { days_ago } => format!(
            "{who} expired on {} ({})",
            date(not_after),
            days_ago_text(days_ago)
        ),
        Expiry::NotYetValid { days_until } => format!(
            "{who} is not valid until {} ({})",
            date(not_before),
            in_days_text(days_until)
        ),
        Expiry::ExpiresSoon { days_left } => format!(
            "{who} expires on {} ({})",
            date(not_after),
            in_days_text(days_left)
        ),
        Expiry::Valid { .. } => return None,
    })
}

/// `2025-01-02`
fn date(unix_seconds: i64) -> String {
    let text = format_rfc3339(unix_seconds);
    text.get(..10).unwrap_or(&text).to_owned()
}

fn days_ago_text(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "1 day ago".into(),
        n => format!("{n} days ago"),
    }
}

fn in_days_text(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "in 1 day".into(),
        n => format!("in {n} days"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2025-01-01T00:00:00Z .. 2026-01-01T00:00:00Z
    const FROM: i64 = 1_735_689_600;
    const UNTIL: i64 = 1_767_225_600;

    #[test]
    fn periods_and_badges() {
        let at = |now| expiry(FROM, UNTIL, now);
        assert_eq!(at(FROM - 1), Expiry::NotYetValid { days_until: 0 });
        assert_eq!(at(FROM - 3 * DAY), Expiry::NotYetValid { days_until: 3 });
        assert_eq!(at(FROM), Expiry::Valid { days_left: 365 });
        assert_eq!(at(UNTIL - 30 * DAY), Expiry::Valid { days_left: 30 });
        assert_eq!(
            at(UNTIL - 30 * DAY + 1),
            Expiry::ExpiresSoon { days_left: 29 }
        );
        assert_eq!(at(UNTIL), Expiry::ExpiresSoon { days_left: 0 });
        assert_eq!(at(UNTIL + 1), Expiry::Expired { days_ago: 0 });
        assert_eq!(at(UNTIL + 30 * DAY), Expiry::Expired { days_ago: 30 });

        assert_eq!(at(UNTIL + 1).badge_text(), "expired");
        assert_eq!(at(FROM - 1).badge_text(), "not yet valid");
        assert_eq!(at(UNTIL - 12 * DAY).badge_text(), "expires in 12 days");
        assert_eq!(at(UNTIL - DAY).badge_text(), "expires in 1 day");
        assert_eq!(at(UNTIL - 60).badge_text(), "expires today");
        assert_eq!(at(UNTIL - 300 * DAY).badge_text(), "valid, 300 days left");
    }

    #[test]
    fn warnings_carry_the_date() {
        let warn = |now| expiry_warning("the certificate", FROM, UNTIL, now);
        assert_eq!(
            warn(UNTIL + 30 * DAY).as_deref(),
            Some("the certificate expired on 2026-01-01 (30 days ago)")
        );
        assert_eq!(
            warn(UNTIL + DAY).as_deref(),
            Some("the certificate expired on 2026-01-01 (1 day ago)")
        );
        assert_eq!(
            warn(UNTIL + 5).as_deref(),
            Some("the certificate expired on 2026-01-01 (today)")
        );
        assert_eq!(
            warn(FROM - 5 * DAY).as_deref(),
            Some("the certificate is not valid until 2025-01-01 (in 5 days)")
        );
        assert_eq!(
            warn(UNTIL - 12 * DAY).as_deref(),
            Some("the certificate expires on 2026-01-01 (in 12 days)")
        );
        assert_eq!(warn(FROM), None);
    }
}
