//! The files the server writes: iCalendar feeds, CSV exports, SVG charts and QR codes, JPEG photos.

pub mod charts;
pub mod csv;
pub mod ics;
pub mod photos;
pub mod qr;
