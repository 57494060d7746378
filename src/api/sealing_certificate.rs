//! Fetching the Sealed Secrets controller's certificate the way kubeseal
//! does (`openCertCluster`): read the controller's Service for the name of
//! its first port, then GET `/v1/cert.pem` through the apiserver's service
//! proxy (`services/http:<name>:<port>/proxy/v1/cert.pem`). Both are plain
//! GETs; nothing about the values is sent.

use super::resource_path::Resource;
use super::{client, ApiError, ApiRequest};
use serde::Deserialize;

const SERVICES: Resource = Resource::namespaced("/api/v1", "services");

/// kubeseal's defaults (`--controller-name`, `--controller-namespace`).
pub const DEFAULT_CONTROLLER: &str = "sealed-secrets-controller";
pub const DEFAULT_NAMESPACE: &str = "kube-system";

pub fn service_request(namespace: &str, name: &str) -> ApiRequest {
    ApiRequest::get(SERVICES.item(namespace, name))
}

/// The service proxy path; an empty port name means the Service's only port.
pub fn cert_request(namespace: &str, name: &str, port: &str) -> ApiRequest {
    let target = format!("http:{name}:{port}");
    let mut req = ApiRequest::get(format!(
        "{}/proxy/v1/cert.pem",
        SERVICES.item(namespace, &target)
    ));
    req.accept = "application/x-pem-file, */*";
    req
}

/// Just the Service fields kubeseal looks at.
#[derive(Deserialize)]
struct Service {
    #[serde(default)]
    spec: ServiceSpec,
}
#[derive(Deserialize, Default)]
struct ServiceSpec {
    #[serde(default)]
    ports: Vec<ServicePort>,
}
#[derive(Deserialize)]
struct ServicePort {
    #[serde(default)]
    name: String,
}

/// Which step failed, for the sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    ReadService,
    FetchCertificate,
}

/// The certificate's PEM text, or what to tell the user.
pub async fn fetch_certificate(namespace: &str, name: &str) -> Result<String, String> {
    let service: Service = client::send_json(&service_request(namespace, name))
        .await
        .map_err(|e| failure(Step::ReadService, &e, namespace, name))?;
    let port = service
        .spec
        .ports
        .first()
        .map(|p| p.name.clone())
        .unwrap_or_default();
    client::send_text(&cert_request(namespace, name, &port))
        .await
        .map_err(|e| failure(Step::FetchCertificate, &e, namespace, name))
}

/// What a failed step means for someone who wants to seal.
pub fn failure(step: Step, error: &ApiError, namespace: &str, name: &str) -> String {
    let paste = "or paste the controller's certificate (kubeseal --fetch-cert prints it)";
    match (step, error.code()) {
        (Step::ReadService, Some(404)) => format!(
            "There is no Service {name} in {namespace}. Name the controller's Service and namespace, {paste}."
        ),
        (Step::ReadService, Some(403)) => format!(
            "You may not read Services in {namespace}, so Keyhole cannot reach the controller: ask for get on services there, {paste}."
        ),
        (Step::FetchCertificate, Some(403)) => format!(
            "You may not use the service proxy in {namespace} (get services/proxy), {paste}."
        ),
        (Step::FetchCertificate, Some(code)) if code >= 500 => format!(
            "The controller behind {namespace}/{name} did not answer ({}). Is it running? Else {paste}.",
            detail(error)
        ),
        (Step::ReadService, _) => format!("Could not read the Service {namespace}/{name}: {error}"),
        (Step::FetchCertificate, _) => format!("Could not fetch the certificate from {namespace}/{name}: {error}"),
    }
}

fn detail(error: &ApiError) -> String {
    match error {
        ApiError::Status { message, .. } if !message.is_empty() => message.clone(),
        ApiError::ClusterUnreachable { detail, .. } | ApiError::Unexpected { detail, .. } => {
            detail.clone()
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16, message: &str) -> ApiError {
        ApiError::Status {
            code,
            reason: String::new(),
            message: message.into(),
            causes: Vec::new(),
        }
    }

    #[test]
    fn asks_for_the_service_then_its_proxy_like_kubeseal() {
        assert_eq!(
            service_request("kube-system", DEFAULT_CONTROLLER).url(),
            "/api/v1/namespaces/kube-system/services/sealed-secrets-controller"
        );
        assert_eq!(
            cert_request("kube-system", DEFAULT_CONTROLLER, "http").url(),
            "/api/v1/namespaces/kube-system/services/http%3Asealed-secrets-controller%3Ahttp/proxy/v1/cert.pem"
        );
        assert_eq!(
            cert_request("ops", "ss", "").path,
            "/api/v1/namespaces/ops/services/http%3Ass%3A/proxy/v1/cert.pem"
        );
    }

    #[test]
    fn reads_the_first_port_name() {
        let s: Service = serde_json::from_str(
            r#"{"spec":{"ports":[{"name":"http","port":8080},{"name":"metrics","port":8081}]}}"#,
        )
        .unwrap();
        assert_eq!(s.spec.ports[0].name, "http");
        let bare: Service = serde_json::from_str(r#"{"spec":{"ports":[{"port":8080}]}}"#).unwrap();
        assert_eq!(bare.spec.ports[0].name, "");
    }

    #[test]
    fn each_failure_says_what_to_do() {
        let missing = failure(
            Step::ReadService,
            &status(404, "not found"),
            "kube-system",
            "ss",
        );
        assert!(
            missing.contains("no Service ss in kube-system") && missing.contains("paste"),
            "{missing}"
        );
        let forbidden = failure(
            Step::FetchCertificate,
            &status(403, "forbidden"),
            "kube-system",
            "ss",
        );
        assert!(forbidden.contains("services/proxy"), "{forbidden}");
        let down = failure(
            Step::FetchCertificate,
            &status(503, "no endpoints available for service \"ss\""),
            "kube-system",
            "ss",
        );
        assert!(
            down.contains("no endpoints available") && down.contains("running"),
            "{down}"
        );
    }
}
