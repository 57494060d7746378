//! Requests for what the cluster is: its version, its API, its namespaces.

use super::request::ApiRequest;

/// `GET /version`: answers even for users who may do nothing else, so it is the
/// first probe of whether the proxy and the cluster are reachable.
pub fn version() -> ApiRequest {
    ApiRequest::get("/version")
}

/// `GET /api`: the core API group's versions; confirms the API answers.
pub fn core_api_versions() -> ApiRequest {
    ApiRequest::get("/api")
}

/// `GET /api/v1/namespaces`: all namespaces, for the picker.
pub fn list_namespaces() -> ApiRequest {
    ApiRequest::get("/api/v1/namespaces")
}

/// `GET /api/v1/namespaces/{name}`: whether a namespace exists, for a
/// target the user may not write to (a 404 says it is not there at all).
pub fn get_namespace(name: &str) -> ApiRequest {
    ApiRequest::get(format!("/api/v1/namespaces/{name}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::request::{Method, ACCEPT_JSON};

    #[test]
    fn probes_are_plain_gets() {
        for (req, path) in [
            (version(), "/version"),
            (core_api_versions(), "/api"),
            (list_namespaces(), "/api/v1/namespaces"),
            (get_namespace("team-a"), "/api/v1/namespaces/team-a"),
        ] {
            assert_eq!(req.method, Method::Get);
            assert_eq!(req.path, path);
            assert!(req.query.is_empty());
            assert_eq!(req.accept, ACCEPT_JSON);
            assert_eq!(req.body, None);
        }
    }
}
