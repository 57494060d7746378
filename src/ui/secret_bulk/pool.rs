//! Runs one request per secret, a few at a time: a bulk action over
//! hundreds of secrets must not open hundreds of connections at once (the
//! browser queues past six per host, and a watch holds one).

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

/// How many requests of a bulk action are in flight at once.
const WIDTH: usize = 4;

/// Calls `work(i)` for every `i` in `0..count`, at most `WIDTH` at a time,
/// in order of `i`.
pub fn for_each<F, Fut>(count: usize, work: F)
where
    F: Fn(usize) -> Fut + Clone + 'static,
    Fut: Future<Output = ()> + 'static,
{
    let next = Rc::new(Cell::new(0usize));
    for _ in 0..WIDTH.min(count) {
        let (next, work) = (next.clone(), work.clone());
        leptos::task::spawn_local(async move {
            loop {
                let i = next.get();
                if i >= count {
                    break;
                }
                next.set(i + 1);
                work(i).await;
            }
        });
    }
}
