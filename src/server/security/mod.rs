//! Secrets and brakes: password hashes and session tokens, the login brake, whose forwarded address to believe.

pub mod auth;
pub mod proxies;
pub mod throttle;
