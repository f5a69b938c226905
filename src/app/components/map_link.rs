use leptos::prelude::*;

use crate::app::components::icons::PinIcon;
use crate::app::i18n::use_i18n;
use crate::domain::map_link::{map_url, MapApp};
use crate::domain::Place;

/// "Ouvrir le plan": opens the place in the map app of the visitor's device.
#[component]
pub fn MapLink(place: Place) -> impl IntoView {
    let i18n = use_i18n();
    let user_agent = window().navigator().user_agent().unwrap_or_default();
    let href = map_url(&place, MapApp::for_user_agent(&user_agent));
    view! {
        <a class="button button-secondary" href=href>
            <PinIcon />
            {move || i18n.texts().open_map}
        </a>
    }
}
