//! Short notices for completed actions ("Copied", "Saved"). Never pass a
//! secret value here: toasts are visible text like any other.

use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    id: u64,
    text: String,
    error: bool,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

const SHOW_FOR: Duration = Duration::from_secs(4);

impl Toasts {
    pub fn new() -> Self {
        Toasts {
            items: RwSignal::new(Vec::new()),
            next: StoredValue::new(0),
        }
    }

    fn push(&self, text: String, error: bool) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.items.update(|v| v.push(Toast { id, text, error }));
        let items = self.items;
        set_timeout(
            move || {
                items.try_update(|v| v.retain(|t| t.id != id));
            },
            SHOW_FOR,
        );
    }

    pub fn info(&self, text: String) {
        self.push(text, false)
    }

    pub fn error(&self, text: String) {
        self.push(text, true)
    }
}

#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = expect_context::<Toasts>();
    view! {
        <div class="toasts" role="status" aria-live="polite" data-testid="toasts">
            <For each=move || toasts.items.get() key=|t| t.id let:toast>
                <div class=if toast.error { "toast toast-error" } else { "toast" }>{toast.text}</div>
            </For>
        </div>
    }
}
