//! Reads a watch response as it streams: one JSON event per line.
//!
//! `fetch` hands us the body in chunks that may split a line (and a UTF-8
//! character) anywhere, so bytes are buffered until a newline arrives.

use super::api_base::absolute;
use super::error::ApiError;
use super::request::ApiRequest;
use gloo_net::http::RequestBuilder;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, ReadableStreamDefaultReader};

/// Splits streamed bytes into complete lines.
#[derive(Default)]
pub struct LineBuffer {
    pending: Vec<u8>,
}

impl LineBuffer {
    /// Adds a chunk; returns every line it completed (without the newline).
    pub fn push(&mut self, chunk: &[u8]) -> Vec<String> {
        self.pending.extend_from_slice(chunk);
        let mut lines = Vec::new();
        while let Some(pos) = self.pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=pos).collect();
            let text = String::from_utf8_lossy(&line[..line.len() - 1])
                .trim()
                .to_string();
            if !text.is_empty() {
                lines.push(text);
            }
        }
        lines
    }
}

/// Runs a watch request until the server closes it (normal: watches time out
/// after minutes), calling `on_connected` once the server has accepted it and
/// `on_line` per event. Aborting `signal` ends it.
pub async fn watch_lines(
    req: &ApiRequest,
    signal: &AbortSignal,
    on_connected: impl FnOnce(),
    mut on_line: impl FnMut(&str),
) -> Result<(), ApiError> {
    let response = RequestBuilder::new(&absolute(&req.url()))
        .header("Accept", req.accept)
        .abort_signal(Some(signal))
        .send()
        .await
        .map_err(|_| ApiError::ProxyUnreachable)?;
    let status = response.status();
    if !(200..300).contains(&status) {
        let text = response.text().await.unwrap_or_default();
        return Err(ApiError::from_response(status, &text));
    }
    on_connected();
    let Some(body) = response.body() else {
        return Ok(());
    };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut lines = LineBuffer::default();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| ApiError::ProxyUnreachable)?;
        let done = Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(());
        }
        if let Ok(value) = Reflect::get(&chunk, &"value".into()) {
            let bytes = Uint8Array::new(&value).to_vec();
            for line in lines.push(&bytes) {
                on_line(&line);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LineBuffer;

    #[test]
    fn lines_split_across_chunks_are_joined() {
        let mut buf = LineBuffer::default();
        assert!(buf.push(b"{\"type\":\"ADD").is_empty());
        assert_eq!(buf.push(b"ED\"}\n{\"a\""), vec!["{\"type\":\"ADDED\"}"]);
        assert_eq!(buf.push(b":1}\n\n"), vec!["{\"a\":1}"]);
    }

    #[test]
    fn a_multibyte_character_split_between_chunks_survives() {
        let mut buf = LineBuffer::default();
        let text = "{\"name\":\"caf\u{e9}\"}\n".as_bytes();
        let split = text.iter().position(|&b| b == 0xC3).unwrap() + 1;
        assert!(buf.push(&text[..split]).is_empty());
        assert_eq!(buf.push(&text[split..]), vec!["{\"name\":\"caf\u{e9}\"}"]);
    }
}
