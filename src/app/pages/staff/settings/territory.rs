//! "Réglages", the territory: the communes the cannery serves, picked from the official list by
//! intercommunality (EPCI), by département or one by one. The places' form offers them.

use leptos::prelude::*;

use crate::api::territory::{
    Commune, CommuneSearch, TerritoryAdded, TerritoryAddition, DEFAULT_EPCI,
};
use crate::app::client::{self, ClientError};
use crate::app::components::states::{ShowRead, STAFF_OFFLINE};

/// Adds communes to the territory; the finder's results dispatch it.
type AddAction = Action<TerritoryAddition, Result<TerritoryAdded, ClientError>>;

#[component]
pub fn Territory() -> impl IntoView {
    let territory = LocalResource::new(client::territory);
    let add = Action::new_local(|addition: &TerritoryAddition| {
        client::add_to_territory(addition.clone())
    });
    let remove = Action::new_local(|code: &String| client::remove_from_territory(code.clone()));
    // What the last change did, said after it (an error, or how many were added or taken out).
    let outcome: RwSignal<Option<(bool, String)>> = RwSignal::new(None);
    Effect::new(move |_| {
        let said = match add.value().get() {
            None => return,
            Some(Err(error)) => (true, error.message(STAFF_OFFLINE)),
            Some(Ok(added)) => (
                false,
                match added.added {
                    0 => "Ces communes étaient déjà dans le territoire.".to_string(),
                    1 => "1 commune ajoutée.".to_string(),
                    n => format!("{n} communes ajoutées."),
                },
            ),
        };
        outcome.set(Some(said));
        territory.refetch();
    });
    Effect::new(move |_| {
        let said = match remove.value().get() {
            None => return,
            Some(Err(error)) => (true, error.message(STAFF_OFFLINE)),
            Some(Ok(_)) => (false, "Commune retirée du territoire.".to_string()),
        };
        outcome.set(Some(said));
        territory.refetch();
    });
    let busy = move || add.pending().get() || remove.pending().get();
    view! {
        <section aria-labelledby="territory-heading">
            <h2 id="territory-heading">"Territoire desservi"</h2>
            <p class="muted">
                "Les communes que la conserverie dessert, d'après la liste officielle (code INSEE, codes postaux). "
                "Le formulaire des lieux les propose ; un lieu dans une autre commune reste possible."
            </p>
            <ShowRead read=territory error_heading="Impossible d'afficher le territoire" let:communes>
                {if communes.is_empty() {
                    view! {
                        <div class="empty-state">
                            <h3>"Aucune commune pour l'instant"</h3>
                            <p>"Dans la Drôme, la conserverie dessert en général l'agglomération de Valence Romans. Ou cherchez ci-dessous votre intercommunalité, votre département ou vos communes."</p>
                            <button type="button" class="button button-primary" disabled=busy
                                on:click=move |_| { add.dispatch(TerritoryAddition::Epci { code: DEFAULT_EPCI.into() }); }>
                                "Ajouter Valence Romans Agglo (54 communes)"
                            </button>
                        </div>
                    }.into_any()
                } else {
                    view! { <TerritoryList communes=communes remove=remove busy=Signal::derive(busy) /> }.into_any()
                }}
            </ShowRead>
            {move || outcome.get().map(|(failed, said)| view! {
                <p class=if failed { "notice notice-error" } else { "notice notice-success" } role="status">{said}</p>
            })}
            <CommuneFinder add=add busy=Signal::derive(busy) />
        </section>
    }
}

/// The territory's communes, each with a button that takes it out.
#[component]
fn TerritoryList(
    communes: Vec<Commune>,
    remove: Action<String, Result<Vec<Commune>, ClientError>>,
    busy: Signal<bool>,
) -> impl IntoView {
    let count = communes.len();
    view! {
        <details class="territory-list">
            <summary>{format!("{count} commune{} desservie{}", plural(count), plural(count))}</summary>
            <ul class="chips">
                {communes.into_iter().map(|commune| {
                    let code = commune.insee_code.clone();
                    let label = format!("Retirer {} du territoire", commune.name);
                    view! {
                        <li class="chip">
                            {commune.name.clone()}
                            <span class="muted">{commune.postcodes.join(", ")}</span>
                            <button type="button" class="chip-remove" aria-label=label.clone() title=label
                                disabled=move || busy.get()
                                on:click=move |_| { remove.dispatch(code.clone()); }>
                                "×"
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </details>
    }
}

/// Searches the official list, and adds what it found.
#[component]
fn CommuneFinder(add: AddAction, busy: Signal<bool>) -> impl IntoView {
    let words = RwSignal::new(String::new());
    let search = Action::new_local(|words: &String| client::search_communes(words.clone()));
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        search.dispatch(words.get_untracked());
    };
    view! {
        <form class="card form commune-finder" on:submit=on_submit>
            <label for="commune-search">"Ajouter au territoire"</label>
            <p class="hint" id="commune-search-hint">"Le nom ou le code postal d'une commune, le nom d'une intercommunalité ou d'un département."</p>
            <div class="search-row">
                <input id="commune-search" type="search" aria-describedby="commune-search-hint" prop:value=words
                    on:input=move |event| words.set(event_target_value(&event)) />
                <button type="submit" class="button button-primary">"Chercher"</button>
            </div>
            {move || match search.value().get() {
                None => None,
                Some(Err(error)) => Some(view! {
                    <p class="notice notice-error" role="alert">{error.message(STAFF_OFFLINE)}</p>
                }.into_any()),
                Some(Ok(found)) => Some(view! { <Found found=found add=add busy=busy /> }.into_any()),
            }}
        </form>
    }
}

#[component]
fn Found(found: CommuneSearch, add: AddAction, busy: Signal<bool>) -> impl IntoView {
    if found.epcis.is_empty() && found.departements.is_empty() && found.communes.is_empty() {
        return view! { <p class="muted">"Rien de ce nom dans la liste officielle."</p> }
            .into_any();
    }
    let row = move |label: String, detail: String, addition: TerritoryAddition| {
        view! {
            <li>
                <div class="staff-item-main">
                    <strong>{label}</strong>
                    <span class="muted">{detail}</span>
                </div>
                <button type="button" class="button button-secondary button-small" disabled=move || busy.get()
                    on:click=move |_| { add.dispatch(addition.clone()); }>
                    "Ajouter"
                </button>
            </li>
        }
    };
    view! {
        <ul class="staff-list found-communes">
            {found.epcis.into_iter().map(|epci| row(
                epci.name,
                format!("Intercommunalité · {} communes", epci.communes),
                TerritoryAddition::Epci { code: epci.code },
            )).collect_view()}
            {found.departements.into_iter().map(|departement| row(
                format!("{} ({})", departement.name, departement.code),
                format!("Département · {} communes", departement.communes),
                TerritoryAddition::Departement { code: departement.code },
            )).collect_view()}
            {found.communes.into_iter().map(|commune| row(
                commune.name,
                format!("Commune · {} · INSEE {}", commune.postcodes.join(", "), commune.insee_code),
                TerritoryAddition::Communes { insee_codes: vec![commune.insee_code] },
            )).collect_view()}
        </ul>
    }.into_any()
}

fn plural(count: usize) -> &'static str {
    if count > 1 {
        "s"
    } else {
        ""
    }
}
