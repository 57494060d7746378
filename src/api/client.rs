//! The one executor: sends an [`ApiRequest`] with `fetch` and decodes the
//! answer. Everything it knows about Kubernetes comes from the request value.

use super::api_base::absolute;
use super::error::ApiError;
use super::request::{ApiRequest, Method};
use gloo_net::http::{Method as HttpMethod, RequestBuilder};
use serde::de::DeserializeOwned;
use web_sys::AbortSignal;

fn http_method(method: Method) -> HttpMethod {
    match method {
        Method::Get => HttpMethod::GET,
        Method::Post => HttpMethod::POST,
        Method::Put => HttpMethod::PUT,
        Method::Patch => HttpMethod::PATCH,
        Method::Delete => HttpMethod::DELETE,
    }
}

/// Sends the request; returns the body text of a success response.
pub async fn send_text(req: &ApiRequest) -> Result<String, ApiError> {
    send_text_until(req, None).await
}

/// Like [`send_text`]; aborting `signal` (a view that unmounts) cancels the
/// request in the browser.
pub async fn send_text_until(
    req: &ApiRequest,
    signal: Option<&AbortSignal>,
) -> Result<String, ApiError> {
    let mut builder = RequestBuilder::new(&absolute(&req.url()))
        .method(http_method(req.method))
        .header("Accept", req.accept)
        .abort_signal(signal);
    if let Some(content_type) = req.content_type {
        builder = builder.header("Content-Type", content_type);
    }
    let request = match &req.body {
        Some(body) => builder.body(body.clone()),
        None => builder.build(),
    }
    // Building fails only on a malformed request we made ourselves.
    .map_err(|_| ApiError::Unexpected {
        code: 0,
        detail: "the request could not be built".into(),
    })?;
    let response = request.send().await.map_err(|_| fetch_failed(signal))?;
    let status = response.status();
    let text = response.text().await.map_err(|_| fetch_failed(signal))?;
    if (200..300).contains(&status) {
        Ok(text)
    } else {
        Err(ApiError::from_response(status, &text))
    }
}

/// Sends a list request and returns its items.
pub async fn send_list<T: DeserializeOwned>(req: &ApiRequest) -> Result<Vec<T>, ApiError> {
    decode_list(&send_text(req).await?)
}

/// The items of a list answer's body. `T` is whatever the caller reads each
/// item as (a `k8s-openapi` type or a purpose-made struct); nothing else of
/// the list is read, so its metadata costs no deserializer.
pub fn decode_list<T: DeserializeOwned>(text: &str) -> Result<Vec<T>, ApiError> {
    #[derive(serde::Deserialize)]
    struct Items<T> {
        items: Vec<T>,
    }
    serde_json::from_str::<Items<T>>(text)
        .map(|l| l.items)
        .map_err(|e| ApiError::from_decode(&e))
}

/// Why `fetch` failed: aborted on purpose, or nothing answers.
pub(super) fn fetch_failed(signal: Option<&AbortSignal>) -> ApiError {
    match signal {
        Some(s) if s.aborted() => ApiError::Aborted,
        _ => ApiError::ProxyUnreachable,
    }
}

/// Sends the request and decodes a JSON success body into `T`.
pub async fn send_json<T: DeserializeOwned>(req: &ApiRequest) -> Result<T, ApiError> {
    let text = send_text(req).await?;
    serde_json::from_str(&text).map_err(|e| ApiError::from_decode(&e))
}
