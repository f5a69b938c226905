//! "Réglages" (admins): the cannery's own settings. Its centres: made, corrected, closed (a
//! closed centre keeps its history and stock figures, and is offered nowhere) or opened again;
//! its territory (territory.rs); the season's produce, the jar deposit and the tic-tac prices
//! (season.rs).

mod season;
mod territory;

use leptos::prelude::*;

use crate::api::centres::{CentreDraft, CentreSettings};
use crate::api::paths::pages;
use crate::app::client;
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::form::{Field, FormError, FormErrors};
use crate::app::components::states::{ShowRead, STAFF_OFFLINE};
use crate::app::page::set_title;
use crate::app::session::use_session;
use crate::domain::account::format_phone;
use crate::domain::Role;
use season::{JarDeposit, SeasonProduce, TicTacPrices};
use territory::Territory;

/// A centre's fields, as the server names them.
const CENTRE_FIELDS: &[&str] = &[
    "name",
    "address",
    "postcode",
    "commune",
    "phone",
    "opening_hours",
];

#[component]
pub fn SettingsPage() -> impl IntoView {
    set_title("Réglages");
    let session = use_session();
    let is_admin = move || session.me().is_some_and(|me| me.role == Role::Admin);
    view! {
        <div class="page narrow-page">
            <BackLink href=pages::STAFF label="Espace animation" />
            <h1>"Réglages"</h1>
            <StaffOnly back=pages::SETTINGS>
                {move || match is_admin() {
                    true => view! {
                        <Centres />
                        <Territory />
                        <SeasonProduce />
                        <JarDeposit />
                        <TicTacPrices />
                    }.into_any(),
                    false => view! {
                        <p class="notice notice-error" role="alert">
                            "Les réglages sont réservés aux administrateur·rice·s."
                        </p>
                    }.into_any(),
                }}
            </StaffOnly>
        </div>
    }
}

/// The centres, open ones first; one form open at a time.
#[component]
fn Centres() -> impl IntoView {
    let centres = LocalResource::new(client::centre_settings);
    // The centre being edited (its id), or 0 for a new one.
    let editing: RwSignal<Option<i64>> = RwSignal::new(None);
    let done = Callback::new(move |()| {
        editing.set(None);
        centres.refetch();
    });
    view! {
        <section aria-labelledby="centres-heading">
            <h2 id="centres-heading">"Centres"</h2>
            <p class="muted">
                "Où les bocaux sont stockés et remis, et où les adhérents sont inscrits. "
                "Un centre fermé garde son historique et ses stocks, mais n'est plus proposé nulle part."
            </p>
            <div class="actions">
                <button type="button" class="button button-primary" on:click=move |_| editing.set(Some(0))>
                    "Nouveau centre"
                </button>
            </div>
            {move || (editing.get() == Some(0)).then(|| view! { <CentreForm centre=None on_done=done /> })}
            <ShowRead read=centres error_heading="Impossible d'afficher les centres" let:list>
                {if list.is_empty() {
                    view! {
                        <p class="empty">
                            "Aucun centre pour l'instant. Créez le premier : les comptes des adhérents, "
                            "le comptoir et le stock en ont besoin."
                        </p>
                    }.into_any()
                } else {
                    view! {
                        <ul class="staff-list">
                            {list.into_iter().map(|centre| view! {
                                <CentreRow centre=centre editing=editing on_done=done />
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </ShowRead>
        </section>
    }
}

#[component]
fn CentreRow(
    centre: CentreSettings,
    editing: RwSignal<Option<i64>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let id = centre.id;
    let closed = centre.closed;
    let closing = Action::new_local(move |close: &bool| client::set_centre_closed(id, *close));
    let refusal = move || match closing.value().get() {
        Some(Err(error)) => Some(error.message(STAFF_OFFLINE)),
        _ => None,
    };
    Effect::new(move |_| {
        if let Some(Ok(_)) = closing.value().get() {
            on_done.run(());
        }
    });
    let details = [
        Some(format!(
            "{}, {} {}",
            centre.address, centre.postcode, centre.commune
        )),
        (!centre.phone.is_empty()).then(|| format_phone(&centre.phone)),
        (!centre.opening_hours.is_empty()).then(|| centre.opening_hours.clone()),
    ];
    view! {
        <li>
            <div class="staff-item-main">
                <strong class="staff-item-title">{centre.name.clone()}</strong>
                {closed.then(|| view! { <span class="badge status-cancelled">"Fermé"</span> })}
                {details.into_iter().flatten().map(|line| view! { <span class="muted">{line}</span> }).collect_view()}
            </div>
            <div class="row-actions">
                <button type="button" class="button button-secondary button-small"
                    on:click=move |_| editing.set(Some(id))>
                    "Modifier"
                </button>
                <button type="button" class="button button-secondary button-small"
                    disabled=move || closing.pending().get()
                    on:click=move |_| { closing.dispatch(!closed); }>
                    {if closed { "Rouvrir" } else { "Fermer le centre" }}
                </button>
            </div>
            {move || refusal().map(|message| view! { <p class="notice notice-error" role="alert">{message}</p> })}
            {move || (editing.get() == Some(id)).then(|| view! {
                <CentreForm centre=Some(centre.clone()) on_done=on_done />
            })}
        </li>
    }
}

/// Creates a centre (`centre` None) or corrects one.
#[component]
fn CentreForm(centre: Option<CentreSettings>, on_done: Callback<()>) -> impl IntoView {
    let id = centre.as_ref().map(|centre| centre.id);
    let start = centre.map(|centre| centre.draft()).unwrap_or_default();
    let name = RwSignal::new(start.name);
    let address = RwSignal::new(start.address);
    let postcode = RwSignal::new(start.postcode);
    let commune = RwSignal::new(start.commune);
    let phone = RwSignal::new(start.phone);
    let opening_hours = RwSignal::new(start.opening_hours);
    let errors = FormErrors::new(CENTRE_FIELDS);
    let save = Action::new_local(move |draft: &CentreDraft| {
        let draft = draft.clone();
        async move {
            match id {
                Some(id) => client::update_centre(id, draft).await,
                None => client::create_centre(draft).await,
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
        let draft = CentreDraft {
            name: name.get_untracked(),
            address: address.get_untracked(),
            postcode: postcode.get_untracked(),
            commune: commune.get_untracked(),
            phone: phone.get_untracked(),
            opening_hours: opening_hours.get_untracked(),
        };
        // Checked here first, as the server will, to say it at once.
        match draft.checked() {
            Ok(draft) => {
                save.dispatch(draft);
            }
            Err(error) => errors.set_field(error.field, error.message),
        }
    };
    view! {
        <form class="card form" on:submit=on_submit novalidate>
            <Field label="Nom du centre" id="name" value=name error=errors.for_field("name") required=true />
            <Field label="Adresse" id="address" value=address error=errors.for_field("address") autocomplete="street-address" required=true />
            <div class="field-row">
                <Field label="Code postal" id="postcode" value=postcode error=errors.for_field("postcode") inputmode="numeric" required=true />
                <Field label="Commune" id="commune" value=commune error=errors.for_field("commune") required=true />
            </div>
            <Field label="Téléphone" id="phone" value=phone error=errors.for_field("phone") kind="tel" inputmode="tel" hint="facultatif" />
            <Field label="Horaires d'ouverture" id="opening_hours" value=opening_hours error=errors.for_field("opening_hours") hint="ex. Lundi à vendredi, 9 h – 12 h et 14 h – 18 h" />
            <FormError errors=errors />
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>"Enregistrer le centre"</button>
                <button type="button" class="button button-secondary" on:click=move |_| on_done.run(())>"Annuler"</button>
            </div>
        </form>
    }
}
