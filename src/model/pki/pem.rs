//! PEM blocks (`-----BEGIN CERTIFICATE-----` … `-----END CERTIFICATE-----`)
//! out of pasted or uploaded text.
//!
//! Markers are recognised where Go's `encoding/pem` recognises them, at the
//! start of a line, since Go is what reads a TLS secret in the cluster
//! (ingress controllers call `tls.X509KeyPair`). Text between blocks is
//! skipped, as Go does: `openssl pkcs12 -nodes` prints `Bag Attributes` and
//! `subject=` lines around each block, and `openssl x509 -text` a dump.
//!
//! Errors name blocks by number and label and lines by number, never their
//! content: the block may be a private key.

use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

const BEGIN: &[u8] = b"-----BEGIN ";
const END: &[u8] = b"-----END ";
const DASHES: &[u8] = b"-----";
/// Longer labels than any real one (`ENCRYPTED PRIVATE KEY` is 21) are
/// refused, so that a malformed marker line never ends up in a message.
const MAX_LABEL_LEN: usize = 64;

/// One decoded block.
#[derive(Clone, PartialEq, Eq)]
pub struct PemBlock {
    /// `CERTIFICATE`, `PRIVATE KEY`, …
    pub label: String,
    /// RFC 1421 headers such as `Proc-Type: 4,ENCRYPTED`, which mark a
    /// legacy encrypted key.
    pub headers: Vec<(String, String)>,
    pub der: Vec<u8>,
}

/// Redacted: the DER of a key block is the private key.
impl fmt::Debug for PemBlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PemBlock")
            .field("label", &self.label)
            .field("headers", &self.headers)
            .field("der", &format_args!("<{} bytes redacted>", self.der.len()))
            .finish()
    }
}

/// Every PEM block of `text`, in order.
pub fn parse_pem(text: &[u8]) -> Result<Vec<PemBlock>, String> {
    let mut blocks = Vec::new();
    let mut open: Option<OpenBlock> = None;
    for (index, raw) in text.split(|&b| b == b'\n').enumerate() {
        let line_no = index + 1;
        let line = raw.trim_ascii_end();
        if let Some(rest) = line.strip_prefix(BEGIN) {
            if let Some(block) = open {
                return Err(cut_off(&block.label));
            }
            open = Some(OpenBlock::new(marker_label(rest, "BEGIN", line_no)?));
        } else if let Some(rest) = line.strip_prefix(END) {
            let label = marker_label(rest, "END", line_no)?;
            let block = open.take().ok_or_else(|| {
                format!(
                    "line {line_no}: an END line for '{label}' without its BEGIN line \
                     (the start of the PEM is missing)"
                )
            })?;
            if block.label != label {
                return Err(format!(
                    "the PEM block '{}' ends with an END line for '{label}' (line {line_no})",
                    block.label
                ));
            }
            blocks.push(block.finish(blocks.len() + 1)?);
        } else if let Some(block) = open.as_mut() {
            block.add_line(line.trim_ascii(), line_no);
        }
    }
    if let Some(block) = open {
        return Err(cut_off(&block.label));
    }
    if blocks.is_empty() {
        return Err(no_block_found(text));
    }
    Ok(blocks)
}

fn cut_off(label: &str) -> String {
    format!("the PEM block '{label}' is cut off: no END line")
}

fn no_block_found(text: &[u8]) -> String {
    let begin = BEGIN.trim_ascii_end();
    if text.windows(begin.len()).any(|w| w == begin) {
        "no PEM block found: '-----BEGIN' must be at the start of a line".into()
    } else if text.first() == Some(&0x30) && !text.is_ascii() {
        "no PEM block found: this looks like binary DER, which must be converted to PEM".into()
    } else {
        "no PEM block found".into()
    }
}

/// The label between `-----BEGIN ` (or `-----END `) and the closing dashes.
fn marker_label(rest: &[u8], marker: &str, line_no: usize) -> Result<String, String> {
    let malformed = || format!("line {line_no}: malformed {marker} line");
    let end = rest
        .windows(DASHES.len())
        .position(|w| w == DASHES)
        .ok_or_else(malformed)?;
    let (label, after) = rest.split_at(end);
    if after.len() > DASHES.len() {
        return Err(format!(
            "line {line_no}: text follows the {marker} marker on the same line \
             (were the line breaks lost?)"
        ));
    }
    if label.len() > MAX_LABEL_LEN || !label.iter().all(|&b| b == b' ' || b.is_ascii_graphic()) {
        return Err(malformed());
    }
    Ok(String::from_utf8_lossy(label).into_owned())
}

/// A block whose END line has not been seen yet.
struct OpenBlock {
    label: String,
    headers: Vec<(String, String)>,
    base64: Vec<u8>,
    first_bad_line: Option<usize>,
}

impl OpenBlock {
    fn new(label: String) -> Self {
        OpenBlock {
            label,
            headers: Vec::new(),
            base64: Vec::new(),
            first_bad_line: None,
        }
    }

    /// A header line (`Name: value`, only before the base64 starts; base64
    /// has no `:`) or a line of base64.
    fn add_line(&mut self, line: &[u8], line_no: usize) {
        if line.is_empty() {
            return;
        }
        if let (true, Some(colon)) = (self.base64.is_empty(), line.iter().position(|&b| b == b':'))
        {
            let (name, value) = line.split_at(colon);
            let text = |bytes: &[u8]| String::from_utf8_lossy(bytes.trim_ascii()).into_owned();
            self.headers
                .push((text(name), text(value.get(1..).unwrap_or_default())));
            return;
        }
        for &b in line {
            if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=') {
                self.base64.push(b);
            } else if !matches!(b, b' ' | b'\t') && self.first_bad_line.is_none() {
                self.first_bad_line = Some(line_no);
            }
        }
    }

    fn finish(self, number: usize) -> Result<PemBlock, String> {
        let label = &self.label;
        if let Some(line) = self.first_bad_line {
            return Err(format!(
                "invalid base64 in PEM block {number} ('{label}') on line {line}"
            ));
        }
        if self.base64.is_empty() {
            return Err(format!("the PEM block {number} ('{label}') is empty"));
        }
        let der = STANDARD.decode(&self.base64).map_err(|_| {
            format!(
                "invalid base64 in PEM block {number} ('{label}'): \
                 wrong length or padding (is a line missing?)"
            )
        })?;
        Ok(PemBlock {
            label: self.label,
            headers: self.headers,
            der,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const RSA_CRT: &str = include_str!("../test_fixtures/tls/rsa.crt");
    const CHAIN: &str = include_str!("../test_fixtures/tls/chain.crt");
    const BAG: &str = include_str!("../test_fixtures/tls/bag.pem");
    const ENCRYPTED_LEGACY: &str = include_str!("../test_fixtures/tls/encrypted.legacy.key");
    const EC_SEC1: &str = include_str!("../test_fixtures/tls/ec.sec1.key");

    fn labels(text: &str) -> Vec<String> {
        parse_pem(text.as_bytes())
            .unwrap()
            .into_iter()
            .map(|b| b.label)
            .collect()
    }

    #[test]
    fn decodes_a_certificate() {
        let blocks = parse_pem(RSA_CRT.as_bytes()).unwrap();
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].label, "CERTIFICATE");
        assert!(blocks[0].headers.is_empty());
        // `openssl x509 -outform der | wc -c`
        assert_eq!(blocks[0].der.len(), 1105);
        assert_eq!(blocks[0].der[0], 0x30);
    }

    #[test]
    fn crlf_and_junk_between_blocks() {
        assert_eq!(
            labels(&CHAIN.replace('\n', "\r\n")),
            ["CERTIFICATE", "CERTIFICATE"]
        );
        assert_eq!(labels(BAG), ["CERTIFICATE", "PRIVATE KEY"]);
        assert_eq!(labels(EC_SEC1), ["EC PARAMETERS", "EC PRIVATE KEY"]);
        let dump = format!("Certificate:\n    Data: ...\n{RSA_CRT}trailing words\n");
        assert_eq!(labels(&dump), ["CERTIFICATE"]);
        assert_eq!(
            parse_pem(dump.as_bytes()).unwrap()[0].der,
            parse_pem(RSA_CRT.as_bytes()).unwrap()[0].der
        );
    }

    #[test]
    fn keeps_headers() {
        let block = &parse_pem(ENCRYPTED_LEGACY.as_bytes()).unwrap()[0];
        assert_eq!(block.label, "RSA PRIVATE KEY");
        assert_eq!(block.headers[0], ("Proc-Type".into(), "4,ENCRYPTED".into()));
        assert_eq!(block.headers[1].0, "DEK-Info");
    }

    #[test]
    fn errors() {
        let err = |text: &str| parse_pem(text.as_bytes()).unwrap_err();
        assert_eq!(err(""), "no PEM block found");
        assert_eq!(err("just some words\n"), "no PEM block found");
        assert_eq!(
            err("  -----BEGIN CERTIFICATE-----\nAAAA\n  -----END CERTIFICATE-----\n"),
            "no PEM block found: '-----BEGIN' must be at the start of a line"
        );
        let truncated = &RSA_CRT[..RSA_CRT.len() / 2];
        assert_eq!(
            err(truncated),
            "the PEM block 'CERTIFICATE' is cut off: no END line"
        );
        assert_eq!(
            err(&format!("{truncated}\n{RSA_CRT}")),
            "the PEM block 'CERTIFICATE' is cut off: no END line"
        );
        assert_eq!(
            err("-----BEGIN CERTIFICATE-----\nAAAA\n-----END PRIVATE KEY-----\n"),
            "the PEM block 'CERTIFICATE' ends with an END line for 'PRIVATE KEY' (line 3)"
        );
        assert_eq!(
            err("AAAA\n-----END CERTIFICATE-----\n"),
            "line 2: an END line for 'CERTIFICATE' without its BEGIN line \
             (the start of the PEM is missing)"
        );
        assert_eq!(
            err(&format!(
                "{RSA_CRT}-----BEGIN CERTIFICATE-----\nAA*A\n-----END CERTIFICATE-----\n"
            )),
            "invalid base64 in PEM block 2 ('CERTIFICATE') on line 28"
        );
        assert_eq!(
            err("-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n"),
            "invalid base64 in PEM block 1 ('CERTIFICATE'): wrong length or padding (is a line missing?)"
        );
        assert_eq!(
            err("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"),
            "the PEM block 1 ('CERTIFICATE') is empty"
        );
        assert_eq!(
            err(&RSA_CRT.replace('\n', " ")),
            "line 1: text follows the BEGIN marker on the same line (were the line breaks lost?)"
        );
        assert_eq!(
            err("-----BEGIN CERTIFICATE\n"),
            "line 1: malformed BEGIN line"
        );
        assert_eq!(
            err(&format!("-----BEGIN {}-----\n", "A".repeat(65))),
            "line 1: malformed BEGIN line"
        );
        let der = parse_pem(RSA_CRT.as_bytes()).unwrap().remove(0).der;
        assert_eq!(
            parse_pem(&der).unwrap_err(),
            "no PEM block found: this looks like binary DER, which must be converted to PEM"
        );
    }

    #[test]
    fn debug_hides_the_der() {
        let key = &parse_pem(EC_SEC1.as_bytes()).unwrap()[1];
        let debug = format!("{key:?}");
        assert!(debug.contains("EC PRIVATE KEY"));
        assert!(debug.contains("bytes redacted"));
        assert!(!debug.contains(&format!("{:?}", &key.der[..4])[1..]));
    }

    /// A private key's base64 lines, marked with `§`, which no error shows.
    #[test]
    fn errors_never_quote_the_text() {
        let cases = [
            "-----BEGIN PRIVATE KEY-----\n§§§§\n-----END PRIVATE KEY-----\n",
            "-----BEGIN PRIVATE KEY-----\nMII§\n",
            "-----BEGIN PRIVATE KEY----- MII§ -----END PRIVATE KEY-----\n",
            "-----BEGIN MII§-----\n",
            "§§§§\n-----END PRIVATE KEY-----\n",
        ];
        for case in cases {
            let e = parse_pem(case.as_bytes()).unwrap_err();
            assert!(!e.contains('§'), "{e}");
        }
    }

    proptest! {
        #[test]
        fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse_pem(&bytes);
        }

        #[test]
        fn never_panics_on_mangled_fixtures(cut in 0..CHAIN.len(), flips in proptest::collection::vec((0..CHAIN.len(), any::<u8>()), 0..4)) {
            let _ = parse_pem(&CHAIN.as_bytes()[..cut]);
            let mut bytes = CHAIN.as_bytes().to_vec();
            for (at, byte) in flips {
                bytes[at] = byte;
            }
            let _ = parse_pem(&bytes);
        }

        /// Line structure with random base64-ish bodies: decodes or errors.
        #[test]
        fn never_panics_on_pem_shaped_text(body in "[A-Za-z0-9+/= :\r\n-]{0,200}", label in "[A-Z ]{0,12}") {
            let text = format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n");
            let _ = parse_pem(text.as_bytes());
        }
    }
}
