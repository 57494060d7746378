//! Copying a secret into other namespaces: what the copy keeps and drops
//! (`plan`), which namespaces the user asked for (`targets`), and what
//! happened in each of them (`outcome`).

pub mod outcome;
pub mod plan;
pub mod targets;
