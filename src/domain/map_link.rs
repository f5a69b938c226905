//! Links that open a place in the phone's own map app.

use super::workshop::Place;

/// Which map app a device opens best.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapApp {
    /// iPhone and iPad: Apple Plans opens `maps.apple.com` links.
    Apple,
    /// Android: a `geo:` URI (RFC 5870) lets the person pick their map app.
    Geo,
    /// Desktop and anything else: OpenStreetMap in the browser.
    Web,
}

impl MapApp {
    pub fn for_user_agent(user_agent: &str) -> MapApp {
        if ["iPhone", "iPad", "iPod"]
            .iter()
            .any(|device| user_agent.contains(device))
        {
            MapApp::Apple
        } else if user_agent.contains("Android") {
            MapApp::Geo
        } else {
            MapApp::Web
        }
    }
}

pub fn map_url(place: &Place, app: MapApp) -> String {
    let (lat, lon) = (place.latitude, place.longitude);
    let label = percent_encode(&format!("{}, {}", place.name, place.commune));
    match app {
        MapApp::Apple => format!("https://maps.apple.com/?ll={lat},{lon}&q={label}"),
        MapApp::Geo => format!("geo:{lat},{lon}?q={lat},{lon}({label})"),
        MapApp::Web => {
            format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
        }
    }
}

/// A link that searches a postal address (a farm's pick-up place has no coordinates).
pub fn address_map_url(address: &str, commune: &str, app: MapApp) -> String {
    let query = percent_encode(&format!("{address}, {commune}"));
    match app {
        MapApp::Apple => format!("https://maps.apple.com/?q={query}"),
        MapApp::Geo => format!("geo:0,0?q={query}"),
        MapApp::Web => format!("https://www.openstreetmap.org/search?query={query}"),
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place() -> Place {
        Place {
            id: 0,
            name: "Place de l'Église".into(),
            address: "Place de l'Église".into(),
            postcode: "26540".into(),
            commune: "Mours-Saint-Eusèbe".into(),
            latitude: 45.0651,
            longitude: 5.0566,
        }
    }

    #[test]
    fn an_address_is_searched_in_the_map_app() {
        let url = address_map_url("1450 route de Peyrins", "Mours-Saint-Eusèbe", MapApp::Geo);
        assert_eq!(
            url,
            "geo:0,0?q=1450%20route%20de%20Peyrins%2C%20Mours-Saint-Eus%C3%A8be"
        );
        let web = address_map_url("Les Vergers", "Peyrins", MapApp::Web);
        assert!(
            web.ends_with("search?query=Les%20Vergers%2C%20Peyrins"),
            "{web}"
        );
    }

    #[test]
    fn each_platform_gets_its_map_app() {
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1";
        let android = "Mozilla/5.0 (Linux; Android 9; SM-J530F) Chrome/120.0 Mobile Safari/537.36";
        assert_eq!(MapApp::for_user_agent(iphone), MapApp::Apple);
        assert_eq!(MapApp::for_user_agent(android), MapApp::Geo);
        assert_eq!(
            MapApp::for_user_agent("Mozilla/5.0 (X11; Linux x86_64)"),
            MapApp::Web
        );
    }

    #[test]
    fn urls_carry_coordinates_and_an_encoded_label() {
        assert_eq!(
            map_url(&place(), MapApp::Geo),
            "geo:45.0651,5.0566?q=45.0651,5.0566(Place%20de%20l%27%C3%89glise%2C%20Mours-Saint-Eus%C3%A8be)"
        );
        assert!(map_url(&place(), MapApp::Apple)
            .starts_with("https://maps.apple.com/?ll=45.0651,5.0566&q=Place%20de"));
        assert!(map_url(&place(), MapApp::Web).contains("mlat=45.0651&mlon=5.0566"));
    }
}
