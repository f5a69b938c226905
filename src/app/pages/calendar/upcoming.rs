//! The home page as its part of the app draws it: where the truck will be next, the upcoming
//! workshops week by week with their filters and "Voir plus d'ateliers", the subscription
//! link, and what the marketplace rescued this month. The first weeks were asked by the page
//! before this code arrived (`FirstWeeks`).

use std::sync::Arc;

use chrono::Utc;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

use crate::api::lots::Rescued;
use crate::api::paths;
use crate::api::workshops::{WorkshopFilter, WorkshopList, WorkshopListQuery};
use crate::app::client::{self, ClientError, ReadMode};
use crate::app::components::lazy_part::PartLoader;
use crate::app::components::map_link::MapLink;
use crate::app::components::states::{ErrorNotice, Loading};
use crate::app::components::subscribe_link::SubscribeLink;
use crate::app::components::workshop_card::WorkshopCard;
use crate::app::i18n::use_i18n;
use crate::app::offline::refreshed_resource;
use crate::domain::calendar::{group_by_week, next_stop};
use crate::domain::lot::format_kilos;
use crate::domain::time::local_date;
use crate::domain::when::{month_phrase, week_phrase, when_parts};
use crate::domain::WorkshopKind;

type Listing = Result<WorkshopList, ClientError>;

/// What the page asked before its part was here.
#[derive(Clone)]
pub struct FirstWeeks {
    /// The first weeks, as the server's JSON.
    pub weeks: LocalResource<Result<String, ClientError>>,
    /// The server's next stop card from the first HTML, shown until the weeks are read.
    pub next_stop_card: Option<String>,
}

/// The home page's part.
pub fn calendar() -> PartLoader {
    Arc::new(|| Box::pin(load_calendar()))
}

#[wasm_split(calendar, fallible, wasm_split_path = ::leptos::wasm_split)]
fn load_calendar() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <Calendar /> }.into_any())
}

#[component]
fn Calendar() -> impl IntoView {
    let FirstWeeks {
        weeks,
        next_stop_card,
    } = expect_context::<FirstWeeks>();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        // A hand-edited URL with a bad value shows everything rather than an error.
        WorkshopFilter::from_pairs(&*query.read()).unwrap_or_default()
    });
    let upcoming: Memo<Option<Listing>> = Memo::new(move |_| {
        weeks.get().map(|text| {
            text.and_then(|text| serde_json::from_str(&text).map_err(|_| ClientError::Unreachable))
        })
    });
    // Another list is fetched only for a filter (every match: filtered lists are short) or for
    // more weeks ("Voir plus").
    let pages = RwSignal::new(1);
    let other = refreshed_resource(move || {
        let filter = filter.get();
        let pages = pages.get();
        async move {
            let query = if !filter.is_empty() {
                WorkshopListQuery::from(filter)
            } else if pages > 1 {
                WorkshopListQuery::home(pages)
            } else {
                return None;
            };
            Some(client::list_workshops(query, ReadMode::ShownAtOnce).await)
        }
    });
    // Read alongside the calendar, not after it.
    let rescued = refreshed_resource(client::rescued);
    // While more weeks load, the weeks already shown stay.
    let shown: Signal<Option<Listing>> = Signal::derive(move || match other.get()? {
        Some(listing) => Some(listing),
        None => upcoming.get(),
    });
    let communes = Signal::derive(move || match upcoming.get() {
        Some(Ok(list)) => list.communes,
        _ => Vec::new(),
    });
    let retry = move || {
        weeks.refetch();
        other.refetch();
    };
    // The list and the rescued box are drawn once the calendar has answered: drawn before,
    // they moved down when the next stop's card filled (Lighthouse counted a layout shift of
    // 0.4 to 0.6 for the list; the rescued box, on a phone, 0.35).
    let calendar_answered = move || upcoming.with(Option::is_some);
    let i18n = use_i18n();
    view! {
        <div class="page calendar-page">
            <div class="calendar-aside">
                <NextStop upcoming=upcoming server_card=next_stop_card />
                <Show when=calendar_answered>
                    <RescuedThisMonth rescued=rescued />
                </Show>
            </div>
            <Show when=calendar_answered>
                <section class="upcoming" aria-labelledby="upcoming-heading">
                    <h2 id="upcoming-heading">{move || i18n.calendar().upcoming_heading}</h2>
                    <Filters filter=filter communes=communes />
                    {move || match shown.get() {
                        None => view! { <Loading /> }.into_any(),
                        Some(Err(error)) => {
                            view! {
                                <ErrorNotice
                                    error=error
                                    heading=i18n.texts().error_heading
                                    retry=move |_| retry()
                                />
                            }
                                .into_any()
                        }
                        Some(Ok(list)) => {
                            let more = list.more_from.is_some();
                            view! {
                                <Weeks list=list filtered=!filter.get().is_empty() />
                                {more.then(|| view! {
                                    <p class="more-weeks">
                                        <button type="button" class="button button-secondary"
                                            on:click=move |_| pages.update(|pages| *pages += 1)>
                                            {i18n.calendar().more_weeks}
                                        </button>
                                    </p>
                                })}
                            }
                                .into_any()
                        }
                    }}
                    <SubscribeLink filter=Signal::from(filter) />
                </section>
            </Show>
        </div>
    }
}

/// What the marketplace rescued this month: kilos per produce, no farm named.
#[component]
fn RescuedThisMonth(rescued: LocalResource<Result<Rescued, ClientError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let figure = rescued
            .get()
            .and_then(Result::ok)
            .filter(|r| r.total_grams > 0)?;
        let texts = i18n.texts();
        let month = month_phrase(i18n.lang.get(), figure.month);
        Some(view! {
            <section class="rescued" aria-labelledby="rescued-heading">
                <h2 id="rescued-heading">{(i18n.calendar().rescued_heading)(&month)}</h2>
                <p>{(i18n.calendar().rescued_total)(&format_kilos(figure.total_grams))}</p>
                <ul class="chips">
                    {figure.by_produce.into_iter().map(|total| view! {
                        <li class="chip total"><strong>{total.produce}</strong> " " {format_kilos(total.grams)}</li>
                    }).collect_view()}
                </ul>
                <p class="rescued-more"><A href=paths::pages::IMPACT>{texts.impact_link}" →"</A></p>
            </section>
        })
    }
}

/// Commune and kind selects. Changing one rewrites the URL, which drives the list.
#[component]
fn Filters(filter: Memo<WorkshopFilter>, communes: Signal<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let apply = move |filter: WorkshopFilter| {
        let query: ParamsMap = filter.to_pairs().into_iter().collect();
        navigate(
            &format!("/{}", query.to_query_string()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let on_commune = {
        let apply = apply.clone();
        move |ev| {
            let value = event_target_value(&ev);
            apply(WorkshopFilter {
                commune: (!value.is_empty()).then_some(value),
                ..filter.get()
            })
        }
    };
    let on_kind = {
        let apply = apply.clone();
        move |ev| {
            let kind = WorkshopKind::from_code(&event_target_value(&ev));
            apply(WorkshopFilter {
                kind,
                ..filter.get()
            })
        }
    };
    let commune_options = move || {
        let mut choices = communes.get();
        // Keep a chosen commune selectable even if it has no upcoming stop.
        if let Some(chosen) = filter.get().commune {
            if !choices.contains(&chosen) {
                choices.push(chosen);
            }
        }
        choices
    };
    view! {
        <form class="filters" role="search" aria-label=move || i18n.calendar().filters_label on:submit=|ev| ev.prevent_default()>
            <label>
                <span>{move || i18n.calendar().filter_commune}</span>
                // Each option knows if it is selected: the commune options arrive after the
                // select, so a value set on the select alone could be lost.
                <select name="commune" on:change=on_commune>
                    <option value="">{move || i18n.calendar().all_communes}</option>
                    <For each=commune_options key=|c| c.clone() let(commune)>
                        <option
                            value=commune.clone()
                            prop:selected={
                                let commune = commune.clone();
                                move || filter.get().commune.as_ref() == Some(&commune)
                            }
                        >
                            {commune.clone()}
                        </option>
                    </For>
                </select>
            </label>
            <label>
                <span>{move || i18n.calendar().filter_kind}</span>
                <select name="kind" on:change=on_kind>
                    <option value="">{move || i18n.calendar().all_kinds}</option>
                    {WorkshopKind::ALL
                        .into_iter()
                        .map(|kind| {
                            view! {
                                <option
                                    value=kind.code()
                                    prop:selected=move || filter.get().kind == Some(kind)
                                >
                                    {move || i18n.texts().kind(kind)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <Show when=move || !filter.get().is_empty()>
                <button type="button" class="button button-link" on:click={
                    let apply = apply.clone();
                    move |_| apply(WorkshopFilter::default())
                }>
                    {move || i18n.calendar().clear_filters}
                </button>
            </Show>
        </form>
    }
}

/// The list, one section per week.
#[component]
fn Weeks(list: WorkshopList, filtered: bool) -> impl IntoView {
    let i18n = use_i18n();
    let today = local_date(Utc::now());
    let groups = group_by_week(&list.workshops, today);
    if groups.is_empty() {
        let message = move || {
            let texts = i18n.calendar();
            if filtered {
                texts.no_matching_workshops
            } else {
                texts.no_workshops
            }
        };
        return view! { <p class="empty">{message}</p> }.into_any();
    }
    groups
        .into_iter()
        .map(|group| {
            let heading_id = format!("week-{}", group.monday);
            view! {
                <section class="week" aria-labelledby=heading_id.clone()>
                    <h3 id=heading_id.clone()>{move || week_phrase(i18n.lang.get(), today, group.label)}</h3>
                    <ul class="cards">
                        {group
                            .workshops
                            .into_iter()
                            .map(|workshop| view! { <li><WorkshopCard workshop=workshop /></li> })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view()
        .into_any()
}

/// The hero: where the truck will be next, with a map link.
#[component]
fn NextStop(upcoming: Memo<Option<Listing>>, server_card: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="next-stop" aria-labelledby="next-stop-heading">
            <h1 id="next-stop-heading">{move || i18n.texts().next_stop_heading}</h1>
            {move || match upcoming.get() {
                // Until the weeks are read: the card the server wrote, or "Chargement…".
                None => match server_card.clone() {
                    Some(card) => view! { <div class="server-card" inner_html=card></div> }.into_any(),
                    None => view! { <div class="next-stop-card is-loading"><Loading /></div> }.into_any(),
                },
                // The list below shows the error and the retry button.
                Some(Err(_)) => ().into_any(),
                Some(Ok(list)) => match next_stop(&list.workshops, Utc::now()).cloned() {
                    None => view! { <p class="next-stop-card">{i18n.texts().next_stop_none}</p> }.into_any(),
                    Some(workshop) => {
                        let (day, hours) = when_parts(i18n.lang.get(), Utc::now(), &workshop);
                        let texts = i18n.texts();
                        view! {
                            <div class="next-stop-card">
                                <p class="next-when">
                                    <span class="next-day">{day}</span>
                                    <span class="next-hours">{hours}</span>
                                </p>
                                <p class="next-place">{workshop.place.name.clone()}</p>
                                <p class="next-address">{workshop.place.postal_address()}</p>
                                <p class="next-title">
                                    <span class=format!("badge kind-{}", workshop.kind.code())>
                                        {texts.kind(workshop.kind)}
                                    </span>
                                    " "
                                    {workshop.title.clone()}
                                </p>
                                <div class="actions">
                                    <MapLink place=workshop.place.clone() />
                                    <A href=paths::pages::workshop(workshop.id) attr:class="button button-secondary">
                                        {texts.see_details}
                                    </A>
                                </div>
                            </div>
                        }
                            .into_any()
                    }
                },
            }}
        </section>
    }
}
