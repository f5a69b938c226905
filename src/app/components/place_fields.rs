//! A place's fields (name, address, postcode, commune, coordinates): the places page and the
//! workshop editor's "new place" use them.

use leptos::prelude::*;

use crate::api::territory::in_territory;
use crate::api::workshops::PlaceDraft;
use crate::app::client;
use crate::app::components::form::{Field, FormErrors};
use crate::domain::text::fold;
use crate::domain::Place;

/// The fields of a place, as the form and the server name them.
pub const PLACE_FIELDS: &[&str] = &[
    "place_name",
    "address",
    "postcode",
    "commune",
    "latitude",
    "longitude",
];

/// Text inputs hold strings; coordinates accept a French decimal comma.
fn parse_decimal(text: &str) -> Option<f64> {
    text.trim().replace(',', ".").parse().ok()
}

/// The inputs of a place's fields, shared by this page and the workshop editor's "new place".
#[derive(Clone, Copy)]
pub struct PlaceInputs {
    name: RwSignal<String>,
    address: RwSignal<String>,
    postcode: RwSignal<String>,
    commune: RwSignal<String>,
    latitude: RwSignal<String>,
    longitude: RwSignal<String>,
}

impl PlaceInputs {
    pub fn new(place: Option<&Place>) -> PlaceInputs {
        let field = |value: Option<String>| RwSignal::new(value.unwrap_or_default());
        // Shown the French way, with a decimal comma.
        let coordinate = |value: f64| value.to_string().replace('.', ",");
        PlaceInputs {
            name: field(place.map(|p| p.name.clone())),
            address: field(place.map(|p| p.address.clone())),
            postcode: field(place.map(|p| p.postcode.clone())),
            commune: field(place.map(|p| p.commune.clone())),
            latitude: field(place.map(|p| coordinate(p.latitude))),
            longitude: field(place.map(|p| coordinate(p.longitude))),
        }
    }

    /// The draft to send, or the field whose text is not a number.
    pub fn draft(&self) -> Result<PlaceDraft, (&'static str, &'static str)> {
        Ok(PlaceDraft {
            name: self.name.get_untracked(),
            address: self.address.get_untracked(),
            postcode: self.postcode.get_untracked(),
            commune: self.commune.get_untracked(),
            latitude: parse_decimal(&self.latitude.get_untracked())
                .ok_or(("latitude", "Latitude attendue, par exemple 45,0461."))?,
            longitude: parse_decimal(&self.longitude.get_untracked())
                .ok_or(("longitude", "Longitude attendue, par exemple 5,0508."))?,
        })
    }
}

/// The fields; the commune is suggested from the cannery's territory (Réglages), whose
/// postcode fills an empty postcode field. A commune outside it is allowed, and said so.
#[component]
pub fn PlaceFields(inputs: PlaceInputs, errors: FormErrors) -> impl IntoView {
    let territory = LocalResource::new(client::territory);
    let known = move || territory.get().and_then(Result::ok).unwrap_or_default();
    Effect::new(move |_| {
        let commune = inputs.commune.get();
        let postcode = known()
            .into_iter()
            .find(|known| fold(&known.name) == fold(commune.trim()))
            .and_then(|known| known.postcodes.into_iter().next());
        if let Some(postcode) = postcode {
            if inputs.postcode.get_untracked().trim().is_empty() {
                inputs.postcode.set(postcode);
            }
        }
    });
    let outside = move || {
        let territory = known();
        let commune = inputs.commune.get();
        !territory.is_empty() && !commune.trim().is_empty() && !in_territory(&territory, &commune)
    };
    view! {
        <Field label="Nom du lieu" id="place_name" value=inputs.name error=errors.for_field("place_name") required=true />
        <Field label="Adresse" id="address" value=inputs.address error=errors.for_field("address") autocomplete="street-address" required=true />
        <div class="field-row">
            <Field label="Code postal" id="postcode" value=inputs.postcode error=errors.for_field("postcode") inputmode="numeric" required=true />
            <Field label="Commune" id="commune" value=inputs.commune error=errors.for_field("commune") list="territory-communes" required=true />
        </div>
        <datalist id="territory-communes">
            {move || known().into_iter().map(|commune| view! { <option value=commune.name></option> }).collect_view()}
        </datalist>
        {move || outside().then(|| view! {
            <p class="hint" role="status">"Cette commune n'est pas dans le territoire de la conserverie (Réglages) : le lieu est accepté quand même."</p>
        })}
        <div class="field-row">
            <Field label="Latitude" id="latitude" value=inputs.latitude error=errors.for_field("latitude") inputmode="decimal" hint="ex. 45,0461" required=true />
            <Field label="Longitude" id="longitude" value=inputs.longitude error=errors.for_field("longitude") inputmode="decimal" hint="ex. 5,0508" required=true />
        </div>
    }
}
