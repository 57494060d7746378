//! Leaving a form with unsaved changes asks first. The open form registers
//! how to tell whether it has changes; everything that leaves it (Esc, a
//! link, switching namespace, the browser's back button, closing the tab)
//! asks the guard before going.

use leptos::prelude::*;

#[derive(Clone, Copy)]
struct OpenForm {
    id: u64,
    unsaved: Callback<(), bool>,
    /// How to leave it (its Cancel).
    leave: Callback<()>,
}

#[derive(Clone, Copy)]
pub struct LeaveGuard {
    /// The open form's "has it unsaved changes?", if a form is open, with
    /// the number it registered under (so a form that unmounts after the
    /// next one mounted does not unregister it).
    unsaved: StoredValue<Option<OpenForm>>,
    next: StoredValue<u64>,
}

const QUESTION: &str = "Leave this form? Your unsaved changes will be lost.";

impl LeaveGuard {
    /// Provides the guard to the app, and asks the browser to confirm
    /// closing or reloading the tab while a form has changes.
    pub fn provide() -> Self {
        let guard = LeaveGuard {
            unsaved: StoredValue::new(None),
            next: StoredValue::new(0),
        };
        provide_context(guard);
        let _ = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if guard.has_unsaved() {
                ev.prevent_default();
                // Older browsers need a return value to show their prompt.
                ev.set_return_value(QUESTION);
            }
        });
        guard
    }

    fn has_unsaved(&self) -> bool {
        self.unsaved
            .get_value()
            .is_some_and(|form| form.unsaved.run(()))
    }

    /// Leaves the open form (Esc), asking first if it has changes; false
    /// when no form is open.
    pub fn leave_form(&self) -> bool {
        let Some(form) = self.unsaved.get_value() else {
            return false;
        };
        if self.may_leave() {
            form.leave.run(());
        }
        true
    }

    /// True when nothing would be lost, or the user chose to leave anyway.
    pub fn may_leave(&self) -> bool {
        if !self.has_unsaved() {
            return true;
        }
        let leave = window().confirm_with_message(QUESTION).unwrap_or(false);
        if leave {
            // Asked once: the form is being left.
            self.unsaved.set_value(None);
        }
        leave
    }
}

/// Registers the calling form with the app's guard for as long as it is
/// mounted: `unsaved` tells whether leaving would lose changes, `leave` leaves.
pub fn guard_form(unsaved: Callback<(), bool>, leave: Callback<()>) {
    let Some(guard) = use_context::<LeaveGuard>() else {
        return;
    };
    let id = guard.next.get_value();
    guard.next.set_value(id + 1);
    guard
        .unsaved
        .set_value(Some(OpenForm { id, unsaved, leave }));
    on_cleanup(move || {
        guard.unsaved.update_value(|current| {
            if current.is_some_and(|form| form.id == id) {
                *current = None;
            }
        })
    });
}

/// Asks the app's guard; true where none was provided.
pub fn may_leave() -> bool {
    use_context::<LeaveGuard>().is_none_or(|g| g.may_leave())
}
