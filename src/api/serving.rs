//! Reads what the run command wrote beside the app's files: the kube context
//! being served and whether the proxy is read-only.

use crate::model::page::serving::{ServingInfo, SERVING_INFO_FILE};
use gloo_net::http::Request;

/// The serving information, or `None` when the app is served without it
/// (plain `kubectl proxy --www`, `trunk serve`) or it cannot be read.
pub async fn load() -> Option<ServingInfo> {
    // Relative to the page, like the app's own files: `/<prefix>/ui/…`.
    let response = Request::get(&format!("./{SERVING_INFO_FILE}"))
        .send()
        .await
        .ok()?;
    if !response.ok() {
        return None;
    }
    ServingInfo::parse(&response.text().await.ok()?)
}
