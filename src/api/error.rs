//! Every way a request can fail, decoded into something a user can act on.
//!
//! Kept free of browser types so the classification is tested natively. No
//! variant ever carries a response *body* of a successful read (that may hold
//! secret values): only `metav1.Status` messages, proxy error text, and
//! position-only decode errors.

use crate::model::list::live_state::{MissingResourceVersion, RequestError};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Status;
use std::fmt;

/// Longest proxy error text we show; proxies can answer with whole HTML pages.
const MAX_DETAIL: usize = 300;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// `fetch` itself failed: nothing answers at the page's origin, i.e.
    /// `kubectl proxy` (which also serves this page) has stopped.
    ProxyUnreachable,
    /// The request was cancelled on purpose (the user moved on, e.g. to another
    /// namespace): nothing went wrong, and nobody is told.
    Aborted,
    /// The proxy answered but could not reach the API server; `detail` is the
    /// proxy's own error text (e.g. `dial tcp 127.0.0.1:6443: connect: connection refused`).
    ClusterUnreachable { code: u16, detail: String },
    /// The API server answered with a `metav1.Status` failure.
    Status {
        code: u16,
        reason: String,
        message: String,
        /// Field-level causes of a 422: (field path, message), e.g.
        /// (`data[bad key]`, `a valid config key must consist of …`).
        causes: Vec<(String, String)>,
    },
    /// Something answered with an error that is neither of the above.
    Unexpected { code: u16, detail: String },
    /// A success response we could not decode. Only the position is kept:
    /// serde's messages can quote the offending value, which may be secret.
    Decode { detail: String },
}

impl ApiError {
    /// Classifies a non-success HTTP response from its status and body text.
    pub fn from_response(code: u16, body: &str) -> ApiError {
        if let Ok(status) = serde_json::from_str::<Status>(body) {
            if status.status.as_deref() == Some("Failure") || status.message.is_some() {
                let causes = status
                    .details
                    .and_then(|d| d.causes)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|c| (c.field.unwrap_or_default(), c.message.unwrap_or_default()))
                    .collect();
                return ApiError::Status {
                    code: status.code.map(|c| c as u16).unwrap_or(code),
                    reason: status.reason.unwrap_or_default(),
                    message: status.message.unwrap_or_default(),
                    causes,
                };
            }
        }
        let detail = shorten(body.trim());
        if matches!(code, 500 | 502 | 503 | 504) {
            ApiError::ClusterUnreachable { code, detail }
        } else {
            ApiError::Unexpected { code, detail }
        }
    }

    /// Wraps a JSON decoding error without its message text (see [`ApiError::Decode`]).
    pub fn from_decode(err: &serde_json::Error) -> ApiError {
        ApiError::Decode {
            detail: format!(
                "unexpected {:?} at line {} column {}",
                err.classify(),
                err.line(),
                err.column()
            ),
        }
    }

    pub fn code(&self) -> Option<u16> {
        match self {
            ApiError::ProxyUnreachable | ApiError::Aborted | ApiError::Decode { .. } => None,
            ApiError::ClusterUnreachable { code, .. }
            | ApiError::Status { code, .. }
            | ApiError::Unexpected { code, .. } => Some(*code),
        }
    }

    pub fn is_forbidden(&self) -> bool {
        self.code() == Some(403)
    }

    /// True when the failure is about connectivity, not about the request.
    pub fn is_connection_problem(&self) -> bool {
        matches!(
            self,
            ApiError::ProxyUnreachable | ApiError::ClusterUnreachable { .. }
        )
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::ProxyUnreachable => write!(f, "kubectl proxy is not running"),
            ApiError::Aborted => write!(f, "The request was cancelled"),
            ApiError::ClusterUnreachable { code, detail } => write!(
                f,
                "kubectl proxy runs but cannot reach the cluster ({code}): {detail}"
            ),
            ApiError::Status {
                code,
                reason,
                message,
                ..
            } => {
                let what = match code {
                    401 => "Not authenticated",
                    403 => "Forbidden",
                    404 => "Not found",
                    409 => "Conflict",
                    410 => "Expired",
                    413 => "Too large",
                    422 => "Invalid",
                    429 => "Too many requests",
                    500..=599 => "Server error",
                    _ if !reason.is_empty() => reason.as_str(),
                    _ => "Request failed",
                };
                write!(f, "{what} ({code}): {message}")
            }
            // The apiserver answers 403 with a Status; a bare 403 comes from
            // kubectl proxy's own filters (--reject-methods, --reject-paths).
            ApiError::Unexpected { code: 403, detail } => write!(
                f,
                "kubectl proxy refused the request (403: {detail}); it may run with --reject-methods or --reject-paths"
            ),
            ApiError::Unexpected { code, detail } => {
                write!(f, "Unexpected answer ({code}): {detail}")
            }
            ApiError::Decode { detail } => write!(f, "Could not read the answer: {detail}"),
        }
    }
}

impl From<MissingResourceVersion> for ApiError {
    fn from(_: MissingResourceVersion) -> Self {
        ApiError::Decode {
            detail: "the list names no resourceVersion to watch from".into(),
        }
    }
}

impl RequestError for ApiError {
    fn status(&self) -> Option<u16> {
        self.code()
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_DETAIL {
        text.to_string()
    } else {
        let cut: String = text.chars().take(MAX_DETAIL).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_body_is_decoded() {
        let body = r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
            "message":"secrets \"x\" is forbidden: User \"bob\" cannot get resource \"secrets\"",
            "reason":"Forbidden","details":{"name":"x","kind":"secrets"},"code":403}"#;
        let err = ApiError::from_response(403, body);
        assert!(err.is_forbidden());
        assert_eq!(
            err.to_string(),
            "Forbidden (403): secrets \"x\" is forbidden: User \"bob\" cannot get resource \"secrets\""
        );
    }

    #[test]
    fn invalid_answers_keep_their_field_causes() {
        let body = r#"{"kind":"Status","apiVersion":"v1","status":"Failure","code":422,
            "reason":"Invalid","message":"Secret \"x\" is invalid",
            "details":{"name":"x","kind":"Secret","causes":[
              {"reason":"FieldValueInvalid","message":"Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters","field":"data[bad key]"}]}}"#;
        match ApiError::from_response(422, body) {
            ApiError::Status { code, causes, .. } => {
                assert_eq!(code, 422);
                assert_eq!(causes.len(), 1);
                assert_eq!(causes[0].0, "data[bad key]");
            }
            other => panic!("not a status: {other:?}"),
        }
    }

    #[test]
    fn proxy_text_error_means_cluster_unreachable() {
        let err = ApiError::from_response(
            500,
            "dial tcp 127.0.0.1:6443: connect: connection refused\n",
        );
        assert_eq!(
            err,
            ApiError::ClusterUnreachable {
                code: 500,
                detail: "dial tcp 127.0.0.1:6443: connect: connection refused".into()
            }
        );
        assert!(err.is_connection_problem());
    }

    #[test]
    fn file_server_404_is_unexpected_not_a_status() {
        let err = ApiError::from_response(404, "404 page not found");
        assert_eq!(err.code(), Some(404));
        assert!(matches!(err, ApiError::Unexpected { .. }));
    }

    #[test]
    fn a_bare_403_is_the_proxy_refusing_not_rbac() {
        let e = ApiError::from_response(403, "Forbidden\n");
        assert!(e.is_forbidden());
        assert_eq!(
            e.to_string(),
            "kubectl proxy refused the request (403: Forbidden); it may run with --reject-methods or --reject-paths"
        );
    }

    #[test]
    fn an_aborted_request_is_no_connection_problem() {
        assert!(!ApiError::Aborted.is_connection_problem());
        assert_eq!(ApiError::Aborted.code(), None);
    }

    #[test]
    fn the_live_list_sees_a_gone_watch_by_its_status() {
        let body = r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
            "message":"too old resource version: 1 (4100)","reason":"Expired","code":410}"#;
        assert_eq!(ApiError::from_response(410, body).status(), Some(410));
        assert_eq!(ApiError::ProxyUnreachable.status(), None);
        assert_eq!(
            ApiError::from(MissingResourceVersion).to_string(),
            "Could not read the answer: the list names no resourceVersion to watch from"
        );
    }

    #[test]
    fn long_proxy_pages_are_shortened() {
        let err = ApiError::from_response(502, &"x".repeat(5000));
        assert!(err.to_string().chars().count() < MAX_DETAIL + 100);
    }

    #[test]
    fn decode_errors_never_quote_the_body() {
        let secret = "s3cr3t-value-that-must-not-leak";
        let body = format!(r#"{{"count": "{secret}"}}"#);
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Counted {
            count: u32,
        }
        let err = serde_json::from_str::<Counted>(&body).unwrap_err();
        // serde itself quotes the value: that is the leak this guards against.
        assert!(err.to_string().contains(secret));
        let ours = ApiError::from_decode(&err).to_string();
        assert!(!ours.contains(secret), "{ours}");
    }
}
