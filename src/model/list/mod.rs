//! The secret list: the server's Table rows, the list kept live by
//! watch events, and ages.

pub mod age;
pub mod live_state;
pub mod rows;
pub mod selection;
pub mod table;
