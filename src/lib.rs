//! Keyhole manages Kubernetes Secrets in the browser, through `kubectl proxy`.
//!
//! Three layers, dependencies point one way: `ui` → `api` → `model`.
//! `model` is pure Rust (no browser APIs) and is tested natively; `api` builds
//! requests as plain values and has one thin executor; `ui` renders.

pub mod api;
pub mod model;
pub mod ui;
