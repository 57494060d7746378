//! Ages the way `kubectl get` prints them (`45s`, `5m30s`, `3h`, `400d`,
//! `2y10d`), from RFC 3339 timestamps, without a date library: the apiserver
//! only ever sends `2026-11-27T10:00:00Z`, which a few lines can read.

/// The AGE column for an object created at `created_rfc3339`, seen at
/// `now_unix_seconds`; `<unknown>` when the timestamp cannot be read.
pub fn age_label(created_rfc3339: &str, now_unix_seconds: i64) -> String {
    match parse_rfc3339(created_rfc3339) {
        Some(created) => human_duration(now_unix_seconds.saturating_sub(created)),
        None => "<unknown>".into(),
    }
}

/// Mirrors `k8s.io/apimachinery/pkg/util/duration.HumanDuration`: more detail
/// while it matters (`5m30s`, `3h20m`, `2d5h`), less as things get old.
/// Clocks a second apart read `0s` rather than a negative age.
pub fn human_duration(seconds: i64) -> String {
    if seconds < -1 {
        return "<invalid>".into();
    }
    if seconds < 0 {
        return "0s".into();
    }
    if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        return with_remainder(minutes, "m", seconds % 60, "s");
    }
    if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = seconds / 3600;
    if hours < 8 {
        return with_remainder(hours, "h", minutes % 60, "m");
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    let days = hours / 24;
    if hours < 24 * 8 {
        return with_remainder(days, "d", hours % 24, "h");
    }
    if hours < 24 * 365 * 2 {
        return format!("{days}d");
    }
    let years = days / 365;
    if hours < 24 * 365 * 8 {
        return with_remainder(years, "y", days % 365, "d");
    }
    format!("{years}y")
}

fn with_remainder(major: i64, major_unit: &str, minor: i64, minor_unit: &str) -> String {
    if minor == 0 {
        format!("{major}{major_unit}")
    } else {
        format!("{major}{major_unit}{minor}{minor_unit}")
    }
}

/// Reads an age printed by [`human_duration`] back into seconds (`5m30s` →
/// 330), for sorting rows whose creation time the list did not include.
pub fn parse_age(label: &str) -> Option<i64> {
    let mut total = 0i64;
    let mut number: Option<i64> = None;
    for c in label.chars() {
        if let Some(d) = c.to_digit(10) {
            number = Some(number.unwrap_or(0).checked_mul(10)?.checked_add(d as i64)?);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'y' => 365 * 86_400,
            _ => return None,
        };
        total = total.checked_add(number.take()?.checked_mul(unit)?)?;
    }
    // A trailing number without a unit is not an age.
    match number {
        None if !label.is_empty() => Some(total),
        _ => None,
    }
}

/// Seconds since the Unix epoch for `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    if !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let year = digits(&b[0..4])?;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    let hour = digits(&b[11..13])?;
    let minute = digits(&b[14..16])?;
    let second = digits(&b[17..19])?;
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }

    let mut rest = &b[19..];
    if rest.first() == Some(&b'.') {
        let frac = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if frac == 0 {
            return None;
        }
        rest = &rest[1 + frac..];
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (h, m) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
            if h > 23 || m > 59 {
                return None;
            }
            let offset = h * 3600 + m * 60;
            if *sign == b'-' {
                -offset
            } else {
                offset
            }
        }
        _ => return None,
    };
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// The creation time of a list row, worked out from the AGE cell the server
/// printed and the moment the row arrived: with `includeObject=None` a row
/// carries no timestamp, and a fixed cell would read `0s` forever.
pub fn created_from_age(age_cell: &str, received_at_unix_seconds: i64) -> Option<String> {
    parse_age(age_cell).map(|age| format_rfc3339(received_at_unix_seconds - age))
}

/// `2026-11-27T10:00:00Z` for a Unix time (UTC, whole seconds).
pub fn format_rfc3339(unix_seconds: i64) -> String {
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// The inverse of `days_from_civil` (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn digits(b: &[u8]) -> Option<i64> {
    b.iter().try_fold(0i64, |n, c| {
        c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0'))
    })
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_rfc3339() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2000-03-01T00:00:00Z"), Some(951_868_800));
        assert_eq!(parse_rfc3339("2026-11-27T10:00:00Z"), Some(1_795_773_600));
        assert_eq!(
            parse_rfc3339("2026-11-27T10:00:00.123456Z"),
            Some(1_795_773_600)
        );
        assert_eq!(
            parse_rfc3339("2026-11-27T12:30:00+02:30"),
            Some(1_795_773_600)
        );
        assert_eq!(
            parse_rfc3339("2026-11-27T05:00:00-05:00"),
            Some(1_795_773_600)
        );
        assert_eq!(parse_rfc3339("2024-02-29T00:00:00Z"), Some(1_709_164_800));
        for bad in [
            "",
            "2026-11-27",
            "2026-11-27T10:00:00",
            "2026-13-01T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-11-27T24:00:00Z",
            "2026-11-27T10:00:00.Z",
            "2026-11-27T10:00:00+0200",
            "２026-11-27T10:00:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn ages_like_kubectl() {
        let cases = [
            (-5, "<invalid>"),
            (-1, "0s"),
            (0, "0s"),
            (45, "45s"),
            (119, "119s"),
            (120, "2m"),
            (330, "5m30s"),
            (300, "5m"),
            (179 * 60, "179m"),
            (3 * 3600, "3h"),
            (3 * 3600 + 20 * 60, "3h20m"),
            (8 * 3600 + 59 * 60, "8h"),
            (47 * 3600, "47h"),
            (48 * 3600, "2d"),
            (53 * 3600, "2d5h"),
            (8 * 86_400, "8d"),
            (400 * 86_400, "400d"),
            (730 * 86_400, "2y"),
            (740 * 86_400, "2y10d"),
            (9 * 365 * 86_400, "9y"),
        ];
        for (seconds, label) in cases {
            assert_eq!(human_duration(seconds), label, "{seconds}");
        }
        assert_eq!(age_label("2026-11-27T10:00:00Z", 1_795_773_600 + 300), "5m");
        assert_eq!(age_label("yesterday", 0), "<unknown>");
    }

    #[test]
    fn reads_ages_back() {
        assert_eq!(parse_age("45s"), Some(45));
        assert_eq!(parse_age("5m30s"), Some(330));
        assert_eq!(parse_age("2y10d"), Some(740 * 86_400));
        for bad in ["", "<unknown>", "5", "m", "5x", "99999999999999999999y"] {
            assert_eq!(parse_age(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn printed_ages_read_back_in_order(a in 0i64..400_000_000, b in 0i64..400_000_000) {
            let (pa, pb) = (parse_age(&human_duration(a)).unwrap(), parse_age(&human_duration(b)).unwrap());
            prop_assert!(pa <= a);
            if a <= b {
                prop_assert!(pa <= pb);
            }
        }

        #[test]
        fn parsing_never_panics(s in "\\PC{0,40}") {
            let _ = parse_rfc3339(&s);
            let _ = parse_age(&s);
            let _ = age_label(&s, i64::MAX);
        }
    }

    #[test]
    fn formatting_round_trips_through_parsing() {
        for t in [0i64, 951_782_400, 1_795_000_000, 4_102_444_799, -86_400] {
            assert_eq!(parse_rfc3339(&format_rfc3339(t)), Some(t), "{t}");
        }
        assert_eq!(format_rfc3339(1_795_773_600), "2026-11-27T10:00:00Z");
    }

    #[test]
    fn creation_is_the_arrival_minus_the_printed_age() {
        let received = parse_rfc3339("2026-11-27T10:05:30Z").unwrap();
        assert_eq!(
            created_from_age("5m30s", received).as_deref(),
            Some("2026-11-27T10:00:00Z")
        );
        assert_eq!(
            age_label(&created_from_age("0s", received).unwrap(), received + 90),
            "90s"
        );
        assert_eq!(created_from_age("<unknown>", received), None);
    }

    proptest::proptest! {
        #[test]
        fn any_time_round_trips(t in -50_000_000_000i64..50_000_000_000i64) {
            proptest::prop_assert_eq!(parse_rfc3339(&format_rfc3339(t)), Some(t));
        }
    }
}
