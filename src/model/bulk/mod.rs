//! Actions on several secrets ticked in the list: delete them, add or
//! remove a label. Each secret is read first (its metadata only, never its
//! values) so the user confirms what is there now and every write carries
//! the resourceVersion that was read; one secret's failure stays its own.

pub mod delete_confirm;
pub mod item;
pub mod label_change;
