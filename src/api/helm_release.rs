//! Reads a Helm release record when its secret is opened (never in the list):
//! the model's two pure steps with the browser's gzip decompressor between
//! them (`DecompressionStream`, so no inflate code goes into the bundle).

use crate::model::secret_types::helm_release::error::DecodeError;
use crate::model::secret_types::helm_release::record::{unwrap_record, Payload};
use crate::model::secret_types::helm_release::release::{parse_release, ReleaseSummary};
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStream, ReadableWritablePair, Response, WritableStream};

// web-sys has `DecompressionStream` only behind `--cfg=web_sys_unstable_apis`,
// which would change the build flags of every crate; the three members used
// are bound here instead (a standard API in every current browser).
#[wasm_bindgen]
extern "C" {
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> WritableStream;
}

/// Decodes a record's `release` key (its bytes as Kubernetes decoded them).
pub async fn decode_release(value: Option<&[u8]>) -> Result<ReleaseSummary, DecodeError> {
    match unwrap_record(value)? {
        Payload::Gzip(compressed) => {
            let json = gunzip(compressed).await.ok_or(DecodeError::BadGzip)?;
            parse_release(&json, true)
        }
        Payload::Plain(json) => parse_release(&json, false),
    }
}

/// Decompresses a gzip stream in the browser; `None` when the stream is
/// corrupt or truncated (the decompressor's error is not kept: there is
/// nothing in it for the user beyond "corrupt").
async fn gunzip(mut compressed: Vec<u8>) -> Option<Vec<u8>> {
    let inflate = DecompressionStream::new("gzip").ok()?;
    let source = Response::new_with_opt_u8_array(Some(&mut compressed)).ok()?;
    let pair = ReadableWritablePair::new(&inflate.readable(), &inflate.writable());
    let inflated = source.body()?.pipe_through(&pair);
    let sink = Response::new_with_opt_readable_stream(Some(&inflated)).ok()?;
    let buffer = JsFuture::from(sink.array_buffer().ok()?).await.ok()?;
    Some(Uint8Array::new(&buffer).to_vec())
}
