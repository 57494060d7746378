//! A small DER reader: just enough ASN.1 to summarize X.509 certificates and
//! private keys without pulling a crypto crate into the WebAssembly bundle.
//!
//! Everything read here comes from a user's paste or from a cluster, so the
//! reader treats its input as hostile: every length is checked against what
//! is left, nothing indexes a slice directly, and nested readers count their
//! depth so that no caller can be walked into unbounded nesting. Errors say
//! what was wrong with the structure (tags, lengths) and never quote content:
//! the content may be a private key.

use std::fmt;

pub const BOOLEAN: u8 = 0x01;
pub const INTEGER: u8 = 0x02;
pub const BIT_STRING: u8 = 0x03;
pub const OCTET_STRING: u8 = 0x04;
pub const NULL: u8 = 0x05;
pub const OID: u8 = 0x06;
pub const UTF8_STRING: u8 = 0x0c;
pub const NUMERIC_STRING: u8 = 0x12;
pub const PRINTABLE_STRING: u8 = 0x13;
pub const T61_STRING: u8 = 0x14;
pub const IA5_STRING: u8 = 0x16;
pub const UTC_TIME: u8 = 0x17;
pub const GENERALIZED_TIME: u8 = 0x18;
pub const VISIBLE_STRING: u8 = 0x1a;
pub const UNIVERSAL_STRING: u8 = 0x1c;
pub const BMP_STRING: u8 = 0x1e;
pub const SEQUENCE: u8 = 0x30;
pub const SET: u8 = 0x31;

/// How deep readers may nest. X.509 needs about eight levels (a directory
/// name inside a SAN inside an extension); anything far deeper is an attack.
pub const MAX_DEPTH: usize = 32;

/// The tag of a context-specific element `[n]`: primitive (`IMPLICIT` over a
/// primitive type) or constructed (`EXPLICIT`, or `IMPLICIT` over a SEQUENCE).
pub const fn context(n: u8, constructed: bool) -> u8 {
    0x80 | (if constructed { 0x20 } else { 0 }) | (n & 0x1f)
}

/// One tag-length-value element.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Element<'a> {
    pub tag: u8,
    /// The content octets.
    pub value: &'a [u8],
    /// Tag, length and content: what a name comparison looks at.
    pub encoded: &'a [u8],
}

/// Reads the elements of one level of DER, front to back.
#[derive(Clone)]
pub struct Reader<'a> {
    input: &'a [u8],
    depth: usize,
}

// Redacted `Debug`: the bytes may be a private key.
impl fmt::Debug for Element<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Element({}, <{} bytes>)",
            tag_name(self.tag),
            self.value.len()
        )
    }
}

impl fmt::Debug for Reader<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Reader(<{} bytes>, depth {})",
            self.input.len(),
            self.depth
        )
    }
}

impl<'a> Reader<'a> {
    pub fn new(input: &'a [u8]) -> Self {
        Reader { input, depth: 0 }
    }

    pub fn is_empty(&self) -> bool {
        self.input.is_empty()
    }

    pub fn peek_tag(&self) -> Option<u8> {
        self.input.first().copied()
    }

    /// The next element, whatever its tag.
    pub fn read_element(&mut self) -> Result<Element<'a>, String> {
        let input = self.input;
        let (&tag, rest) = input.split_first().ok_or("unexpected end of data")?;
        if tag & 0x1f == 0x1f {
            return Err("multi-byte tags are not supported".into());
        }
        let (&first, rest) = rest
            .split_first()
            .ok_or("unexpected end of data in a length")?;
        let (len, rest) = if first < 0x80 {
            (usize::from(first), rest)
        } else {
            let count = usize::from(first & 0x7f);
            if count == 0 {
                return Err("indefinite lengths are not allowed in DER".into());
            }
            // Four length bytes describe 4 GiB, far beyond any certificate,
            // and fit a 32-bit `usize` on wasm32.
            if count > 4 {
                return Err("length too large".into());
            }
            let (bytes, rest) = rest
                .split_at_checked(count)
                .ok_or("unexpected end of data in a length")?;
            let len = bytes
                .iter()
                .fold(0usize, |len, &b| (len << 8) | usize::from(b));
            (len, rest)
        };
        let (value, rest) = rest
            .split_at_checked(len)
            .ok_or_else(|| format!("a {} element runs past the end of the data", tag_name(tag)))?;
        let encoded = input
            .get(..input.len() - rest.len())
            .ok_or("unexpected end of data")?;
        self.input = rest;
        Ok(Element {
            tag,
            value,
            encoded,
        })
    }

    /// The next element, which must have `tag`.
    pub fn expect(&mut self, tag: u8) -> Result<Element<'a>, String> {
        match self.peek_tag() {
            Some(found) if found != tag => Err(format!(
                "expected {}, found {}",
                tag_name(tag),
                tag_name(found)
            )),
            _ => self.read_element(),
        }
    }

    /// The content of the next element, which must have `tag`.
    pub fn read(&mut self, tag: u8) -> Result<&'a [u8], String> {
        self.expect(tag).map(|element| element.value)
    }

    /// The content of the next element if it has `tag` (an `OPTIONAL` field).
    pub fn read_optional(&mut self, tag: u8) -> Result<Option<&'a [u8]>, String> {
        if self.peek_tag() == Some(tag) {
            self.read(tag).map(Some)
        } else {
            Ok(None)
        }
    }

    /// A reader over the content of the next element, which must have `tag`.
    pub fn read_nested(&mut self, tag: u8) -> Result<Reader<'a>, String> {
        let value = self.read(tag)?;
        self.child(value)
    }

    /// [`Reader::read_nested`] for an `OPTIONAL` field.
    pub fn read_optional_nested(&mut self, tag: u8) -> Result<Option<Reader<'a>>, String> {
        match self.read_optional(tag)? {
            Some(value) => self.child(value).map(Some),
            None => Ok(None),
        }
    }

    /// A reader one level deeper, over content this reader produced (the
    /// value of a constructed element, or DER wrapped in an OCTET STRING).
    pub fn child(&self, content: &'a [u8]) -> Result<Reader<'a>, String> {
        if self.depth >= MAX_DEPTH {
            return Err("the data is nested too deeply".into());
        }
        Ok(Reader {
            input: content,
            depth: self.depth + 1,
        })
    }

    /// Fails when anything is left, since DER has exactly one encoding and
    /// trailing bytes mean the structure is not what it claims to be.
    pub fn finish(&self) -> Result<(), String> {
        if self.input.is_empty() {
            Ok(())
        } else {
            Err("unexpected data after the end of a structure".into())
        }
    }
}

/// A reader over the content of the single element of `tag` that makes up
/// all of `input`.
pub fn parse_outer(input: &[u8], tag: u8) -> Result<Reader<'_>, String> {
    let mut outer = Reader::new(input);
    let inner = outer.read_nested(tag)?;
    outer.finish()?;
    Ok(inner)
}

/// A readable name for a tag in error messages.
pub fn tag_name(tag: u8) -> String {
    let name = match tag {
        BOOLEAN => "BOOLEAN",
        INTEGER => "INTEGER",
        BIT_STRING => "BIT STRING",
        OCTET_STRING => "OCTET STRING",
        NULL => "NULL",
        OID => "OBJECT IDENTIFIER",
        UTC_TIME => "UTCTime",
        GENERALIZED_TIME => "GeneralizedTime",
        SEQUENCE => "SEQUENCE",
        SET => "SET",
        _ if tag & 0xc0 == 0x80 => return format!("[{}]", tag & 0x1f),
        _ => return format!("tag 0x{tag:02x}"),
    };
    name.to_owned()
}

/// Dotted decimal for the content of an OBJECT IDENTIFIER: `1.2.840.113549`.
pub fn oid_to_string(value: &[u8]) -> Result<String, String> {
    let mut arcs: Vec<u64> = Vec::new();
    let mut arc: u64 = 0;
    let mut in_arc = false;
    for &byte in value {
        if !in_arc && byte == 0x80 {
            return Err("an OBJECT IDENTIFIER arc has a leading zero byte".into());
        }
        arc = arc
            .checked_mul(128)
            .map(|a| a | u64::from(byte & 0x7f))
            .ok_or("an OBJECT IDENTIFIER arc is too large")?;
        in_arc = byte & 0x80 != 0;
        if !in_arc {
            arcs.push(arc);
            arc = 0;
        }
    }
    if in_arc {
        return Err("an OBJECT IDENTIFIER is cut off".into());
    }
    let (&first, rest) = arcs.split_first().ok_or("an OBJECT IDENTIFIER is empty")?;
    // The first encoded arc packs the first two arcs as 40 * x + y.
    let (x, y) = match first {
        0..=39 => (0, first),
        40..=79 => (1, first - 40),
        _ => (2, first - 80),
    };
    let mut out = format!("{x}.{y}");
    for arc in rest {
        out.push('.');
        out.push_str(&arc.to_string());
    }
    Ok(out)
}

/// The magnitude of a non-negative INTEGER, without leading zero bytes (an
/// RSA modulus is encoded with a `00` in front so that it reads as positive).
pub fn unsigned_integer(value: &[u8]) -> Result<&[u8], String> {
    match value.first() {
        None => Err("an INTEGER is empty".into()),
        Some(&first) if first & 0x80 != 0 => Err("an INTEGER is negative".into()),
        Some(_) => {
            let zeros = value.iter().take_while(|&&b| b == 0).count();
            Ok(value.get(zeros..).unwrap_or_default())
        }
    }
}

/// A small non-negative INTEGER: a version number, a path length.
pub fn small_unsigned(value: &[u8]) -> Result<u64, String> {
    let magnitude = unsigned_integer(value)?;
    if magnitude.len() > 8 {
        return Err("an INTEGER is too large".into());
    }
    Ok(magnitude.iter().fold(0u64, |n, &b| (n << 8) | u64::from(b)))
}

pub fn boolean(value: &[u8]) -> Result<bool, String> {
    match value {
        [byte] => Ok(*byte != 0),
        _ => Err("a BOOLEAN is not one byte long".into()),
    }
}

/// The bytes of a BIT STRING that holds whole octets, as keys and
/// signatures do (the first content byte counts unused bits, here zero).
pub fn bit_string_octets(value: &[u8]) -> Result<&[u8], String> {
    match value.split_first() {
        Some((0, octets)) => Ok(octets),
        Some(_) => Err("a BIT STRING does not hold whole bytes".into()),
        None => Err("a BIT STRING is empty".into()),
    }
}

/// `01:A3:F2`: how OpenSSL prints serial numbers and fingerprints.
pub fn colon_hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_short_and_long_lengths() {
        let mut long = vec![OCTET_STRING, 0x82, 0x01, 0x00];
        long.extend(std::iter::repeat_n(7u8, 256));
        let mut reader = Reader::new(&long);
        let element = reader.read_element().unwrap();
        assert_eq!(element.value.len(), 256);
        assert_eq!(element.encoded.len(), 260);
        assert!(reader.is_empty());

        let mut short = Reader::new(&[INTEGER, 1, 5, NULL, 0]);
        assert_eq!(short.read(INTEGER).unwrap(), &[5]);
        assert_eq!(short.read_optional(INTEGER).unwrap(), None);
        assert_eq!(short.read(NULL).unwrap(), &[] as &[u8]);
        short.finish().unwrap();
    }

    #[test]
    fn refuses_bad_lengths_and_tags() {
        let err = |bytes: &[u8]| Reader::new(bytes).read_element().unwrap_err();
        assert_eq!(err(&[]), "unexpected end of data");
        assert_eq!(err(&[SEQUENCE]), "unexpected end of data in a length");
        assert_eq!(
            err(&[SEQUENCE, 0x80]),
            "indefinite lengths are not allowed in DER"
        );
        assert_eq!(err(&[SEQUENCE, 0x85, 1, 1, 1, 1, 1]), "length too large");
        assert_eq!(
            err(&[SEQUENCE, 0x82, 1]),
            "unexpected end of data in a length"
        );
        assert_eq!(
            err(&[SEQUENCE, 3, 1, 2]),
            "a SEQUENCE element runs past the end of the data"
        );
        assert_eq!(
            err(&[0x1f, 0x81, 0x01, 0]),
            "multi-byte tags are not supported"
        );
        assert_eq!(
            Reader::new(&[OCTET_STRING, 0]).read(SEQUENCE).unwrap_err(),
            "expected SEQUENCE, found OCTET STRING"
        );
        assert_eq!(
            parse_outer(&[SEQUENCE, 0, 0], SEQUENCE).unwrap_err(),
            "unexpected data after the end of a structure"
        );
    }

    #[test]
    fn nesting_is_limited() {
        // 40 nested SEQUENCEs, each wrapping the next.
        let mut der = vec![NULL, 0];
        for _ in 0..40 {
            let mut outer = vec![SEQUENCE, der.len() as u8];
            outer.extend(der);
            der = outer;
        }
        let mut reader = Reader::new(&der);
        let mut levels = 0;
        let err = loop {
            match reader.read_nested(SEQUENCE) {
                Ok(inner) => {
                    reader = inner;
                    levels += 1;
                }
                Err(e) => break e,
            }
        };
        assert_eq!(levels, MAX_DEPTH);
        assert_eq!(err, "the data is nested too deeply");
    }

    #[test]
    fn oids_as_dotted_decimal() {
        let oid = |bytes: &[u8]| oid_to_string(bytes);
        assert_eq!(
            oid(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]).unwrap(),
            "1.2.840.113549.1.1.1"
        );
        assert_eq!(oid(&[0x55, 0x04, 0x03]).unwrap(), "2.5.4.3");
        assert_eq!(oid(&[0x2b, 0x65, 0x70]).unwrap(), "1.3.101.112");
        assert_eq!(oid(&[0x09, 0x92, 0x26]).unwrap(), "0.9.2342");
        assert_eq!(oid(&[0x88, 0x37, 0x03]).unwrap(), "2.999.3");
        assert!(oid(&[]).is_err());
        assert!(oid(&[0x2a, 0x86]).is_err());
        assert!(oid(&[0x2a, 0x80, 0x01]).is_err());
        assert!(oid(&[0xff; 12]).is_err());
    }

    #[test]
    fn integers() {
        assert_eq!(unsigned_integer(&[0, 0x80, 1]).unwrap(), &[0x80, 1]);
        assert_eq!(unsigned_integer(&[0]).unwrap(), &[] as &[u8]);
        assert!(unsigned_integer(&[0xff]).is_err());
        assert!(unsigned_integer(&[]).is_err());
        assert_eq!(small_unsigned(&[1, 0]).unwrap(), 256);
        assert!(small_unsigned(&[1; 9]).is_err());
        assert!(boolean(&[0xff]).unwrap());
        assert!(!boolean(&[0]).unwrap());
        assert!(boolean(&[]).is_err());
        assert_eq!(bit_string_octets(&[0, 4, 1]).unwrap(), &[4, 1]);
        assert!(bit_string_octets(&[3, 4]).is_err());
        assert!(bit_string_octets(&[]).is_err());
    }

    #[test]
    fn colon_hex_like_openssl() {
        assert_eq!(colon_hex(&[1, 0xa3, 0xf2]), "01:A3:F2");
        assert_eq!(colon_hex(&[]), "");
    }

    proptest! {
        /// Reading every element at every level of arbitrary bytes, and every
        /// value helper on every element, never panics.
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            walk(Reader::new(&bytes));
        }
    }

    fn walk(mut reader: Reader<'_>) {
        while let Ok(element) = reader.read_element() {
            let _ = oid_to_string(element.value);
            let _ = unsigned_integer(element.value);
            let _ = small_unsigned(element.value);
            let _ = boolean(element.value);
            let _ = bit_string_octets(element.value);
            if let Ok(child) = reader.child(element.value) {
                walk(child);
            }
        }
    }
}
