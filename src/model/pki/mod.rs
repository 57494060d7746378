//! Reading public-key infrastructure: DER and PEM, X.509 certificates
//! and their names, public and private keys. Hostile input never panics.

pub mod der;
pub mod der_text;
pub mod pem;
pub mod private_key;
pub mod public_key;
pub mod x509;
pub mod x509_name;
