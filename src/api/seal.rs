//! Sealing in the browser with WebCrypto (`SubtleCrypto`): kubeseal's
//! `HybridEncrypt` — a fresh AES-256-GCM session key per value, sealed to the
//! controller's RSA key with OAEP-SHA256 and the scope as the label. The
//! layout and the labels are the model's (`model::seal`); this file only
//! drives the browser's primitives, so no cipher code goes into the bundle.
//! Nothing here sends anything: the plaintext never leaves the page.

use crate::model::seal::certificate::SealingCertificate;
use crate::model::seal::envelope::{self, SESSION_KEY_BYTES, ZERO_NONCE};
use crate::model::seal::manifest::SealTarget;
use js_sys::{Array, ArrayBuffer, Object, Uint8Array};
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, Crypto, CryptoKey, RsaOaepParams, SubtleCrypto};

/// Why sealing could not run, for the user (never carries a value).
pub type SealError = String;

/// The browser's crypto, or why it is missing: `crypto.subtle` exists only
/// in a secure context (https, or http on localhost / 127.0.0.1, which is
/// how `kubectl proxy` is reached by default).
fn browser_crypto() -> Result<(Crypto, SubtleCrypto), SealError> {
    let window = web_sys::window().ok_or("no browser window")?;
    let crypto = window
        .crypto()
        .map_err(|_| "this browser offers no Web Crypto".to_string())?;
    let subtle = js_sys::Reflect::get(&crypto, &JsValue::from_str("subtle"))
        .ok()
        .filter(|s| !s.is_undefined())
        .ok_or_else(|| {
            "this page is not a secure context, so the browser withholds Web Crypto: \
             open Keyhole at http://127.0.0.1 or http://localhost (or over https)"
                .to_string()
        })?;
    Ok((crypto, subtle.unchecked_into()))
}

async fn settle(
    promise: Result<js_sys::Promise, JsValue>,
    step: &str,
) -> Result<JsValue, SealError> {
    let promise = promise.map_err(|_| format!("the browser refused to {step}"))?;
    JsFuture::from(promise)
        .await
        .map_err(|_| format!("the browser could not {step}"))
}

/// The controller's public key, ready for RSA-OAEP with SHA-256.
pub async fn import_certificate(cert: &SealingCertificate) -> Result<CryptoKey, SealError> {
    let (_, subtle) = browser_crypto()?;
    let jwk: Object = js_sys::JSON::parse(&cert.jwk().to_string())
        .map_err(|_| "the key does not convert to a JWK".to_string())?
        .unchecked_into();
    // `RsaHashedImportParams` in web-sys lacks the inherited `name`.
    let algorithm = Object::new();
    for (field, value) in [("name", "RSA-OAEP"), ("hash", "SHA-256")] {
        js_sys::Reflect::set(&algorithm, &field.into(), &value.into())
            .map_err(|_| "the browser refused the key's algorithm".to_string())?;
    }
    let usages = Array::of1(&JsValue::from_str("encrypt"));
    let key = settle(
        subtle.import_key_with_object("jwk", &jwk, &algorithm, false, &usages),
        "import the certificate's RSA key",
    )
    .await?;
    Ok(key.unchecked_into())
}

/// Seals one value to `key` under `label`, in kubeseal's layout, base64.
pub async fn seal_value(
    key: &CryptoKey,
    label: &[u8],
    plaintext: &[u8],
) -> Result<String, SealError> {
    let (crypto, subtle) = browser_crypto()?;
    let mut session_key = [0u8; SESSION_KEY_BYTES];
    crypto
        .get_random_values_with_u8_array(&mut session_key)
        .map_err(|_| "the browser gave no random bytes".to_string())?;

    let aes_key = settle(
        subtle.import_key_with_str(
            "raw",
            &Uint8Array::from(&session_key[..]),
            "AES-GCM",
            false,
            &Array::of1(&JsValue::from_str("encrypt")),
        ),
        "make an AES key",
    )
    .await?;
    let gcm = AesGcmParams::new("AES-GCM", &Uint8Array::from(&ZERO_NONCE[..]));
    let aes = settle(
        subtle.encrypt_with_object_and_js_u8_array(
            &gcm,
            &aes_key.unchecked_into(),
            &Uint8Array::from(plaintext),
        ),
        "encrypt with AES-GCM",
    )
    .await?;

    let oaep = RsaOaepParams::new("RSA-OAEP");
    oaep.set_label_u8_array(&Uint8Array::from(label));
    let rsa = settle(
        subtle.encrypt_with_object_and_js_u8_array(&oaep, key, &Uint8Array::from(&session_key[..])),
        "encrypt with RSA-OAEP",
    )
    .await?;
    session_key.fill(0);

    let bytes = |v: JsValue| Uint8Array::new(&v.unchecked_into::<ArrayBuffer>()).to_vec();
    envelope::encode(&bytes(rsa), &bytes(aes))
}

/// Seals every value of one secret (`values` holds the decoded bytes) and
/// returns `spec.encryptedData`.
pub async fn seal_all(
    key: &CryptoKey,
    target: &SealTarget,
    values: &BTreeMap<String, Vec<u8>>,
) -> Result<BTreeMap<String, String>, SealError> {
    let label = target.label();
    let mut out = BTreeMap::new();
    for (name, value) in values {
        let sealed = seal_value(key, &label, value)
            .await
            .map_err(|e| format!("{name}: {e}"))?;
        out.insert(name.clone(), sealed);
    }
    Ok(out)
}
