//! Showing one decoded Secret value: text when it reads as text, a hex dump
//! when it does not, its size in words, and the base64 the user may paste.
//!
//! Nothing here formats a value into an error message: errors name positions
//! and sizes only, because error text ends up in toasts and logs.

use std::fmt;

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::{DecodeError, Engine};

/// How many bytes of a binary value the hex preview shows.
pub const HEX_PREVIEW_BYTES: usize = 256;

/// A value as the detail view shows it.
#[derive(Clone, PartialEq, Eq)]
pub enum ValueView {
    /// UTF-8 text without control characters other than `\n`, `\r`, `\t`;
    /// exactly the stored bytes, line breaks and non-ASCII included.
    Text(String),
    /// Anything else: a `hexdump -C`-style preview of the first
    /// [`HEX_PREVIEW_BYTES`] bytes and the full length.
    Binary { hex_preview: String, len: usize },
}

/// Redacted: a `ValueView` holds a secret value, and `{:?}` output tends to
/// reach consoles and panic messages.
impl fmt::Debug for ValueView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueView::Text(text) => write!(f, "Text(<{} bytes redacted>)", text.len()),
            ValueView::Binary { len, .. } => write!(f, "Binary(<{len} bytes redacted>)"),
        }
    }
}

/// Text when the bytes are UTF-8 and printable as they are, else binary.
///
/// Control characters other than line breaks and tabs would render invisibly
/// or garble the page (a NUL, an escape sequence), so such values are shown
/// as hex, where every byte is visible.
pub fn view_value(bytes: &[u8]) -> ValueView {
    match std::str::from_utf8(bytes) {
        Ok(text) if !text.chars().any(is_unprintable) => ValueView::Text(text.to_owned()),
        _ => ValueView::Binary {
            hex_preview: hex_preview(bytes),
            len: bytes.len(),
        },
    }
}

fn is_unprintable(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

/// `00000000  de ad be ef 00 01 02 03  04 05 06 07 08 09 0a 0b  |............|`,
/// one line per 16 bytes, plus a closing line when the value was cut.
fn hex_preview(bytes: &[u8]) -> String {
    let shown = &bytes[..bytes.len().min(HEX_PREVIEW_BYTES)];
    let mut out = String::with_capacity(shown.len().div_ceil(16) * 80 + 64);
    for (line, chunk) in shown.chunks(16).enumerate() {
        out.push_str(&format!("{:08x} ", line * 16));
        for i in 0..16 {
            if i == 8 {
                out.push(' ');
            }
            match chunk.get(i) {
                Some(b) => out.push_str(&format!(" {b:02x}")),
                None => out.push_str("   "),
            }
        }
        out.push_str("  |");
        out.extend(chunk.iter().map(|&b| {
            if b.is_ascii_graphic() || b == b' ' {
                b as char
            } else {
                '.'
            }
        }));
        out.push_str("|\n");
    }
    if bytes.len() > shown.len() {
        out.push_str(&format!(
            "… first {} of {} bytes shown\n",
            shown.len(),
            bytes.len()
        ));
    }
    out
}

/// Sizes the way people read them: `14 B`, `1.5 KiB`, `1.0 MiB`.
///
/// Rounds to one decimal and moves to the next unit when rounding reaches
/// 1024 of the current one, so 1 MiB − 1 byte reads `1.0 MiB`, not `1024.0 KiB`.
pub fn human_size(bytes: usize) -> String {
    const UNITS: [&str; 5] = ["KiB", "MiB", "GiB", "TiB", "PiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while (value * 10.0).round() >= 10240.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// An exact byte count with thousands separators: `1 byte`, `1,048,577 bytes`.
///
/// For sizes next to a limit, where [`human_size`] rounds `1 MiB + 1 byte` to
/// `1.0 MiB` as if it fitted. English grouping by hand: a locale-aware
/// formatter would bring Unicode tables into the bundle for three commas.
pub fn exact_size(bytes: usize) -> String {
    let digits = bytes.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let unit = if bytes == 1 { "byte" } else { "bytes" };
    format!("{grouped} {unit}")
}

/// Standard base64 with padding, the encoding of a Secret's `data` in JSON.
pub fn encode_b64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Accepts what Go's `encoding/base64.StdEncoding` (the apiserver's decoder)
/// accepts, plus missing padding, since a pasted value often loses it.
/// Non-zero trailing bits are allowed because Go allows them too.
const PASTED: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Decodes base64 the user pasted: the standard alphabet, whitespace and line
/// breaks anywhere ignored (so `base64 -w 76` output and a terminal copy with
/// a trailing newline both work).
///
/// The error says where the problem is, never what the text was.
pub fn decode_b64_pasted(text: &str) -> Result<Vec<u8>, String> {
    let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    PASTED.decode(&compact).map_err(|err| match err {
        DecodeError::InvalidByte(at, b'=') => format!(
            "not valid base64: '=' padding in the middle, at {}",
            position(text, at)
        ),
        DecodeError::InvalidByte(at, _) | DecodeError::InvalidLastSymbol(at, _) => format!(
            "not valid base64: unexpected character at {}",
            position(text, at)
        ),
        DecodeError::InvalidLength(_) => format!(
            "not valid base64: {} base64 characters cannot be a whole number of bytes \
             (one character too many or too few?)",
            compact.len()
        ),
        DecodeError::InvalidPadding => {
            "not valid base64: wrong number of '=' at the end".to_string()
        }
    })
}

/// Where the `index`th non-whitespace byte sits in `text`, counted the way an
/// editor does: `position 12` for one line, `line 2, column 5` for several.
fn position(text: &str, index: usize) -> String {
    let byte_offset = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| !b.is_ascii_whitespace())
        .nth(index)
        .map_or(text.len(), |(offset, _)| offset);
    let before = &text[..floor_char_boundary(text, byte_offset)];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .chars()
        .count()
        + 1;
    if text.trim_end().contains('\n') {
        format!("line {line}, column {column}")
    } else {
        format!("position {column}")
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn text_stays_exact_including_lines_and_non_ascii() {
        let value = "user: ünïcødé 🔑\r\n\tsecond line\n";
        assert_eq!(
            view_value(value.as_bytes()),
            ValueView::Text(value.to_string())
        );
        assert_eq!(view_value(b""), ValueView::Text(String::new()));
    }

    #[test]
    fn control_characters_and_invalid_utf8_are_binary() {
        for bytes in [&b"abc\0def"[..], b"\x1b[31mred", b"\xde\xad\xbe\xef"] {
            assert!(
                matches!(view_value(bytes), ValueView::Binary { len, .. } if len == bytes.len())
            );
        }
    }

    #[test]
    fn hex_preview_looks_like_hexdump() {
        let ValueView::Binary { hex_preview, len } = view_value(b"\xde\xad\xbe\xefkey=v\x00")
        else {
            panic!("expected binary");
        };
        assert_eq!(len, 10);
        assert_eq!(
            hex_preview,
            "00000000  de ad be ef 6b 65 79 3d  76 00                    |....key=v.|\n"
        );
    }

    #[test]
    fn hex_preview_shows_256_bytes_and_says_so() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        let ValueView::Binary { hex_preview, len } = view_value(&bytes) else {
            panic!("expected binary");
        };
        assert_eq!(len, 1000);
        let lines: Vec<&str> = hex_preview.lines().collect();
        assert_eq!(lines.len(), 17);
        assert!(lines[15].starts_with("000000f0  f0 f1"));
        assert_eq!(lines[16], "… first 256 of 1000 bytes shown");
    }

    #[test]
    fn debug_output_is_redacted() {
        let text = format!("{:?}", view_value(b"hunter2"));
        assert!(!text.contains("hunter2"), "{text}");
        let bin = format!("{:?}", view_value(b"hunter2\0"));
        assert!(!bin.contains("68 75"), "{bin}");
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(14), "14 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(1024), "1.0 KiB");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(1024 * 1024 - 1), "1.0 MiB");
        assert_eq!(human_size(1024 * 1024), "1.0 MiB");
        assert_eq!(human_size(5 * 1024 * 1024 * 1024), "5.0 GiB");
    }

    #[test]
    fn exact_sizes_group_thousands() {
        assert_eq!(exact_size(0), "0 bytes");
        assert_eq!(exact_size(1), "1 byte");
        assert_eq!(exact_size(999), "999 bytes");
        assert_eq!(exact_size(1000), "1,000 bytes");
        assert_eq!(exact_size(262_144), "262,144 bytes");
        assert_eq!(exact_size(1_048_576), "1,048,576 bytes");
        assert_eq!(exact_size(1_048_577), "1,048,577 bytes");
        assert_eq!(exact_size(1_234_567_890), "1,234,567,890 bytes");
    }

    #[test]
    fn pasted_base64_tolerates_whitespace_and_wrapping() {
        let value: Vec<u8> = (0..200u8).collect();
        let wrapped: String = encode_b64(&value)
            .as_bytes()
            .chunks(76)
            .map(|line| format!("{}\n", std::str::from_utf8(line).unwrap()))
            .collect();
        assert_eq!(decode_b64_pasted(&format!("  {wrapped}\r\n")), Ok(value));
        assert_eq!(decode_b64_pasted("aHVudGVyMg==\n"), Ok(b"hunter2".to_vec()));
        assert_eq!(decode_b64_pasted("aHVudGVyMg"), Ok(b"hunter2".to_vec()));
        assert_eq!(decode_b64_pasted(""), Ok(vec![]));
    }

    #[test]
    fn base64_errors_give_positions_not_values() {
        let err = decode_b64_pasted("aHVudGVy!g==").unwrap_err();
        assert_eq!(err, "not valid base64: unexpected character at position 9");
        assert!(!err.contains("aHVudGVy"));

        let err = decode_b64_pasted("aHVudGVy\naHVu-GVy\n").unwrap_err();
        assert_eq!(
            err,
            "not valid base64: unexpected character at line 2, column 5"
        );

        let err = decode_b64_pasted("aHVudGVyM").unwrap_err();
        assert!(err.contains("9 base64 characters"), "{err}");
        assert!(decode_b64_pasted("YQ==YQ==")
            .unwrap_err()
            .contains("padding"));
    }

    #[test]
    fn non_ascii_paste_is_reported_by_character_position() {
        let err = decode_b64_pasted("aHé=").unwrap_err();
        assert_eq!(err, "not valid base64: unexpected character at position 3");
    }

    proptest! {
        #[test]
        fn exact_size_is_the_number_in_groups_of_three(bytes in any::<usize>()) {
            let text = exact_size(bytes);
            let number = text.split(' ').next().unwrap();
            prop_assert_eq!(number.replace(',', ""), bytes.to_string());
            let groups: Vec<&str> = number.split(',').collect();
            prop_assert!((1..=3).contains(&groups[0].len()));
            prop_assert!(groups[1..].iter().all(|g| g.len() == 3));
        }

        #[test]
        fn any_bytes_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            prop_assert_eq!(decode_b64_pasted(&encode_b64(&bytes)), Ok(bytes));
        }

        #[test]
        fn viewing_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = view_value(&bytes);
            let _ = human_size(bytes.len() * 7919);
        }

        #[test]
        fn decoding_never_panics(text in "\\PC{0,40}") {
            let _ = decode_b64_pasted(&text);
        }
    }
}
