//! Whether the proxy and the cluster answer, probed through `/version` and `/api`.

use crate::api::{self, client, ApiError};
use crate::model::cluster::version_label;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::APIVersions;
use k8s_openapi::apimachinery::pkg::version::Info;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Connection {
    Checking,
    Connected { version: String },
    Down(ApiError),
}

impl Connection {
    pub fn is_connected(&self) -> bool {
        matches!(self, Connection::Connected { .. })
    }
}

/// One probe: the version first (cheap, allowed for everyone), then the core
/// API, so a proxy that serves `/version` from cache cannot fool us.
pub async fn probe() -> Connection {
    let info = match client::send_json::<Info>(&api::discovery::version()).await {
        Ok(info) => info,
        Err(e) => return Connection::Down(e),
    };
    match client::send_json::<APIVersions>(&api::discovery::core_api_versions()).await {
        Ok(_) => Connection::Connected {
            version: version_label(&info),
        },
        Err(e) => Connection::Down(e),
    }
}
