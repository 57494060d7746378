//! Which values are revealed. Everything starts masked; a revealed value is
//! masked again after 30 seconds, whatever the user is doing.

use leptos::prelude::*;
use std::collections::BTreeMap;
use std::time::Duration;

pub const REMASK_AFTER: Duration = Duration::from_secs(30);

/// Revealed keys, each with the number of the reveal that showed it, so an
/// old timer does not re-mask a value the user revealed again since.
#[derive(Clone, Copy)]
pub struct Reveal {
    shown: RwSignal<BTreeMap<String, u64>>,
    counter: StoredValue<u64>,
}

impl Reveal {
    pub fn new() -> Self {
        Reveal {
            shown: RwSignal::new(BTreeMap::new()),
            counter: StoredValue::new(0),
        }
    }

    pub fn is_shown(&self, key: &str) -> bool {
        self.shown.with(|s| s.contains_key(key))
    }

    pub fn any_shown(&self) -> bool {
        self.shown.with(|s| !s.is_empty())
    }

    pub fn show(&self, key: &str) {
        let ticket = self.counter.get_value() + 1;
        self.counter.set_value(ticket);
        self.shown.update(|s| {
            s.insert(key.to_string(), ticket);
        });
        let shown = self.shown;
        let key = key.to_string();
        set_timeout(
            move || {
                shown.try_update(|s| {
                    if s.get(&key) == Some(&ticket) {
                        s.remove(&key);
                    }
                });
            },
            REMASK_AFTER,
        );
    }

    pub fn hide(&self, key: &str) {
        self.shown.update(|s| {
            s.remove(key);
        });
    }

    pub fn toggle(&self, key: &str) {
        if self.is_shown(key) {
            self.hide(key)
        } else {
            self.show(key)
        }
    }

    pub fn hide_all(&self) {
        self.shown.set(BTreeMap::new());
    }
}
