//! RBAC for one secret: who can access it, and the Role and RoleBinding
//! that grant it.

pub mod access;
pub mod grant;
pub mod grant_plan;
