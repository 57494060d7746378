//! A Secret as the user edits it: the draft, validation mirrored from the
//! apiserver, the server's field causes, the key changes a save makes, values
//! as text or bytes, the manifest (JSON or YAML), `.env` files.

pub mod dotenv;
pub mod draft;
pub mod key_changes;
pub mod manifest;
pub mod server_causes;
pub mod validation;
pub mod value;
pub mod yaml;
