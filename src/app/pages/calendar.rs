//! Home: "Où est le camion ?", then the upcoming workshops by week, with filters in the URL.

use std::time::Duration;

use chrono::{NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

use crate::api::lots::Rescued;
use crate::api::paths;
use crate::api::workshops::{WorkshopFilter, WorkshopList, WorkshopListQuery};
use crate::app::client::{self, ClientError, ReadMode};
use crate::app::components::map_link::MapLink;
use crate::app::components::states::{ErrorNotice, Loading};
use crate::app::components::subscribe_link::SubscribeLink;
use crate::app::components::workshop_card::WorkshopCard;
use crate::app::i18n::use_i18n;
use crate::app::offline::refreshed_resource;
use crate::app::page::set_title;
use crate::domain::calendar::{group_by_week, next_stop, WeekGroup};
use crate::domain::lot::format_kilos;
use crate::domain::time::local_date;
use crate::domain::when::{month_phrase, week_phrase, when_parts};
use crate::domain::WorkshopKind;

type Listing = Result<WorkshopList, ClientError>;

#[component]
pub fn CalendarPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(i18n.texts().nav_calendar));

    let query = use_query_map();
    let filter = Memo::new(move |_| {
        // A hand-edited URL with a bad value shows everything rather than an error.
        WorkshopFilter::from_pairs(&*query.read()).unwrap_or_default()
    });

    // The first weeks feed the next stop and the commune choices. Another list is fetched only
    // for a filter (every match: filtered lists are short) or for more weeks ("Voir plus").
    let upcoming = refreshed_resource(|| {
        client::list_workshops(WorkshopListQuery::home(1), ReadMode::ShownAtOnce)
    });
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
        upcoming.refetch();
        other.refetch();
    };
    // The list and the rescued box are drawn once the calendar has answered: drawn before,
    // they moved down when the next stop's card filled (Lighthouse counted a layout shift of
    // 0.4 to 0.6 for the list; the rescued box, on a phone, 0.35).
    let calendar_answered = move || upcoming.get().is_some();
    // Read alongside the calendar, not after it.
    let rescued = refreshed_resource(client::rescued);

    view! {
        <div class="page calendar-page">
            <div class="calendar-aside">
                <NextStop upcoming=upcoming />
                <Show when=calendar_answered>
                    <RescuedThisMonth rescued=rescued />
                </Show>
            </div>
            <Show when=calendar_answered>
            <section class="upcoming" aria-labelledby="upcoming-heading">
                <h2 id="upcoming-heading">{move || i18n.texts().upcoming_heading}</h2>
                <Filters filter=filter communes=communes />
                {move || match shown.get() {
                    None => view! { <Loading /> <SubscribeLink filter=Signal::from(filter) /> }.into_any(),
                    Some(Err(error)) => {
                        view! {
                            <ErrorNotice
                                error=error
                                heading=i18n.texts().error_heading
                                retry=move |_| retry()
                            />
                            <SubscribeLink filter=Signal::from(filter) />
                        }
                            .into_any()
                    }
                    Some(Ok(list)) => {
                        let more = list.more_from.is_some();
                        // Under the weeks, drawn with the last of them.
                        let after = move || view! {
                            {more.then(|| view! {
                                <p class="more-weeks">
                                    <button type="button" class="button button-secondary"
                                        on:click=move |_| pages.update(|pages| *pages += 1)>
                                        {i18n.texts().more_weeks}
                                    </button>
                                </p>
                            })}
                            <SubscribeLink filter=Signal::from(filter) />
                        };
                        view! { <Weeks list=list filtered=!filter.get().is_empty() after=after /> }
                            .into_any()
                    }
                }}
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
                <h2 id="rescued-heading">{(texts.rescued_heading)(&month)}</h2>
                <p>{(texts.rescued_total)(&format_kilos(figure.total_grams))}</p>
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

/// The hero: where the truck will be next, with a map link.
#[component]
fn NextStop(upcoming: LocalResource<Listing>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="next-stop" aria-labelledby="next-stop-heading">
            <h1 id="next-stop-heading">{move || i18n.texts().next_stop_heading}</h1>
            {move || match upcoming.get() {
                None => view! { <div class="next-stop-card is-loading"><Loading /></div> }.into_any(),
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
        <form class="filters" role="search" aria-label=move || i18n.texts().filters_label on:submit=|ev| ev.prevent_default()>
            <label>
                <span>{move || i18n.texts().filter_commune}</span>
                // Each option knows if it is selected: the commune options arrive after the
                // select, so a value set on the select alone could be lost.
                <select name="commune" on:change=on_commune>
                    <option value="">{move || i18n.texts().all_communes}</option>
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
                <span>{move || i18n.texts().filter_kind}</span>
                <select name="kind" on:change=on_kind>
                    <option value="">{move || i18n.texts().all_kinds}</option>
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
                    {move || i18n.texts().clear_filters}
                </button>
            </Show>
        </form>
    }
}

/// The list, one section per week, and `after` under it.
#[component]
fn Weeks(list: WorkshopList, filtered: bool, #[prop(into)] after: ViewFn) -> impl IntoView {
    let i18n = use_i18n();
    let today = local_date(Utc::now());
    let groups = group_by_week(&list.workshops, today);
    if groups.is_empty() {
        let message = move || {
            let texts = i18n.texts();
            if filtered {
                texts.no_matching_workshops
            } else {
                texts.no_workshops
            }
        };
        return view! { <p class="empty">{message}</p> {after.run()} }.into_any();
    }
    // The first week is drawn with the page, the others (and what is under them, so that
    // nothing drawn moves down) once the browser has painted it: the drawing of a long list
    // is two short tasks instead of one long one (what Lighthouse counts as blocking time on
    // a slow phone).
    let mut groups = groups.into_iter();
    let first_week = groups.next().map(|group| week_view(group, today));
    let later_weeks = StoredValue::new(groups.collect::<Vec<_>>());
    let later_drawn = RwSignal::new(false);
    request_animation_frame(move || set_timeout(move || later_drawn.set(true), Duration::ZERO));
    view! {
        {first_week}
        {move || later_drawn.get().then(|| {
            later_weeks
                .get_value()
                .into_iter()
                .map(|group| week_view(group, today))
                .collect_view()
        })}
        {move || later_drawn.get().then(|| after.run())}
    }
    .into_any()
}

/// One week: its name, then its workshops.
fn week_view(group: WeekGroup, today: NaiveDate) -> impl IntoView {
    let i18n = use_i18n();
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
}
