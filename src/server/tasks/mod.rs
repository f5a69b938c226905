//! What runs in the background while the server serves: the sender of messages, the nightly retention run.

pub mod retention;
pub mod sender;
