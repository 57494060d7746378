//! Service-account token secrets: the JWT's claims.

pub mod facts;
pub mod jwt;
