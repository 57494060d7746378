//! Registry secrets: `.dockerconfigjson` as kubectl writes it.

pub mod config;
