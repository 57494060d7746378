//! Reading a list an analysis needs, where a failure is part of the answer:
//! the analysis goes on without that list and says why it is missing.

use super::client::{decode_list, send_text_until};
use super::{ApiError, ApiRequest};
use crate::model::unread_lists::Unread;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
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

/// Sends every request at once and waits for all of them: each answer's
/// body, or why it is missing, in the order asked. Aborting `signal` ends
/// them all.
pub async fn read_all(
    reqs: &[ApiRequest],
    signal: Option<&AbortSignal>,
) -> Vec<Result<String, Unread>> {
    let sends = reqs.iter().map(|req| send_text_until(req, signal));
    join_all(sends)
        .await
        .into_iter()
        .map(|answer| answer.map_err(|e| unread_reason(&e)))
        .collect()
}

/// The answers of [`read_all`] for `N` requests, to take apart by position.
pub fn answers<const N: usize>(reads: Vec<Result<String, Unread>>) -> [Result<String, Unread>; N] {
    reads
        .try_into()
        .unwrap_or_else(|_| unreachable!("read_all answers every request"))
}

/// The items of one list [`read_all`] read.
pub fn items<T: DeserializeOwned>(read: Result<String, Unread>) -> Result<Vec<T>, Unread> {
    decode_list(&read?).map_err(|e| unread_reason(&e))
}

/// Polls every future until all are done; their outputs in order. A few
/// lines instead of the `futures` crate's `join!`, which cost the bundle
/// 5.5 KB gzip for the same job.
fn join_all<F: Future>(futures: impl Iterator<Item = F>) -> JoinAll<F> {
    let pending: Vec<_> = futures.map(|f| Some(Box::pin(f))).collect();
    let done = pending.iter().map(|_| None).collect();
    JoinAll { pending, done }
}

struct JoinAll<F: Future> {
    pending: Vec<Option<Pin<Box<F>>>>,
    done: Vec<Option<F::Output>>,
}

// Nothing in JoinAll is pinned in place: the futures are pinned in their own
// boxes, and outputs are only moved out.
impl<F: Future> Unpin for JoinAll<F> {}

impl<F: Future> Future for JoinAll<F> {
    type Output = Vec<F::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        for (slot, out) in this.pending.iter_mut().zip(this.done.iter_mut()) {
            if let Some(future) = slot {
                if let Poll::Ready(output) = future.as_mut().poll(cx) {
                    *out = Some(output);
                    *slot = None;
                }
            }
        }
        if this.pending.iter().any(Option::is_some) {
            return Poll::Pending;
        }
        Poll::Ready(this.done.iter_mut().filter_map(Option::take).collect())
    }
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

    #[test]
    fn a_list_body_gives_its_items_and_a_bad_one_a_reason() {
        use crate::model::usage::objects::Pod;
        let list = r#"{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[{"metadata":{"name":"web-0"}}]}"#;
        let pods = items::<Pod>(Ok(list.into())).unwrap();
        assert_eq!(pods[0].metadata.name.as_deref(), Some("web-0"));
        assert!(matches!(
            items::<Pod>(Ok("<html>".into())),
            Err(Unread::Failed(_))
        ));
        assert_eq!(
            items::<Pod>(Err(Unread::Forbidden)).unwrap_err(),
            Unread::Forbidden
        );
    }

    #[test]
    fn join_all_gives_every_output_in_order() {
        // Futures that are ready at once, polled by a no-op waker.
        let joined = join_all([3, 1, 2].into_iter().map(|n| async move { n * 10 }));
        let waker = std::task::Waker::noop();
        let mut cx = Context::from_waker(waker);
        let mut joined = Box::pin(joined);
        assert_eq!(joined.as_mut().poll(&mut cx), Poll::Ready(vec![30, 10, 20]));
    }
}
