//! SSH secrets: reading the private key and its fingerprint.

pub mod facts;
pub mod key;
