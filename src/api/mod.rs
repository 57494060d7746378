//! Talking to Kubernetes through `kubectl proxy` (same origin as the page,
//! under the path prefix the page itself is served under).
//!
//! Request builders are pure functions returning [`ApiRequest`] values that
//! tests assert on; [`client`] is the one thin executor that sends them.

pub mod access_review;
mod api_base;
pub mod bulk;
pub mod client;
pub mod copy_target;
pub mod discovery;
pub mod error;
pub mod explain;
pub mod helm_release;
pub mod list_reads;
pub mod live_list;
pub mod managed;
pub mod object_link;
pub mod rbac;
pub mod request;
pub mod resource_path;
pub mod seal;
pub mod sealing_certificate;
pub mod secrets;
pub mod serving;
pub mod watch_stream;
pub mod workloads;
pub mod write_failure;

pub use error::ApiError;
pub use request::{ApiRequest, Method};
