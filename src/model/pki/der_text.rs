//! The DER types that carry text: times (to Unix seconds, for validity
//! dates) and the string types of distinguished names (for display).

use crate::model::list::age::parse_rfc3339;
use crate::model::pki::der::{
    tag_name, BMP_STRING, GENERALIZED_TIME, IA5_STRING, NUMERIC_STRING, PRINTABLE_STRING,
    T61_STRING, UNIVERSAL_STRING, UTC_TIME, UTF8_STRING, VISIBLE_STRING,
};

/// Unix seconds for a UTCTime (`YYMMDDHHMMSSZ`, years 1950–2049 as RFC 5280
/// says) or a GeneralizedTime (`YYYYMMDDHHMMSS[.fff]Z`).
pub fn time_to_unix(tag: u8, value: &[u8]) -> Result<i64, String> {
    let invalid = || format!("invalid {}", tag_name(tag));
    let (year, rest) = match tag {
        UTC_TIME => {
            let (yy, rest) = value.split_at_checked(2).ok_or_else(invalid)?;
            let yy = decimal(yy).ok_or_else(invalid)?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, rest)
        }
        GENERALIZED_TIME => {
            let (yyyy, rest) = value.split_at_checked(4).ok_or_else(invalid)?;
            (decimal(yyyy).ok_or_else(invalid)?, rest)
        }
        _ => return Err(format!("expected a time, found {}", tag_name(tag))),
    };
    let (fields, zone) = rest.split_at_checked(10).ok_or_else(invalid)?;
    let zone_ok = match zone {
        [b'Z'] => true,
        [b'.', fraction @ .., b'Z'] if tag == GENERALIZED_TIME => {
            !fraction.is_empty() && fraction.iter().all(u8::is_ascii_digit)
        }
        _ => false,
    };
    if !zone_ok || !fields.iter().all(u8::is_ascii_digit) {
        return Err(invalid());
    }
    let field = |i: usize| fields.get(i..i + 2).and_then(decimal);
    let text = format!(
        "{year:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        field(0).ok_or_else(invalid)?,
        field(2).ok_or_else(invalid)?,
        field(4).ok_or_else(invalid)?,
        field(6).ok_or_else(invalid)?,
        field(8).ok_or_else(invalid)?,
    );
    parse_rfc3339(&text).ok_or_else(invalid)
}

fn decimal(digits: &[u8]) -> Option<i64> {
    digits.iter().try_fold(0i64, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0'))
    })
}

/// The text of a string element, or `None` when `tag` is not a string type.
///
/// Best effort, for display: invalid UTF-8 is replaced rather than refused,
/// T61String is read as Latin-1 (what real certificates put there), BMP and
/// Universal strings as UTF-16 and UTF-32 big-endian.
pub fn string_value(tag: u8, value: &[u8]) -> Option<String> {
    let text = match tag {
        UTF8_STRING | NUMERIC_STRING | PRINTABLE_STRING | IA5_STRING | VISIBLE_STRING => {
            String::from_utf8_lossy(value).into_owned()
        }
        T61_STRING => value.iter().map(|&b| char::from(b)).collect(),
        BMP_STRING => {
            let units: Vec<u16> = value
                .chunks(2)
                .map(|pair| match pair {
                    [hi, lo] => u16::from_be_bytes([*hi, *lo]),
                    _ => 0xfffd,
                })
                .collect();
            String::from_utf16_lossy(&units)
        }
        UNIVERSAL_STRING => value
            .chunks(4)
            .map(|quad| {
                <[u8; 4]>::try_from(quad)
                    .ok()
                    .and_then(|q| char::from_u32(u32::from_be_bytes(q)))
                    .unwrap_or(char::REPLACEMENT_CHARACTER)
            })
            .collect(),
        _ => return None,
    };
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pki::der::INTEGER;
    use proptest::prelude::*;

    #[test]
    fn times() {
        // openssl: notBefore=Jan  1 00:00:00 2020 GMT
        assert_eq!(time_to_unix(UTC_TIME, b"200101000000Z"), Ok(1_577_836_800));
        assert_eq!(time_to_unix(UTC_TIME, b"491231235959Z"), Ok(2_524_607_999));
        assert_eq!(time_to_unix(UTC_TIME, b"500101000000Z"), Ok(-631_152_000));
        assert_eq!(
            time_to_unix(GENERALIZED_TIME, b"21261103131923Z"),
            Ok(4_949_385_563)
        );
        assert_eq!(
            time_to_unix(GENERALIZED_TIME, b"20200101000000.5Z"),
            Ok(1_577_836_800)
        );
        for bad in [
            &b"2001010000Z"[..],
            b"200101000000",
            b"201301000000Z",
            b"200101000000+0100",
            b"2001010000-0Z",
        ] {
            assert!(time_to_unix(UTC_TIME, bad).is_err(), "{bad:?}");
        }
        assert!(time_to_unix(GENERALIZED_TIME, b"20200101000000.Z").is_err());
        assert!(time_to_unix(INTEGER, b"200101000000Z").is_err());
    }

    #[test]
    fn strings() {
        assert_eq!(
            string_value(UTF8_STRING, "Zürich".as_bytes()).as_deref(),
            Some("Zürich")
        );
        assert_eq!(string_value(PRINTABLE_STRING, b"US").as_deref(), Some("US"));
        assert_eq!(
            string_value(T61_STRING, &[0x5a, 0xfc]).as_deref(),
            Some("Zü")
        );
        assert_eq!(
            string_value(BMP_STRING, &[0, 0x41, 0x00, 0xe9]).as_deref(),
            Some("Aé")
        );
        assert_eq!(
            string_value(BMP_STRING, &[0, 0x41, 0x00]).as_deref(),
            Some("A\u{fffd}")
        );
        assert_eq!(
            string_value(UNIVERSAL_STRING, &[0, 1, 0xf6, 0x00]).as_deref(),
            Some("😀")
        );
        assert_eq!(string_value(INTEGER, &[1]), None);
    }

    proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            for tag in [UTC_TIME, GENERALIZED_TIME] {
                let _ = time_to_unix(tag, &bytes);
            }
            for tag in [UTF8_STRING, T61_STRING, BMP_STRING, UNIVERSAL_STRING] {
                let _ = string_value(tag, &bytes);
            }
        }

        /// Any valid date and time reads back as the seconds it was made from.
        #[test]
        fn generalized_time_round_trips(seconds in -62_135_596_800i64..253_402_300_799) {
            let text = crate::model::list::age::format_rfc3339(seconds).replace(['-', 'T', ':'], "");
            prop_assert_eq!(time_to_unix(GENERALIZED_TIME, text.as_bytes()), Ok(seconds));
        }
    }
}
