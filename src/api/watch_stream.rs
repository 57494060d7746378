//! Reads a watch response as it streams: one JSON event per line.
//!
//! `fetch` hands us the body in chunks that may split a line (and a UTF-8
//! character) anywhere, so bytes are buffered until a newline arrives.

use super::api_base::absolute;
use super::client::fetch_failed;
use super::error::ApiError;
use super::request::ApiRequest;
use gloo_net::http::RequestBuilder;
use js_sys::{Reflect, Uint8Array};
use std::collections::VecDeque;
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

/// An accepted watch, read one line at a time. Dropping it before its end
/// closes it, so a watch nobody reads holds no connection to the proxy.
pub struct WatchStream {
    /// `None` once the body has ended (or when the answer had none).
    reader: Option<ReadableStreamDefaultReader>,
    signal: AbortSignal,
    lines: LineBuffer,
    /// Lines of the last chunk not yet asked for.
    ready: VecDeque<String>,
}

impl WatchStream {
    /// Sends the watch request; returns once the server has accepted it.
    /// Aborting `signal` ends it.
    pub async fn open(req: &ApiRequest, signal: &AbortSignal) -> Result<WatchStream, ApiError> {
        let response = RequestBuilder::new(&absolute(&req.url()))
            .header("Accept", req.accept)
            .abort_signal(Some(signal))
            .send()
            .await
            .map_err(|_| fetch_failed(Some(signal)))?;
        let status = response.status();
        if !(200..300).contains(&status) {
            let text = response.text().await.unwrap_or_default();
            return Err(ApiError::from_response(status, &text));
        }
        Ok(WatchStream {
            reader: response
                .body()
                .map(|body| body.get_reader().unchecked_into()),
            signal: signal.clone(),
            lines: LineBuffer::default(),
            ready: VecDeque::new(),
        })
    }

    /// The next event line; `None` once the server has ended the watch
    /// (normal: watches time out after minutes).
    pub async fn next_line(&mut self) -> Result<Option<String>, ApiError> {
        loop {
            if let Some(line) = self.ready.pop_front() {
                return Ok(Some(line));
            }
            let Some(reader) = &self.reader else {
                return Ok(None);
            };
            let chunk = JsFuture::from(reader.read())
                .await
                .map_err(|_| fetch_failed(Some(&self.signal)))?;
            let done = Reflect::get(&chunk, &"done".into())
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(true);
            if done {
                self.reader = None;
                return Ok(None);
            }
            if let Ok(value) = Reflect::get(&chunk, &"value".into()) {
                let bytes = Uint8Array::new(&value).to_vec();
                self.ready.extend(self.lines.push(&bytes));
            }
        }
    }
}

impl Drop for WatchStream {
    fn drop(&mut self) {
        if let Some(reader) = self.reader.take() {
            let cancelled = JsFuture::from(reader.cancel());
            // Cancelling a stream that already failed (aborted, cut off)
            // rejects; awaiting it keeps that out of the console.
            wasm_bindgen_futures::spawn_local(async move {
                cancelled.await.ok();
            });
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
