//! A request as a plain value: what will be sent, with no I/O attached.

use super::error::ApiError;
use crate::model::page::url_encoding::format_query;
use serde::Serialize;

/// Plain JSON, for reads and writes of whole objects.
pub const ACCEPT_JSON: &str = "application/json";
/// The content type of a whole object sent as JSON.
pub const JSON: &str = "application/json";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiRequest {
    pub method: Method,
    /// Path below the API base, e.g. `/api/v1/namespaces`.
    pub path: String,
    /// Query parameters in the order they are sent.
    pub query: Vec<(String, String)>,
    pub accept: &'static str,
    pub content_type: Option<&'static str>,
    pub body: Option<String>,
}

impl ApiRequest {
    pub fn get(path: impl Into<String>) -> Self {
        ApiRequest {
            method: Method::Get,
            path: path.into(),
            query: Vec::new(),
            accept: ACCEPT_JSON,
            content_type: None,
            body: None,
        }
    }

    /// A write with a JSON body (`content_type` says which JSON: plain, or a
    /// patch flavour).
    pub fn json_write(
        method: Method,
        path: impl Into<String>,
        content_type: &'static str,
        body: String,
    ) -> Self {
        ApiRequest {
            method,
            content_type: Some(content_type),
            body: Some(body),
            ..ApiRequest::get(path)
        }
    }

    /// A write of a whole object, serialized here: a body that cannot be
    /// written is an error for the caller, never an empty request.
    pub fn object_write(
        method: Method,
        path: impl Into<String>,
        object: &impl Serialize,
        params: WriteParams,
    ) -> Result<Self, ApiError> {
        let body = serde_json::to_string(object).map_err(|e| ApiError::Unexpected {
            code: 0,
            detail: format!("the object could not be written as JSON: {e}"),
        })?;
        Ok(params.apply(ApiRequest::json_write(method, path, JSON, body)))
    }

    pub fn with_query(mut self, key: &str, value: impl Into<String>) -> Self {
        self.query.push((key.to_string(), value.into()));
        self
    }

    /// The URL below the API base, query included: the executor puts the
    /// page's path prefix in front of it.
    pub fn url(&self) -> String {
        if self.query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, format_query(&self.query))
        }
    }
}

/// The name Keyhole's writes are recorded under in `managedFields`.
pub const FIELD_MANAGER: &str = "keyhole";

/// How an object is written (kube-rs's `PostParams`): the flags write their
/// own query, so no builder forgets one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteParams {
    /// `dryRun=All`: the server validates and answers, but stores nothing.
    pub dry_run: bool,
}

impl WriteParams {
    pub const SAVE: WriteParams = WriteParams { dry_run: false };
    pub const DRY_RUN: WriteParams = WriteParams { dry_run: true };

    fn apply(self, req: ApiRequest) -> ApiRequest {
        let req = req.with_query("fieldManager", FIELD_MANAGER);
        if self.dry_run {
            req.with_query("dryRun", "All")
        } else {
            req
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_name_their_manager_and_dry_runs_say_so() {
        let object = serde_json::json!({"kind": "Secret"});
        let save =
            ApiRequest::object_write(Method::Post, "/x", &object, WriteParams::SAVE).unwrap();
        assert_eq!(save.url(), "/x?fieldManager=keyhole");
        assert_eq!(save.body.as_deref(), Some(r#"{"kind":"Secret"}"#));
        assert_eq!(save.content_type, Some(JSON));
        let dry =
            ApiRequest::object_write(Method::Put, "/x", &object, WriteParams::DRY_RUN).unwrap();
        assert_eq!(dry.url(), "/x?fieldManager=keyhole&dryRun=All");
    }

    #[test]
    fn url_without_query_is_the_path() {
        assert_eq!(ApiRequest::get("/version").url(), "/version");
    }

    #[test]
    fn url_encodes_query_values_in_order() {
        let req = ApiRequest::get("/api/v1/namespaces/default/secrets")
            .with_query("labelSelector", "app in (web,db)")
            .with_query("limit", "500");
        assert_eq!(
            req.url(),
            "/api/v1/namespaces/default/secrets?labelSelector=app%20in%20%28web%2Cdb%29&limit=500"
        );
    }
}
