//! Saved places (markets, squares, centres, village halls): the list, corrections, new ones.

use leptos::prelude::*;

use super::StaffOnly;
use crate::api::paths::pages;
use crate::api::workshops::PlaceDraft;
use crate::app::client;
use crate::app::components::back_link::BackLink;
use crate::app::components::form::{Field, FormError, FormErrors};
use crate::app::components::states::{ErrorNotice, Loading};
use crate::app::pages::set_title;
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

#[component]
pub fn PlacesPage() -> impl IntoView {
    set_title("Lieux");
    let places = LocalResource::new(client::places);
    // The place being edited (its id), or 0 for a new one.
    let editing: RwSignal<Option<i64>> = RwSignal::new(None);
    view! {
        <div class="page narrow-page">
            <BackLink href=pages::STAFF label="Espace animation" />
            <h1>"Lieux enregistrés"</h1>
            <StaffOnly back=pages::PLACES>
                <div class="actions">
                    <button type="button" class="button button-primary" on:click=move |_| editing.set(Some(0))>
                        "Nouveau lieu"
                    </button>
                </div>
                {move || (editing.get() == Some(0)).then(|| view! {
                    <PlaceForm place=None on_done=Callback::new(move |()| { editing.set(None); places.refetch(); }) />
                })}
                {move || match places.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(error)) => view! {
                        <ErrorNotice error=error heading="Impossible d'afficher les lieux" retry=move |_| places.refetch() />
                    }.into_any(),
                    Some(Ok(list)) => view! {
                        <ul class="staff-list">
                            {list.into_iter().map(|place| {
                                let id = place.id;
                                view! {
                                    <li>
                                        <div class="staff-item-main">
                                            <strong>{place.name.clone()}</strong>
                                            <span class="muted">{place.postal_address()}</span>
                                        </div>
                                        <button type="button" class="button button-secondary button-small"
                                            on:click=move |_| editing.set(Some(id))>
                                            "Modifier"
                                        </button>
                                        {move || (editing.get() == Some(id)).then(|| view! {
                                            <PlaceForm place=Some(place.clone()) on_done=Callback::new(move |()| { editing.set(None); places.refetch(); }) />
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }}
            </StaffOnly>
        </div>
    }
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

#[component]
pub fn PlaceFields(inputs: PlaceInputs, errors: FormErrors) -> impl IntoView {
    view! {
        <Field label="Nom du lieu" id="place_name" value=inputs.name error=errors.for_field("place_name") required=true />
        <Field label="Adresse" id="address" value=inputs.address error=errors.for_field("address") autocomplete="street-address" required=true />
        <div class="field-row">
            <Field label="Code postal" id="postcode" value=inputs.postcode error=errors.for_field("postcode") inputmode="numeric" required=true />
            <Field label="Commune" id="commune" value=inputs.commune error=errors.for_field("commune") required=true />
        </div>
        <div class="field-row">
            <Field label="Latitude" id="latitude" value=inputs.latitude error=errors.for_field("latitude") inputmode="decimal" hint="ex. 45,0461" required=true />
            <Field label="Longitude" id="longitude" value=inputs.longitude error=errors.for_field("longitude") inputmode="decimal" hint="ex. 5,0508" required=true />
        </div>
    }
}

/// Creates a place (`place` None) or corrects one.
#[component]
fn PlaceForm(place: Option<Place>, on_done: Callback<()>) -> impl IntoView {
    let id = place.as_ref().map(|p| p.id);
    let inputs = PlaceInputs::new(place.as_ref());
    let errors = FormErrors::new(PLACE_FIELDS);
    let save = Action::new_local(move |draft: &PlaceDraft| {
        let draft = draft.clone();
        async move {
            match id {
                Some(id) => client::update_place(id, draft).await,
                None => client::create_place(draft).await,
            }
        }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => on_done.run(()),
        Some(Err(error)) => errors.set(&error),
        None => {}
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        match inputs.draft() {
            Ok(draft) => {
                save.dispatch(draft);
            }
            Err((field, message)) => errors.set_field(field, message),
        }
    };
    view! {
        <form class="card form place-form" on:submit=on_submit novalidate>
            <PlaceFields inputs=inputs errors=errors />
            <FormError errors=errors />
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>"Enregistrer le lieu"</button>
                <button type="button" class="button button-secondary" on:click=move |_| on_done.run(())>"Fermer"</button>
            </div>
        </form>
    }
}
