//! Pure logic: no browser APIs, no I/O. Everything here is tested natively.

pub mod age;
pub mod cluster;
pub mod dotenv;
pub mod key_changes;
pub mod manifest;
pub mod rbac_access;
pub mod rbac_grant;
pub mod reference_snippets;
pub mod secret_draft;
pub mod secret_list;
pub mod secret_table;
pub mod secret_usage;
pub mod secret_value;
pub mod server_causes;
pub mod url_encoding;
pub mod validation;
pub mod view_state;
