//! Pure rules and types: no IO, no framework. Compiles for the browser and the server.

pub mod account;
pub mod batch;
pub mod calendar;
pub mod centre;
pub mod impact;
pub mod lang;
pub mod ledger;
pub mod lot;
pub mod map_link;
pub mod notify;
pub mod producer;
pub mod recipe;
pub mod recurrence;
pub mod text;
pub mod texts;
pub mod time;
pub mod validation;
pub mod when;
pub mod workshop;

pub use account::Role;
pub use centre::Centre;
pub use lang::Lang;
pub use producer::Producer;
pub use workshop::{Place, Workshop, WorkshopKind, WorkshopStatus};
