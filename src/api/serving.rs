//! Reads what the run command wrote beside the app's files: the kube context
//! being served and whether the proxy is read-only.

use super::client::send_text;
use super::ApiRequest;
use crate::model::page::serving::{ServingInfo, SERVING_INFO_FILE};

/// The file beside `index.html`, under the same prefix as the API
/// (`/<prefix>/ui/…`).
pub fn serving_info() -> ApiRequest {
    ApiRequest::get(format!("/ui/{SERVING_INFO_FILE}"))
}

/// The serving information, or `None` when the app is served without it
/// (plain `kubectl proxy --www`, `trunk serve`) or it cannot be read.
pub async fn load() -> Option<ServingInfo> {
    ServingInfo::parse(&send_text(&serving_info()).await.ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_sits_beside_the_app_under_the_api_base() {
        assert_eq!(serving_info().url(), "/ui/keyhole-serving.json");
    }
}
