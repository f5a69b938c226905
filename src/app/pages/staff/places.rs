//! Saved places (markets, squares, centres, village halls): the list, corrections, new ones.

use leptos::prelude::*;

use crate::api::paths::pages;
use crate::api::workshops::PlaceDraft;
use crate::app::client;
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::form::{FormError, FormErrors};
use crate::app::components::place_fields::{PlaceFields, PlaceInputs, PLACE_FIELDS};
use crate::app::components::states::ShowRead;
use crate::app::page::set_title;
use crate::domain::Place;

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
                <ShowRead read=places error_heading="Impossible d'afficher les lieux" let:list>
                    {if list.is_empty() {
                        view! {
                            <p class="empty">
                                "Aucun lieu pour l'instant : où le camion s'arrête (une place, un centre, un jardin). "
                                "Il s'enregistre ici, ou depuis « Nouvel atelier », avec ses coordonnées pour la carte."
                            </p>
                        }.into_any()
                    } else { view! {
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
                    }.into_any() }}
                </ShowRead>
            </StaffOnly>
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
