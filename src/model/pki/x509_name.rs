//! Distinguished names and subject alternative names as people read them:
//! `CN=myapp.example.com, O=Acme` and `DNS:myapp.example.com`, `IP:10.0.0.1`.
//!
//! Names keep the order the certificate stores them in (most significant
//! first in practice, which is also how `openssl x509 -subject` prints them),
//! and attributes with no short name show their dotted OID.

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::model::pki::der::{self, Element, Reader};
use crate::model::pki::der_text;

/// `Name ::= SEQUENCE OF SET OF AttributeTypeAndValue`, from the content of
/// the SEQUENCE: `CN=myapp.example.com, O=Acme`. Several attributes in one
/// set are joined with `+`; a value that is not a string shows as `#` and
/// its DER in hex, as RFC 4514 does.
pub fn name_to_string(mut name: Reader<'_>) -> Result<String, String> {
    let mut parts = Vec::new();
    while !name.is_empty() {
        let mut set = name.read_nested(der::SET)?;
        let mut attributes = Vec::new();
        while !set.is_empty() {
            let mut attribute = set.read_nested(der::SEQUENCE)?;
            let oid = der::oid_to_string(attribute.read(der::OID)?)?;
            let value = attribute.read_element()?;
            attribute.finish()?;
            let text = der_text::string_value(value.tag, value.value)
                .unwrap_or_else(|| format!("#{}", der::colon_hex(value.encoded).replace(':', "")));
            attributes.push(format!("{}={text}", attribute_name(&oid)));
        }
        parts.push(attributes.join("+"));
    }
    Ok(parts.join(", "))
}

/// The short name of a common attribute type, else its dotted OID.
fn attribute_name(oid: &str) -> &str {
    match oid {
        "2.5.4.3" => "CN",
        "2.5.4.5" => "serialNumber",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "1.2.840.113549.1.9.1" => "emailAddress",
        "0.9.2342.19200300.100.1.25" => "DC",
        other => other,
    }
}

/// One `GeneralName` of a subjectAltName extension, with OpenSSL's prefixes
/// (`DNS:`, `IP:`, `email:`, `URI:`, `DirName:`, `RID:`). `parent` is the
/// reader the element came from, so nesting stays counted.
pub fn general_name_to_string(parent: &Reader<'_>, name: Element<'_>) -> Result<String, String> {
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    Ok(match name.tag {
        0xa0 => "othername:<unsupported>".into(),
        0x81 => format!("email:{}", text(name.value)),
        0x82 => format!("DNS:{}", text(name.value)),
        0xa3 => "X400Name:<unsupported>".into(),
        0xa4 => {
            let mut directory = parent.child(name.value)?;
            let inner = directory.read_nested(der::SEQUENCE)?;
            directory.finish()?;
            format!("DirName:{}", name_to_string(inner)?)
        }
        0xa5 => "EdiPartyName:<unsupported>".into(),
        0x86 => format!("URI:{}", text(name.value)),
        0x87 => format!("IP:{}", ip_address(name.value)),
        0x88 => format!("RID:{}", der::oid_to_string(name.value)?),
        other => {
            return Err(format!(
                "unknown subject alternative name type {}",
                der::tag_name(other)
            ))
        }
    })
}

/// IPv4 dotted, IPv6 in its RFC 5952 short form (`::1`, `2001:db8::42`);
/// any other length (name constraints use address/mask pairs) as hex.
fn ip_address(bytes: &[u8]) -> String {
    if let Ok(v4) = <[u8; 4]>::try_from(bytes) {
        Ipv4Addr::from(v4).to_string()
    } else if let Ok(v6) = <[u8; 16]>::try_from(bytes) {
        Ipv6Addr::from(v6).to_string()
    } else {
        der::colon_hex(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag, content.len() as u8];
        out.extend_from_slice(content);
        out
    }

    fn attribute(oid: &[u8], tag: u8, value: &[u8]) -> Vec<u8> {
        tlv(
            der::SEQUENCE,
            &[tlv(der::OID, oid), tlv(tag, value)].concat(),
        )
    }

    #[test]
    fn names_in_certificate_order() {
        let cn = attribute(&[0x55, 4, 3], der::UTF8_STRING, b"myapp.example.com");
        let o = attribute(&[0x55, 4, 10], der::PRINTABLE_STRING, b"Acme");
        let ou = attribute(&[0x55, 4, 11], der::UTF8_STRING, b"Web");
        let unknown = attribute(&[0x55, 4, 99], der::INTEGER, &[5]);
        let content = [
            tlv(der::SET, &cn),
            tlv(der::SET, &[o, ou].concat()),
            tlv(der::SET, &unknown),
        ]
        .concat();
        assert_eq!(
            name_to_string(Reader::new(&content)).unwrap(),
            "CN=myapp.example.com, O=Acme+OU=Web, 2.5.4.99=#020105"
        );
        assert_eq!(name_to_string(Reader::new(&[])).unwrap(), "");
        assert!(name_to_string(Reader::new(&tlv(der::SEQUENCE, &[]))).is_err());
    }

    #[test]
    fn general_names() {
        let show = |tag: u8, value: &[u8]| {
            let bytes = tlv(tag, value);
            let mut reader = Reader::new(&bytes);
            let element = reader.read_element().unwrap();
            general_name_to_string(&reader, element)
        };
        assert_eq!(show(0x82, b"a.example.com").unwrap(), "DNS:a.example.com");
        assert_eq!(show(0x87, &[10, 0, 0, 1]).unwrap(), "IP:10.0.0.1");
        let mut loopback = [0u8; 16];
        loopback[15] = 1;
        assert_eq!(show(0x87, &loopback).unwrap(), "IP:::1");
        assert_eq!(
            show(0x87, &[10, 0, 0, 0, 255, 0, 0, 0]).unwrap(),
            "IP:0A:00:00:00:FF:00:00:00"
        );
        assert_eq!(
            show(0x81, b"ops@example.com").unwrap(),
            "email:ops@example.com"
        );
        assert_eq!(show(0x86, b"https://x/").unwrap(), "URI:https://x/");
        assert_eq!(show(0x88, &[0x2a, 3]).unwrap(), "RID:1.2.3");
        assert_eq!(show(0xa0, &[]).unwrap(), "othername:<unsupported>");
        let cn = tlv(
            der::SET,
            &attribute(&[0x55, 4, 3], der::UTF8_STRING, b"dir"),
        );
        assert_eq!(
            show(0xa4, &tlv(der::SEQUENCE, &cn)).unwrap(),
            "DirName:CN=dir"
        );
        assert!(show(0x89, &[]).is_err());
    }
}
