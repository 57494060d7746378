//! Pure logic: no browser APIs, no I/O. Everything here is tested natively.
//! One folder per subject; `secret_types` holds what is particular to each
//! built-in Secret type.

pub mod bulk;
pub mod cluster;
pub mod copy;
pub mod editing;
pub mod import;
pub mod list;
pub mod managed;
pub mod namespace_choice;
pub mod page;
pub mod pki;
pub mod problem;
pub mod rbac;
pub mod read_meta;
pub mod seal;
pub mod secret;
pub mod secret_types;
#[cfg(test)]
mod test_fixtures;
pub mod unread_lists;
pub mod usage;
