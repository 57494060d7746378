//! Percent-encoding for query strings, shared by the request builders and the
//! view state kept in the page URL. Only RFC 3986 unreserved characters pass
//! through unchanged, so label selectors such as `tier in (a,b)` survive.

pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` and `+` (as space, the form encoding browsers use). Invalid
/// escapes are kept literally rather than failing: a hand-edited URL should
/// still open, showing the user what they typed.
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match bytes.get(i + 1..i + 3).and_then(hex_pair) {
                Some(v) => {
                    out.push(v);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_pair(pair: &[u8]) -> Option<u8> {
    let s = std::str::from_utf8(pair).ok()?;
    u8::from_str_radix(s, 16).ok()
}

/// Splits `a=1&b=2` (with or without a leading `?`) into decoded pairs.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once('=') {
            Some((k, v)) => (decode_component(k), decode_component(v)),
            None => (decode_component(part), String::new()),
        })
        .collect()
}

/// Joins pairs into `a=1&b=2`, encoding each side; empty input gives "".
pub fn format_query<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                encode_component(k.as_ref()),
                encode_component(v.as_ref())
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn label_selector_is_encoded() {
        assert_eq!(encode_component("tier in (a,b)"), "tier%20in%20%28a%2Cb%29");
    }

    #[test]
    fn broken_escapes_are_kept_literally() {
        assert_eq!(decode_component("100%"), "100%");
        assert_eq!(decode_component("%zz"), "%zz");
        assert_eq!(decode_component("a+b%2Fc"), "a b/c");
    }

    #[test]
    fn query_round_trip() {
        let pairs = vec![("ns", "default"), ("secret", "db-credentials")];
        let text = format_query(&pairs);
        assert_eq!(text, "ns=default&secret=db-credentials");
        assert_eq!(
            parse_query(&format!("?{text}")),
            vec![
                ("ns".to_string(), "default".to_string()),
                ("secret".to_string(), "db-credentials".to_string())
            ]
        );
    }

    proptest! {
        #[test]
        fn any_text_round_trips(s in ".*") {
            prop_assert_eq!(decode_component(&encode_component(&s)), s);
        }

        #[test]
        fn decoding_never_panics(s in ".*") {
            let _ = decode_component(&s);
            let _ = parse_query(&s);
        }
    }
}
