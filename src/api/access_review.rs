//! "May I?": a SelfSubjectAccessReview asks the API server whether the
//! current user may do one thing, so the UI offers only what will work.

use super::request::{ApiRequest, Method, JSON};
use serde_json::json;

/// One question: may I `verb` the `resource` (in `group`) named `name` in `namespace`?
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question<'a> {
    pub verb: &'a str,
    pub group: &'a str,
    pub resource: &'a str,
    pub namespace: &'a str,
    pub name: Option<&'a str>,
}

pub fn self_subject_access_review(q: &Question) -> ApiRequest {
    let mut attributes = json!({
        "verb": q.verb,
        "group": q.group,
        "resource": q.resource,
        "namespace": q.namespace,
    });
    if let Some(name) = q.name {
        attributes["name"] = json!(name);
    }
    let body = json!({
        "apiVersion": "authorization.k8s.io/v1",
        "kind": "SelfSubjectAccessReview",
        "spec": { "resourceAttributes": attributes }
    });
    ApiRequest::json_write(
        Method::Post,
        "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
        JSON,
        body.to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_names_verb_resource_and_object() {
        let req = self_subject_access_review(&Question {
            verb: "patch",
            group: "apps",
            resource: "deployments",
            namespace: "default",
            name: Some("web"),
        });
        assert_eq!(req.method, Method::Post);
        let body: serde_json::Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["kind"], "SelfSubjectAccessReview");
        assert_eq!(body["spec"]["resourceAttributes"]["verb"], "patch");
        assert_eq!(body["spec"]["resourceAttributes"]["name"], "web");
    }
}
