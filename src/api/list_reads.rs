//! Reading a list an analysis needs, where a failure is part of the answer:
//! the analysis goes on without that list and says why it is missing.

use super::client::send_list_until;
use super::{ApiError, ApiRequest};
use crate::model::unread_lists::Unread;
use serde::de::DeserializeOwned;
use web_sys::AbortSignal;

/// What a failed list read means for the answer: forbidden is a permission
/// (the answer is "as far as you may see"), anything else is a fault.
pub fn unread_reason(error: &ApiError) -> Unread {
    if error.is_forbidden() {
        Unread::Forbidden
    } else {
        Unread::Failed(error.to_string())
    }
}

/// The list's items, or why it could not be read.
pub async fn read_list<T>(req: ApiRequest, signal: Option<&AbortSignal>) -> Result<Vec<T>, Unread>
where
    T: DeserializeOwned + k8s_openapi::ListableResource,
{
    send_list_until(&req, signal)
        .await
        .map_err(|e| unread_reason(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_is_a_permission_and_the_rest_are_faults() {
        let forbidden = ApiError::from_response(
            403,
            r#"{"kind":"Status","code":403,"reason":"Forbidden","message":"pods is forbidden"}"#,
        );
        assert_eq!(unread_reason(&forbidden), Unread::Forbidden);
        assert_eq!(
            unread_reason(&ApiError::ProxyUnreachable),
            Unread::Failed("kubectl proxy is not running".into())
        );
    }
}
