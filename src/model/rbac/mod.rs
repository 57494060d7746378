//! RBAC for one secret: who can access it, the roles that would grant it
//! but are bound to nobody, and the Role and RoleBinding that grant it.

pub mod access;
pub mod grant;
pub mod grant_plan;
pub mod objects;
pub mod unbound;
