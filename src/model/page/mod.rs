//! What the page itself keeps: the view state in the URL, where the app
//! is served from, and what becomes of a copied value.

pub mod clipboard;
pub mod serving;
pub mod url_encoding;
pub mod view_state;
