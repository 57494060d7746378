//! TLS secrets: checks before writing, whether the key matches,
//! certificate cards and expiry, the namespace's certificate scan.

pub mod check;
pub mod expiry;
pub mod facts;
pub mod key_match;
pub mod scan;
