//! The built-in Secret types (`kubernetes.io/tls`, dockerconfigjson,
//! basic-auth, ssh-auth, service-account-token): their required keys, the
//! typed forms, and what each type's values say.

pub mod docker;
pub mod draft;
pub mod form;
pub mod helm_release;
pub mod kinds;
pub mod ssh;
pub mod tls;
pub mod token;
