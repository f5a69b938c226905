//! Bocal: the web platform of the *conserverie mobile et solidaire* of Romans-sur-Isère.
//!
//! One crate, two targets (see ../shared/DESIGN.md): data flows one way,
//! `domain` <- `api` <- (`app` | `server`).

pub mod api;
pub mod domain;

#[cfg(feature = "csr")]
pub mod app;

#[cfg(feature = "server")]
pub mod server;
