//! Route paths. The server mounts these; the client calls these.

pub const HEALTH: &str = "/api/v1/health";
pub const WORKSHOPS: &str = "/api/v1/workshops";
/// The whole public calendar as an iCalendar feed a phone can subscribe to.
pub const WORKSHOPS_ICS: &str = "/api/v1/workshops.ics";

pub fn workshop(id: i64) -> String {
    format!("{WORKSHOPS}/{id}")
}

/// One workshop as an iCalendar file ("Ajouter à mon agenda").
pub fn workshop_ics(id: i64) -> String {
    format!("{WORKSHOPS}/{id}.ics")
}

/// Pages of the web app (the server answers every such path with index.html).
pub mod pages {
    pub fn workshop(id: i64) -> String {
        format!("/ateliers/{id}")
    }
}
