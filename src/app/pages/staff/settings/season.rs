//! "Réglages": the season's produce (what the farmers' lot form suggests, what makes a recipe
//! "de saison"), the jar deposit from a date on, and where the tic-tac prices are set.

use chrono::{NaiveDate, Utc};
use leptos::prelude::*;

use crate::api::paths::pages;
use crate::api::produce::{DepositRate, Produce, ProduceDraft};
use crate::app::client;
use crate::app::components::form::{Field, FormError, FormErrors};
use crate::app::components::states::{ShowRead, STAFF_OFFLINE};
use crate::domain::lot::{format_cents, parse_euros};
use crate::domain::time::local_date;
use crate::domain::when::month_name;
use crate::domain::Lang;

/// The list, offered ones first; one form open at a time.
#[component]
pub fn SeasonProduce() -> impl IntoView {
    let list = LocalResource::new(client::produce_settings);
    // The produce being edited (its id), or 0 for a new one.
    let editing: RwSignal<Option<i64>> = RwSignal::new(None);
    // Whether the list is unfolded: it stays so when it is read again after a change.
    let unfolded = RwSignal::new(false);
    let done = Callback::new(move |()| {
        editing.set(None);
        list.refetch();
    });
    let on_toggle = move |event: leptos::ev::Event| {
        let details: web_sys::Element = event_target(&event);
        unfolded.set(details.has_attribute("open"));
    };
    view! {
        <section aria-labelledby="produce-heading">
            <h2 id="produce-heading">"Produits de saison"</h2>
            <p class="muted">
                "Ce que le formulaire des producteurs propose en premier selon le mois, et ce qui "
                "rend une recette « de saison ». Un producteur peut toujours écrire un autre produit. "
                "Un produit déjà nommé par un lot ou une recette se retire, il ne se supprime pas."
            </p>
            <div class="actions">
                <button type="button" class="button button-primary" on:click=move |_| editing.set(Some(0))>
                    "Nouveau produit"
                </button>
            </div>
            {move || (editing.get() == Some(0)).then(|| {
                // The new produce shows in the list, unfolded.
                let on_done = Callback::new(move |()| {
                    unfolded.set(true);
                    done.run(());
                });
                view! { <ProduceForm produce=None on_done=on_done /> }
            })}
            <ShowRead read=list error_heading="Impossible d'afficher les produits" let:list>
                {if list.is_empty() {
                    view! {
                        <p class="empty">
                            "La liste est vide : les producteurs écrivent leur produit eux-mêmes, "
                            "et aucune recette n'est « de saison ». Ajoutez les fruits et légumes de votre territoire."
                        </p>
                    }.into_any()
                } else {
                    let count = list.len();
                    let (offered, retired): (Vec<Produce>, Vec<Produce>) =
                        list.into_iter().partition(|produce| !produce.retired);
                    view! {
                        <details class="produce-details" prop:open=move || unfolded.get() on:toggle=on_toggle>
                            <summary>{format!("{count} produits dans la liste")}</summary>
                            <ul class="staff-list produce-list">
                                {offered.into_iter().chain(retired).map(|produce| view! {
                                    <ProduceRow produce=produce editing=editing on_done=done />
                                }).collect_view()}
                            </ul>
                        </details>
                    }.into_any()
                }}
            </ShowRead>
        </section>
    }
}

#[component]
fn ProduceRow(
    produce: Produce,
    editing: RwSignal<Option<i64>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let (id, retired) = (produce.id, produce.retired);
    view! {
        <li class="produce-row" class:retired=retired>
            <div class="staff-item-main">
                <strong class="staff-item-title">{produce.name.clone()}</strong>
                {retired.then(|| view! { <span class="badge status-cancelled">"Retiré"</span> })}
                <span class="muted">{produce.season_fr()}</span>
            </div>
            <button type="button" class="button button-secondary button-small"
                on:click=move |_| editing.set(Some(id))>
                "Modifier"
            </button>
            {move || (editing.get() == Some(id)).then(|| view! {
                <ProduceForm produce=Some(produce.clone()) on_done=on_done />
            })}
        </li>
    }
}

/// Adds a produce (`produce` None) or corrects one: a name and its months, ticked. A produce
/// being corrected can also leave the list: deleted when nothing names it, else retired.
#[component]
fn ProduceForm(produce: Option<Produce>, on_done: Callback<()>) -> impl IntoView {
    let id = produce.as_ref().map(|produce| produce.id);
    let name = RwSignal::new(produce.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    let months = RwSignal::new(
        produce
            .as_ref()
            .map(|p| p.months.clone())
            .unwrap_or_default(),
    );
    let errors = FormErrors::new(&["name", "months"]);
    let save = Action::new_local(move |draft: &ProduceDraft| {
        let draft = draft.clone();
        async move {
            match id {
                Some(id) => client::update_produce(id, draft).await,
                None => client::create_produce(draft).await,
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
        let draft = ProduceDraft {
            name: name.get_untracked(),
            months: months.get_untracked(),
        };
        match draft.checked() {
            Ok(draft) => {
                save.dispatch(draft);
            }
            Err(error) => errors.set_field(error.field, error.message),
        }
    };
    let months_error = errors.for_field("months");
    view! {
        <form class="card form" on:submit=on_submit novalidate>
            <Field label="Nom du produit" id="produce_name" value=name error=errors.for_field("name") required=true hint="ex. Tomates, Haricots verts" />
            <fieldset class="field month-picker" class:has-error=move || months_error.get().is_some()>
                <legend>"Mois de saison"</legend>
                <div class="chips">
                    {(1..=12u32).map(|month| {
                        let ticked = move || months.get().contains(&month);
                        let toggle = move |_| months.update(|months| {
                            match months.iter().position(|m| *m == month) {
                                Some(index) => { months.remove(index); }
                                None => months.push(month),
                            }
                        });
                        view! {
                            <button type="button" class="chip" aria-pressed=move || ticked().to_string() on:click=toggle>
                                {month_name(Lang::Fr, month)}
                            </button>
                        }
                    }).collect_view()}
                </div>
                {move || months_error.get().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
            </fieldset>
            <FormError errors=errors />
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>"Enregistrer le produit"</button>
                <button type="button" class="button button-secondary" on:click=move |_| on_done.run(())>"Annuler"</button>
                {produce.map(|produce| view! { <LeaveTheList produce=produce on_done=on_done /> })}
            </div>
        </form>
    }
}

/// Takes a produce off the list: deleted when no lot and no recipe names it, else retired
/// (offered nowhere, kept in their history); a retired one is offered again.
#[component]
fn LeaveTheList(produce: Produce, on_done: Callback<()>) -> impl IntoView {
    let id = produce.id;
    let retiring = Action::new_local(move |retire: &bool| client::set_produce_retired(id, *retire));
    let deleting = Action::new_local(move |(): &()| client::delete_produce(id));
    let refusal = move || {
        let retired = retiring.value().get().map(|result| result.map(|_| ()));
        [retired, deleting.value().get()]
            .into_iter()
            .flatten()
            .find_map(|result| result.err())
            .map(|error| error.message(STAFF_OFFLINE))
    };
    Effect::new(move |_| {
        let retired_or_offered = matches!(retiring.value().get(), Some(Ok(_)));
        let deleted = matches!(deleting.value().get(), Some(Ok(())));
        if retired_or_offered || deleted {
            on_done.run(());
        }
    });
    let busy = move || retiring.pending().get() || deleting.pending().get();
    let (label, hint): (&str, &str) = if produce.retired {
        ("Proposer à nouveau", "")
    } else if produce.in_use {
        (
            "Retirer de la liste",
            "Des lots ou des recettes le nomment : retiré, il reste dans leur historique.",
        )
    } else {
        ("Supprimer", "")
    };
    let act = move |_| {
        if produce.retired {
            retiring.dispatch(false);
        } else if produce.in_use {
            retiring.dispatch(true);
        } else {
            deleting.dispatch(());
        }
    };
    view! {
        <button type="button" class="button button-danger" title=hint disabled=busy on:click=act>{label}</button>
        {move || refusal().map(|message| view! { <p class="notice notice-error" role="alert">{message}</p> })}
    }
}

/// The deposit of a glass jar: today's rate, the rates set, and a new rate from a day on.
#[component]
pub fn JarDeposit() -> impl IntoView {
    let deposit = LocalResource::new(client::deposit);
    let today = local_date(Utc::now());
    let euros = RwSignal::new(String::new());
    let starts_on = RwSignal::new(today.to_string());
    let errors = FormErrors::new(&["cents", "starts_on"]);
    let save = Action::new_local(move |rate: &DepositRate| client::set_deposit_rate(*rate));
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => {
            euros.set(String::new());
            deposit.refetch();
        }
        Some(Err(error)) => errors.set(&error),
        None => {}
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        let Some(cents) = parse_euros(&euros.get_untracked()) else {
            errors.set_field("cents", "Un montant en euros, par exemple 2,50.");
            return;
        };
        let Ok(starts_on) = starts_on.get_untracked().parse::<NaiveDate>() else {
            errors.set_field("starts_on", "Choisissez le jour où elle change.");
            return;
        };
        let rate = DepositRate {
            starts_on,
            cents: i64::from(cents),
        };
        match rate.checked(today) {
            Ok(rate) => {
                save.dispatch(rate);
            }
            Err(error) => errors.set_field(error.field, error.message),
        }
    };
    view! {
        <section aria-labelledby="deposit-heading">
            <h2 id="deposit-heading">"Consigne des bocaux"</h2>
            <ShowRead read=deposit error_heading="Impossible d'afficher la consigne" let:deposit>
                <p class="deposit-today">
                    "Aujourd'hui : "<strong>{format!("{} € par bocal", format_cents(deposit.today.cents as u32))}</strong>
                </p>
                <p class="muted">
                    "Un bocal garde la consigne avec laquelle il est parti : un changement vaut "
                    "pour les bocaux remis à partir de sa date, et chacun récupère ce qu'il a payé pour ses bocaux."
                </p>
                {(deposit.rates.len() > 1).then(|| {
                    let first = deposit.rates.len() - 1;
                    view! {
                        <ul class="plain-list deposit-rates">
                            {deposit.rates.iter().enumerate().map(|(index, rate)| view! {
                                <li>{rate_line(*rate, today, index == first)}</li>
                            }).collect_view()}
                        </ul>
                    }
                })}
            </ShowRead>
            <form class="card form" on:submit=on_submit novalidate>
                <div class="field-row">
                    <Field label="Nouvelle consigne (€)" id="deposit_euros" value=euros error=errors.for_field("cents") inputmode="decimal" required=true />
                    <Field label="À partir du" id="deposit_starts_on" value=starts_on error=errors.for_field("starts_on") kind="date" required=true />
                </div>
                <FormError errors=errors />
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>"Fixer la consigne"</button>
            </form>
        </section>
    }
}

/// "2,00 € au départ", "2,50 € depuis le 01/01/2027", "3,00 € à partir du 01/01/2028".
fn rate_line(rate: DepositRate, today: NaiveDate, first: bool) -> String {
    let euros = format_cents(rate.cents as u32);
    let day = rate.starts_on.format("%d/%m/%Y");
    if first {
        format!("{euros} € au départ")
    } else if rate.starts_on > today {
        format!("{euros} € à partir du {day}")
    } else {
        format!("{euros} € depuis le {day}")
    }
}

/// The jars' prices in tic-tac live with the stock they price.
#[component]
pub fn TicTacPrices() -> impl IntoView {
    view! {
        <section aria-labelledby="prices-heading">
            <h2 id="prices-heading">"Prix des bocaux en tic-tac"</h2>
            <p class="muted">
                "Chaque recette, dans chaque taille de bocal, a son prix en tic-tac. "
                "Il se fixe sur la page du stock, à côté des bocaux qu'il concerne."
            </p>
            <a class="button button-secondary" href=pages::STOCK>"Fixer les prix sur la page Stock"</a>
        </section>
    }
}
