//! One edit of a secret from the form's point of view: what a submit sends
//! (or why it cannot), and how the user's edits are carried onto a newer
//! version after a conflict. Pure functions over the draft, so the editor's
//! whole submit flow is tested natively; the editor view only wires them.

pub mod prepare;
pub mod rebase;
pub mod value_text;
