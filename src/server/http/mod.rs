//! The HTTP edge: the error type, extractors, sessions, the client's address, security headers, static files.

pub mod client_ip;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod security_headers;
pub mod session;
pub mod static_files;
