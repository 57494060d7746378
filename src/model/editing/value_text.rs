//! A stored value edited as text in the form: whether it can be, how a
//! hidden one is summarised, and how a paste lands in it.

use crate::model::secret::value::{view_value, ValueView};

/// The stored bytes as text the user can edit in place, or `None` for a
/// binary value (not UTF-8, or with control characters a text field would
/// hide or mangle): those are kept, replaced from a file, or pasted as base64.
pub fn editable_text(stored: &[u8]) -> Option<String> {
    match view_value(stored) {
        ValueView::Text(text) => Some(text),
        ValueView::Binary { .. } => None,
    }
}

/// "•••••••• 3 lines, hidden": the shape of a hidden value, never its content.
pub fn masked_summary(value: &str) -> String {
    let lines = value.lines().count().max(1);
    format!("•••••••• {lines} lines, hidden")
}

/// `text` with the range `start..end`, counted in UTF-16 code units (as a
/// browser's selection is), replaced by `insert`. Out-of-range positions are
/// clamped, so a stale selection never panics.
pub fn splice_utf16(text: &str, start: usize, end: usize, insert: &str) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    let end = end.min(units.len());
    let start = start.min(end);
    let mut out: Vec<u16> = units[..start].to_vec();
    out.extend(insert.encode_utf16());
    out.extend_from_slice(&units[end..]);
    String::from_utf16_lossy(&out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn text_values_are_editable_and_binary_ones_are_not() {
        assert_eq!(
            editable_text("postgres://app@db:5432/app\nline 2".as_bytes()).as_deref(),
            Some("postgres://app@db:5432/app\nline 2")
        );
        assert_eq!(
            editable_text("créé ✓".as_bytes()).as_deref(),
            Some("créé ✓")
        );
        assert_eq!(editable_text(&[0xde, 0xad, 0xbe, 0xef]), None);
        assert_eq!(editable_text(b"nul\0inside"), None);
        assert_eq!(editable_text(b"").as_deref(), Some(""));
    }

    #[test]
    fn the_summary_counts_lines_and_shows_nothing_else() {
        assert_eq!(masked_summary("a\nb\nc"), "•••••••• 3 lines, hidden");
        assert_eq!(masked_summary("a\nb\n"), "•••••••• 2 lines, hidden");
        assert!(!masked_summary("hunter2\nx").contains("hunter2"));
    }

    #[test]
    fn a_paste_replaces_the_selection_counted_in_utf16_units() {
        // "é" is one unit, "😀" two.
        assert_eq!(splice_utf16("é😀x", 3, 3, "\nA\n"), "é😀\nA\nx");
        assert_eq!(splice_utf16("abcdef", 1, 3, "-\n-"), "a-\n-def");
        assert_eq!(splice_utf16("abc", 10, 20, "\n"), "abc\n");
        // A backwards range is read as empty at its end.
        assert_eq!(splice_utf16("abc", 2, 1, "X"), "aXbc");
    }

    proptest! {
        #[test]
        fn splicing_at_char_boundaries_is_plain_insertion(text in "\\PC{0,20}", insert in "\\PC{0,10}", at in 0usize..21) {
            let at_char = at.min(text.chars().count());
            let units: usize = text.chars().take(at_char).map(char::len_utf16).sum();
            let byte = text.char_indices().nth(at_char).map(|(i, _)| i).unwrap_or(text.len());
            let expected = format!("{}{}{}", &text[..byte], insert, &text[byte..]);
            prop_assert_eq!(splice_utf16(&text, units, units, &insert), expected);
        }
    }
}
