//! The byte layout of one sealed value (`HybridEncrypt` in kubeseal's
//! `pkg/crypto/crypto.go`):
//!
//! ```text
//! u16 big-endian len(rsa) ‖ RSA-OAEP-SHA256(session key, label) ‖ AES-256-GCM(value)
//! ```
//!
//! with a fresh 32-byte session key per value and an all-zero 12-byte GCM
//! nonce (safe because each key seals exactly one message), base64 (standard
//! alphabet, padded) in `spec.encryptedData`.

use base64::{engine::general_purpose::STANDARD, Engine};

/// AES-256: the session key's length.
pub const SESSION_KEY_BYTES: usize = 32;
/// The GCM nonce, all zeros.
pub const ZERO_NONCE: [u8; 12] = [0; 12];

/// Joins the two ciphertexts in kubeseal's layout and encodes them for
/// `spec.encryptedData`. The RSA ciphertext is as long as the modulus, so it
/// always fits the u16 prefix for keys up to 524,280 bits.
pub fn encode(rsa_ciphertext: &[u8], aes_ciphertext: &[u8]) -> Result<String, String> {
    let len = u16::try_from(rsa_ciphertext.len())
        .map_err(|_| "the RSA ciphertext is longer than the format allows".to_string())?;
    let mut out = Vec::with_capacity(2 + rsa_ciphertext.len() + aes_ciphertext.len());
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(rsa_ciphertext);
    out.extend_from_slice(aes_ciphertext);
    Ok(STANDARD.encode(out))
}

/// Splits an encoded value back into its RSA and AES parts (`singleDecrypt`'s
/// checks), for reading SealedSecrets and for tests.
pub fn decode(encoded: &str) -> Result<(Vec<u8>, Vec<u8>), String> {
    let bytes = STANDARD
        .decode(encoded.trim())
        .map_err(|_| "not base64".to_string())?;
    let (len, rest) = bytes
        .split_first_chunk::<2>()
        .ok_or_else(|| "too short for a sealed value".to_string())?;
    let len = usize::from(u16::from_be_bytes(*len));
    if rest.len() < len {
        return Err("too short for its RSA ciphertext".into());
    }
    let (rsa, aes) = rest.split_at(len);
    Ok((rsa.to_vec(), aes.to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_the_rsa_length_big_endian() {
        let rsa = vec![0xAB; 256];
        let encoded = encode(&rsa, b"gcm").unwrap();
        let bytes = STANDARD.decode(&encoded).unwrap();
        assert_eq!(&bytes[..2], &[0x01, 0x00]);
        assert_eq!(&bytes[2..258], &rsa[..]);
        assert_eq!(&bytes[258..], b"gcm");
        assert_eq!(decode(&encoded).unwrap(), (rsa, b"gcm".to_vec()));
    }

    #[test]
    fn refuses_what_the_controller_refuses() {
        assert!(decode("AQ==").is_err());
        assert!(decode(&STANDARD.encode([0x01, 0x00, 1, 2])).is_err());
        assert!(decode("@@@").is_err());
        assert!(encode(&vec![0; 70_000], b"").is_err());
    }
}
