//! One loading state for the page's lists: the sections that read the
//! namespace's workloads and RBAC objects report here while they wait, and
//! the page shows a single line for all of them instead of one each.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct LoadingSections {
    waiting: RwSignal<u32>,
}

impl LoadingSections {
    pub fn provide() -> Self {
        let sections = LoadingSections {
            waiting: RwSignal::new(0),
        };
        provide_context(sections);
        sections
    }

    pub fn any_waiting(&self) -> bool {
        self.waiting.get() > 0
    }
}

/// Called by a section as it starts reading; it calls the returned function
/// when its first answer is in (later calls do nothing). A section that
/// unmounts early counts as done.
pub fn report_loading() -> impl Fn() + Copy {
    let sections = use_context::<LoadingSections>();
    let done = StoredValue::new(false);
    if let Some(s) = sections {
        s.waiting.update(|n| *n += 1);
    }
    let finish = move || {
        if !done.get_value() {
            done.set_value(true);
            if let Some(s) = sections {
                s.waiting.try_update(|n| *n = n.saturating_sub(1));
            }
        }
    };
    on_cleanup(finish);
    finish
}
