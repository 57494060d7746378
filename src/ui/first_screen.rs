//! Work the first screen can do without — the connection probe (and with it
//! the namespace names), the served context, the list's permission reviews —
//! waits until that screen has been drawn. Started at once, each of them
//! builds and sends its request, and reads its answer, in the main thread
//! between the list's page arriving and its rows being built: measured, a
//! fifth of the time from the module's start to the complete list.

use std::cell::RefCell;
use std::time::Duration;

/// Whatever happens to the first screen (a list that never answers), the
/// deferred work starts after this.
const AT_THE_LATEST: Duration = Duration::from_millis(1000);

type Deferred = Box<dyn FnOnce()>;

thread_local! {
    /// `Some` until the first screen is drawn: the work waiting for it.
    static WAITING: RefCell<Option<Vec<Deferred>>> = RefCell::new(Some(Vec::new()));
}

/// Runs `work` once the first screen is drawn; at once after that.
pub fn after_first_screen(work: impl FnOnce() + 'static) {
    let work: Deferred = Box::new(work);
    let now = WAITING.with(|waiting| match waiting.borrow_mut().as_mut() {
        Some(queue) => {
            queue.push(work);
            None
        }
        None => Some(work),
    });
    if let Some(work) = now {
        work();
    }
}

/// Arms the fallback: called once at start-up.
pub fn start_clock() {
    leptos::prelude::set_timeout(release, AT_THE_LATEST);
}

/// The first screen has its content in the DOM: the waiting work starts
/// after the browser has drawn it (the next frame, then a task of its own,
/// so none of it runs before that paint). Later calls do nothing.
pub fn drawn() {
    if WAITING.with(|waiting| waiting.borrow().is_none()) {
        return;
    }
    leptos::prelude::request_animation_frame(|| {
        leptos::prelude::set_timeout(release, Duration::ZERO);
    });
}

fn release() {
    let queue = WAITING.with(|waiting| waiting.borrow_mut().take());
    for work in queue.into_iter().flatten() {
        work();
    }
}
