//! Who uses a secret, how, and what a rotation means for them; the
//! copy-ready snippets for using it in a pod.

pub mod consumers;
pub mod objects;
pub mod reloader;
pub mod snippets;
