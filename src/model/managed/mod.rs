//! Secrets written by something else: who manages a secret (from its owner
//! references, labels and annotations), what that manager does to a hand
//! edit, and which field managers wrote which keys.

pub mod field_managers;
pub mod hand_edit;
pub mod manager;
pub mod source_state;
