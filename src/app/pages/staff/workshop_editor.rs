//! Creating and editing a workshop: when, where (a saved place or a new one), what, how many;
//! then its status and who signed up.

use chrono::{NaiveDate, NaiveTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate, use_params_map};
use leptos_router::location::State;
use leptos_router::NavigateOptions;

use crate::api::accounts::CentreOption;
use crate::api::messages::Broadcast;
use crate::api::paths::pages;
use crate::api::signups::{Attendance, SignupRow, MAX_VOLUNTEERED_MINUTES};
use crate::api::workshops::{PlaceChoice, SavedWorkshop, WorkshopDraft};
use crate::app::client::{self, ClientError, ReadMode};
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::form::{Field, FormError, FormErrors};
use crate::app::components::message_log::MessageLog;
use crate::app::components::place_fields::{PlaceFields, PlaceInputs, PLACE_FIELDS};
use crate::app::components::states::{ShowRead, STAFF_OFFLINE};
use crate::app::page::{id_param, set_title};
use crate::domain::account::format_phone;
use crate::domain::notify::{check_broadcast, MAX_BROADCAST_CHARS};
use crate::domain::recurrence::{weekday_fr, Repeat};
use crate::domain::time::{local, local_date};
use crate::domain::when::{date_phrase, short_date, time_range_phrase};
use crate::domain::{Lang, Place, Workshop, WorkshopKind, WorkshopStatus};

/// The select's value for "a new place".
const NEW_PLACE: &str = "nouveau";

/// The workshop's own fields; a new place's are `PLACE_FIELDS`.
const FIELDS: &[&str] = &[
    "title",
    "kind",
    "date",
    "start",
    "end",
    "place",
    "centre_id",
    "capacity",
    "description",
    "repeat",
];

#[component]
pub fn WorkshopEditorPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| id_param(&params.read()));
    view! {
        <div class="page editor-page">
            <BackLink href=pages::STAFF label="Espace animation" />
            <StaffOnly back=pages::STAFF>
                {move || view! { <Editor id=id.get() /> }}
            </StaffOnly>
        </div>
    }
}

/// What the editor needs before it can show the form.
#[derive(Clone)]
struct EditorData {
    places: Vec<Place>,
    centres: Vec<CentreOption>,
    workshop: Option<Workshop>,
}

async fn load(id: Option<i64>) -> Result<EditorData, ClientError> {
    let places = client::places().await?;
    let centres = client::centres().await?;
    let workshop = match id {
        Some(id) => Some(client::get_workshop(id, ReadMode::NetworkFirst).await?),
        None => None,
    };
    Ok(EditorData {
        places,
        centres,
        workshop,
    })
}

/// The occurrences of workshop `id`'s series, in order (only itself when it does not repeat;
/// none for a new workshop, or when they cannot be read).
async fn load_series(id: Option<i64>) -> Vec<Workshop> {
    match id {
        Some(id) => client::workshop_series(id)
            .await
            .map(|series| series.occurrences)
            .unwrap_or_default(),
        None => Vec::new(),
    }
}

/// The live occurrences of `series` from `workshop` on, `workshop` first.
fn this_and_later<'a>(series: &'a [Workshop], workshop: &Workshop) -> Vec<&'a Workshop> {
    series
        .iter()
        .filter(|other| other.starts_at >= workshop.starts_at && !other.is_cancelled())
        .collect()
}

#[component]
fn Editor(id: Option<i64>) -> impl IntoView {
    let data = LocalResource::new(move || load(id));
    let series = LocalResource::new(move || load_series(id));
    set_title(if id.is_some() {
        "Modifier l'atelier"
    } else {
        "Nouvel atelier"
    });
    view! {
        <ShowRead read=data error_heading="Impossible d'ouvrir l'éditeur" let:data>
            {
                let workshop = data.workshop.clone();
                view! {
                    <WorkshopForm data=data series=series />
                    {workshop.map(|workshop| view! {
                        <StatusActions workshop=workshop.clone() />
                        <SeriesActions workshop=workshop.clone() series=series />
                        <Signups workshop=workshop.clone() />
                        <Messages workshop_id=workshop.id />
                    })}
                }.into_any()
            }
        </ShowRead>
    }
}

#[component]
fn WorkshopForm(data: EditorData, series: LocalResource<Vec<Workshop>>) -> impl IntoView {
    let navigate = use_navigate();
    let existing = data.workshop.clone();
    let editing_id = existing.as_ref().map(|w| w.id);
    let text = |value: String| RwSignal::new(value);
    let w = existing.as_ref();
    let title = text(w.map(|w| w.title.clone()).unwrap_or_default());
    let kind = RwSignal::new(w.map(|w| w.kind).unwrap_or(WorkshopKind::Transformation));
    let date = text(
        w.map(|w| local_date(w.starts_at).to_string())
            .unwrap_or_default(),
    );
    let start = text(
        w.map(|w| local(w.starts_at).format("%H:%M").to_string())
            .unwrap_or_else(|| "14:00".into()),
    );
    let end = text(
        w.map(|w| local(w.ends_at).format("%H:%M").to_string())
            .unwrap_or_else(|| "17:00".into()),
    );
    let place = text(w.map(|w| w.place.id.to_string()).unwrap_or_default());
    let new_place = PlaceInputs::new(None);
    let centre_id = text(
        w.map(|w| w.centre_id)
            .or(data.centres.first().map(|c| c.id))
            .map(|id| id.to_string())
            .unwrap_or_default(),
    );
    let capacity = text(
        w.map(|w| w.capacity.to_string())
            .unwrap_or_else(|| "12".into()),
    );
    let description = text(w.map(|w| w.description.clone()).unwrap_or_default());
    // "Répéter", on creation only: every week or two, on chosen weekdays, until a date.
    let repeats = RwSignal::new(false);
    let every_weeks = RwSignal::new(1u32);
    let weekdays = RwSignal::new(Vec::<u32>::new());
    let until = text(String::new());
    // The draft last previewed and what it would make: creating asks for a preview first.
    let previewed = RwSignal::new(None::<(WorkshopDraft, SavedWorkshop)>);
    let errors = FormErrors::new(&[FIELDS, PLACE_FIELDS].concat());
    // A workshop just created arrives here with what the creation answered, in the history
    // state (the page changes from "nouveau" to its id).
    let just_created = use_location()
        .state
        .get_untracked()
        .to_js_value()
        .as_string()
        .and_then(|json| serde_json::from_str::<Vec<Workshop>>(&json).ok());
    let saved = RwSignal::new(
        just_created
            .is_some()
            .then(|| "Atelier enregistré.".to_string()),
    );
    // On a repeated workshop: the edit is for this date and the later ones.
    let following = RwSignal::new(false);
    let overlaps: RwSignal<Vec<Workshop>> = RwSignal::new(just_created.unwrap_or_default());

    let save = Action::new_local(move |draft: &WorkshopDraft| {
        let draft = draft.clone();
        async move {
            match editing_id {
                Some(id) => client::update_workshop(id, draft).await,
                None => client::create_workshop(draft).await,
            }
        }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(result)) => {
            if editing_id.is_none() {
                let overlaps = serde_json::to_string(&result.overlaps).unwrap_or_default();
                let options = NavigateOptions {
                    state: State::new(Some(overlaps.into())),
                    ..Default::default()
                };
                navigate(&pages::edit_workshop(result.workshop.id), options);
            } else {
                overlaps.set(result.overlaps);
                saved.set(Some("Atelier enregistré.".into()));
            }
        }
        Some(Err(error)) => errors.set(&error),
        None => {}
    });

    let save_following = Action::new_local(move |draft: &WorkshopDraft| {
        let draft = draft.clone();
        let id = editing_id.expect("only an existing workshop has following ones");
        async move { client::update_following(id, draft).await }
    });
    Effect::new(move |_| match save_following.value().get() {
        Some(Ok(result)) => {
            // The cancelled ones joined the new series without being edited.
            let count = result
                .occurrences
                .iter()
                .filter(|w| !w.is_cancelled())
                .count();
            saved.set(Some(format!("{count} ateliers enregistrés.")));
            following.set(false);
            // The edit made them a series of their own: the "Série" card shows it.
            series.refetch();
        }
        Some(Err(error)) => errors.set(&error),
        None => {}
    });

    let preview = Action::new_local(move |draft: &WorkshopDraft| {
        let draft = draft.clone();
        async move {
            client::preview_workshop(draft.clone())
                .await
                .map(|result| (draft, result))
        }
    });
    Effect::new(move |_| match preview.value().get() {
        Some(Ok((draft, result))) => {
            overlaps.set(result.overlaps.clone());
            previewed.set(Some((draft, result)));
        }
        Some(Err(error)) => errors.set(&error),
        None => {}
    });

    let draft = move || -> Result<WorkshopDraft, (&'static str, &'static str)> {
        let date = NaiveDate::parse_from_str(date.get_untracked().trim(), "%Y-%m-%d")
            .map_err(|_| ("date", "Choisissez une date."))?;
        let time = |field, text: String| {
            NaiveTime::parse_from_str(text.trim(), "%H:%M")
                .map_err(|_| (field, "Heure attendue, par exemple 14:00."))
        };
        let start = time("start", start.get_untracked())?;
        let end = time("end", end.get_untracked())?;
        let place = match place.get_untracked().as_str() {
            "" => return Err(("place", "Choisissez un lieu.")),
            NEW_PLACE => PlaceChoice::New(new_place.draft()?),
            id => PlaceChoice::Saved {
                id: id.parse().map_err(|_| ("place", "Choisissez un lieu."))?,
            },
        };
        Ok(WorkshopDraft {
            title: title.get_untracked(),
            kind: kind.get_untracked(),
            date,
            start,
            end,
            place,
            centre_id: centre_id
                .get_untracked()
                .parse()
                .map_err(|_| ("centre_id", "Choisissez un centre."))?,
            capacity: capacity
                .get_untracked()
                .trim()
                .parse()
                .map_err(|_| ("capacity", "Nombre de places attendu, par exemple 12."))?,
            description: description.get_untracked(),
            repeat: match repeats.get_untracked() {
                false => None,
                true => Some(Repeat {
                    every_weeks: every_weeks.get_untracked(),
                    weekdays: weekdays.get_untracked(),
                    until: NaiveDate::parse_from_str(until.get_untracked().trim(), "%Y-%m-%d")
                        .map_err(|_| ("repeat", "Choisissez jusqu'à quelle date répéter."))?,
                }),
            },
        })
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        saved.set(None);
        match draft() {
            // A series is created once its dates and overlaps were shown, as they are now.
            Ok(draft)
                if draft.repeat.is_some()
                    && previewed.with_untracked(|shown| {
                        shown.as_ref().map(|(shown, _)| shown) != Some(&draft)
                    }) =>
            {
                preview.dispatch(draft);
            }
            Ok(draft) if following.get_untracked() => {
                let question = series.with_untracked(|series| {
                    let list = series.as_deref().unwrap_or_default();
                    let this = list.iter().find(|w| Some(w.id) == editing_id);
                    let later = this
                        .map(|this| this_and_later(list, this))
                        .unwrap_or_default();
                    following_question(&later)
                });
                if window().confirm_with_message(&question).unwrap_or(false) {
                    save_following.dispatch(draft);
                }
            }
            Ok(draft) => {
                save.dispatch(draft);
            }
            Err((field, message)) => errors.set_field(field, message),
        }
    };

    let places = data.places.clone();
    let centres = data.centres.clone();
    let heading = if editing_id.is_some() {
        "Modifier l'atelier"
    } else {
        "Nouvel atelier"
    };
    view! {
        <h1>{heading}</h1>
        <form class="card form editor-form" on:submit=on_submit novalidate>
            <Field label="Titre" id="title" value=title error=errors.for_field("title") required=true />
            <div class="field">
                <label for="kind">"Type"</label>
                <select id="kind" on:change=move |event| {
                    if let Some(chosen) = WorkshopKind::from_code(&event_target_value(&event)) {
                        kind.set(chosen);
                    }
                }>
                    {WorkshopKind::ALL.into_iter().map(|option| view! {
                        <option value=option.code() prop:selected=move || kind.get() == option>
                            {option.label(Lang::Fr)}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field-row">
                <Field label="Date" id="date" value=date error=errors.for_field("date") kind="date" required=true />
                <Field label="Début" id="start" value=start error=errors.for_field("start") kind="time" required=true />
                <Field label="Fin" id="end" value=end error=errors.for_field("end") kind="time" required=true />
            </div>
            <div class="field" class:has-error=move || errors.for_field("place").get().is_some()>
                <label for="place">"Lieu"</label>
                <select id="place" on:change=move |event| place.set(event_target_value(&event))>
                    <option value="" prop:selected=move || place.get().is_empty()>"Choisir un lieu…"</option>
                    {places.into_iter().map(|saved| {
                        let value = saved.id.to_string();
                        let is_selected = { let value = value.clone(); move || place.get() == value };
                        view! {
                            <option value=value prop:selected=is_selected>
                                {format!("{} ({})", saved.name, saved.commune)}
                            </option>
                        }
                    }).collect_view()}
                    <option value=NEW_PLACE prop:selected=move || place.get() == NEW_PLACE>"Nouveau lieu…"</option>
                </select>
                {move || errors.for_field("place").get().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
            </div>
            {move || (place.get() == NEW_PLACE).then(|| view! {
                <fieldset class="new-place">
                    <legend>"Nouveau lieu (enregistré pour la prochaine fois)"</legend>
                    <PlaceFields inputs=new_place errors=errors />
                </fieldset>
            })}
            <div class="field-row">
                <div class="field" class:has-error=move || errors.for_field("centre_id").get().is_some()>
                    <label for="centre_id">"Centre organisateur"</label>
                    <select id="centre_id" on:change=move |event| centre_id.set(event_target_value(&event))>
                        {centres.into_iter().map(|centre| {
                            let value = centre.id.to_string();
                            let is_selected = { let value = value.clone(); move || centre_id.get() == value };
                            view! { <option value=value prop:selected=is_selected>{centre.name}</option> }
                        }).collect_view()}
                    </select>
                    {move || errors.for_field("centre_id").get().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
                </div>
                <Field label="Places" id="capacity" value=capacity error=errors.for_field("capacity") kind="number" inputmode="numeric" required=true />
            </div>
            <div class="field">
                <label for="description">"Description publique"</label>
                <textarea id="description" rows="3"
                    prop:value=move || description.get()
                    on:input=move |event| description.set(event_target_value(&event))></textarea>
            </div>
            {editing_id.is_none().then(|| view! {
                <RepeatFields repeats=repeats every_weeks=every_weeks weekdays=weekdays until=until errors=errors />
            })}
            {existing.clone().map(|workshop| view! { <EditScope workshop=workshop series=series following=following /> })}
            <FormError errors=errors />
            {move || previewed.get().filter(|_| repeats.get()).map(|(_, result)| {
                let days: Vec<String> = std::iter::once(&result.workshop).chain(&result.series)
                    .map(|w| short_date(local_date(w.starts_at)))
                    .collect();
                view! {
                    <div class="notice series-preview" role="status">
                        <p><strong>{format!("{} ateliers", days.len())}</strong>" : " {days.join(", ")}</p>
                    </div>
                }
            })}
            {move || saved.get().map(|message| view! { <p class="notice notice-success" role="status">{message}</p> })}
            {move || {
                let list = overlaps.get();
                (!list.is_empty()).then(|| view! {
                    <div class="notice notice-planned" role="status">
                        <p><strong>"Attention : le camion est déjà prévu ailleurs sur ce créneau."</strong></p>
                        <ul>
                            {list.into_iter().map(|other| view! {
                                <li>
                                    <A href=pages::edit_workshop(other.id)>{other.title.clone()}</A>
                                    " — " {short_date(local_date(other.starts_at))} ", " {time_range_phrase(Lang::Fr, other.starts_at, other.ends_at)} ", " {other.place.name.clone()}
                                </li>
                            }).collect_view()}
                        </ul>
                    </div>
                })
            }}
            <button type="submit" class="button button-primary" disabled=move || save.pending().get() || save_following.pending().get()>
                {move || {
                    let shown = previewed.with(|shown| shown.as_ref().map(|(_, result)| result.series.len() + 1));
                    if save.pending().get() || preview.pending().get() || save_following.pending().get() {
                        "Enregistrement…".to_string()
                    } else if editing_id.is_some() {
                        "Enregistrer les modifications".to_string()
                    } else if repeats.get() {
                        match shown {
                            Some(count) => format!("Créer les {count} ateliers"),
                            None => "Voir les dates".to_string(),
                        }
                    } else {
                        "Créer l'atelier".to_string()
                    }
                }}
            </button>
        </form>
    }
}

/// "Modifier 5 atelier(s), du 30/01/2027 au 27/02/2027 ? 2 personnes inscrites : …": what
/// saving for this date and the later ones will touch, and who it will tell.
fn following_question(later: &[&Workshop]) -> String {
    let day = |w: &&Workshop| short_date(local_date(w.starts_at));
    let people: u32 = later.iter().map(|w| w.signed_up).sum();
    format!(
        "Modifier {} atelier(s), du {} au {} ? {} : si l'heure ou le lieu change, les personnes inscrites seront prévenues selon leur choix.",
        later.len(),
        later.first().map(day).unwrap_or_default(),
        later.last().map(day).unwrap_or_default(),
        signed_up_phrase(people)
    )
}

/// "personne n'est inscrit", "1 personne inscrite", "4 personnes inscrites".
fn signed_up_phrase(people: u32) -> String {
    match people {
        0 => "personne n'est inscrit".into(),
        1 => "1 personne inscrite".into(),
        n => format!("{n} personnes inscrites"),
    }
}

/// On a repeated workshop with later dates: save for this date only, or for this one and the
/// later ones, saying how many people are signed up to each choice.
#[component]
fn EditScope(
    workshop: Workshop,
    series: LocalResource<Vec<Workshop>>,
    following: RwSignal<bool>,
) -> impl IntoView {
    move || {
        let list = series.get()?;
        let later = this_and_later(&list, &workshop);
        if later.len() < 2 {
            return None;
        }
        let people: u32 = later.iter().map(|w| w.signed_up).sum();
        let last = short_date(local_date(later[later.len() - 1].starts_at));
        let only_this = format!(
            "Cette date seulement ({})",
            signed_up_phrase(workshop.signed_up)
        );
        let with_later = format!(
            "Cette date et les {} suivantes, jusqu'au {last} ({})",
            later.len() - 1,
            signed_up_phrase(people)
        );
        Some(view! {
            <fieldset class="field edit-scope">
                <legend>"Enregistrer pour"</legend>
                <label class="check">
                    <input type="radio" name="edit-scope" prop:checked=move || !following.get() on:change=move |_| following.set(false) />
                    {only_this}
                </label>
                <label class="check">
                    <input type="radio" name="edit-scope" prop:checked=move || following.get() on:change=move |_| following.set(true) />
                    {with_later}
                </label>
                <p class="hint">"Si l'heure ou le lieu change, les personnes inscrites sont prévenues selon leur choix. Les dates suivantes gardent leur jour (décalé d’autant si la date change)."</p>
            </fieldset>
        })
    }
}

/// "Répéter": every week or every two weeks, on chosen weekdays, until a date.
#[component]
fn RepeatFields(
    repeats: RwSignal<bool>,
    every_weeks: RwSignal<u32>,
    weekdays: RwSignal<Vec<u32>>,
    until: RwSignal<String>,
    errors: FormErrors,
) -> impl IntoView {
    view! {
        <fieldset class="field repeat-fields">
            <legend>"Répéter"</legend>
            <label class="check">
                <input type="checkbox" prop:checked=move || repeats.get() on:change=move |e| repeats.set(event_target_checked(&e)) />
                "Cet atelier revient régulièrement"
            </label>
            <Show when=move || repeats.get()>
                <div class="field">
                    <label for="every_weeks">"Fréquence"</label>
                    <select id="every_weeks" on:change=move |e| every_weeks.set(event_target_value(&e).parse().unwrap_or(1))>
                        <option value="1" prop:selected=move || every_weeks.get() == 1>"Chaque semaine"</option>
                        <option value="2" prop:selected=move || every_weeks.get() == 2>"Toutes les deux semaines"</option>
                    </select>
                </div>
                <fieldset class="field">
                    <legend>"Aussi le (le jour de la date ci-dessus est toujours compris)"</legend>
                    <div class="check-grid">
                        {(1..=7u32).map(|day| view! {
                            <label class="check">
                                <input type="checkbox" prop:checked=move || weekdays.with(|days| days.contains(&day))
                                    on:change=move |e| weekdays.update(|days| {
                                        days.retain(|other| *other != day);
                                        if event_target_checked(&e) { days.push(day) }
                                    }) />
                                {weekday_fr(day)}
                            </label>
                        }).collect_view()}
                    </div>
                </fieldset>
                <Field label="Jusqu'au (un an au plus)" id="repeat_until" value=until error=errors.for_field("repeat") kind="date" />
            </Show>
        </fieldset>
    }
}

#[component]
fn StatusActions(workshop: Workshop) -> impl IntoView {
    let status = RwSignal::new(workshop.status);
    let id = workshop.id;
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let change = Action::new_local(move |next: &WorkshopStatus| {
        let next = *next;
        async move { client::set_workshop_status(id, next).await }
    });
    Effect::new(move |_| match change.value().get() {
        Some(Ok(updated)) => {
            error.set(None);
            status.set(updated.status);
        }
        Some(Err(failure)) => error.set(Some(failure.message(STAFF_OFFLINE))),
        None => {}
    });
    let button = move |label: &'static str,
                       next: WorkshopStatus,
                       class: &'static str,
                       ask: Option<&'static str>| {
        view! {
            <button type="button" class=class disabled=move || change.pending().get()
                on:click=move |_| {
                    let confirmed = ask.is_none_or(|question| window().confirm_with_message(question).unwrap_or(false));
                    if confirmed {
                        change.dispatch(next);
                    }
                }>
                {label}
            </button>
        }
    };
    view! {
        <section class="card" aria-labelledby="status-heading">
            <h2 id="status-heading">"État"</h2>
            <p class="status-line">
                {move || match status.get() {
                    WorkshopStatus::Planned => "À confirmer : affiché comme « horaire à confirmer ».",
                    WorkshopStatus::Confirmed => "Confirmé.",
                    WorkshopStatus::Cancelled => "Annulé : reste visible, barré, dans le calendrier public.",
                    WorkshopStatus::Done => "Terminé.",
                }}
            </p>
            <div class="actions">
                {move || {
                    let current = status.get();
                    view! {
                        {current.can_become(WorkshopStatus::Confirmed).then(|| button("Confirmer", WorkshopStatus::Confirmed, "button button-primary", None))}
                        {current.can_become(WorkshopStatus::Cancelled).then(|| button("Annuler l'atelier", WorkshopStatus::Cancelled, "button button-danger", Some("Annuler cet atelier ? Il restera affiché comme annulé.")))}
                        {current.can_become(WorkshopStatus::Planned).then(|| button("Remettre au programme", WorkshopStatus::Planned, "button", None))}
                    }
                }}
            </div>
            {move || error.get().map(|message| view! { <p class="notice notice-error" role="alert">{message}</p> })}
        </section>
    }
}

/// A repeated workshop's series: its dates, and cancelling this date and the following ones.
#[component]
fn SeriesActions(workshop: Workshop, series: LocalResource<Vec<Workshop>>) -> impl IntoView {
    let id = workshop.id;
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let cancel = Action::new_local(move |_: &()| client::cancel_following(id));
    Effect::new(move |_| match cancel.value().get() {
        // Every card of the page shows the new states.
        Some(Ok(_)) => {
            let _ = window().location().reload();
        }
        Some(Err(failure)) => error.set(Some(failure.message(STAFF_OFFLINE))),
        None => {}
    });
    move || {
        let occurrences = series.get()?;
        if occurrences.len() < 2 {
            return None;
        }
        let day = |w: &Workshop| short_date(local_date(w.starts_at));
        let span = format!(
            "Série de {} ateliers, du {} au {}.",
            occurrences.len(),
            day(&occurrences[0]),
            day(&occurrences[occurrences.len() - 1])
        );
        let following: Vec<&Workshop> = occurrences
            .iter()
            .filter(|other| other.starts_at >= workshop.starts_at)
            .filter(|other| other.status.can_become(WorkshopStatus::Cancelled))
            .collect();
        let people: u32 = following.iter().map(|other| other.signed_up).sum();
        let question = format!(
            "Annuler {} atelier(s), du {} au {} ? {} personne(s) inscrite(s) seront prévenue(s) selon leur choix.",
            following.len(),
            following.first().map(|w| day(w)).unwrap_or_default(),
            following.last().map(|w| day(w)).unwrap_or_default(),
            people
        );
        let can_cancel = !following.is_empty();
        Some(view! {
            <section class="card" aria-labelledby="series-heading">
                <h2 id="series-heading">"Série"</h2>
                <p>{span}</p>
                {can_cancel.then(|| view! {
                    <p class="hint">{format!("À partir de cette date : {} atelier(s), {} personne(s) inscrite(s).", following.len(), people)}</p>
                    <button type="button" class="button button-danger" disabled=move || cancel.pending().get()
                        on:click=move |_| {
                            if window().confirm_with_message(&question).unwrap_or(false) {
                                cancel.dispatch(());
                            }
                        }>
                        "Annuler cette date et les suivantes"
                    </button>
                })}
                {move || error.get().map(|message| view! { <p class="notice notice-error" role="alert">{message}</p> })}
            </section>
        })
    }
}

#[component]
fn Signups(workshop: Workshop) -> impl IntoView {
    let id = workshop.id;
    let rows = LocalResource::new(move || client::workshop_signups(id));
    let started = workshop.starts_at <= Utc::now();
    let duration = (workshop.ends_at - workshop.starts_at).num_minutes().max(0) as u32;
    let today = local_date(Utc::now());
    let when = format!(
        "{}, {}",
        date_phrase(Lang::Fr, today, local_date(workshop.starts_at)),
        time_range_phrase(Lang::Fr, workshop.starts_at, workshop.ends_at)
    );
    view! {
        <section class="card" aria-labelledby="signups-heading">
            <h2 id="signups-heading">"Inscriptions"</h2>
            <p class="muted">{when}</p>
            <ShowRead read=rows error_heading="Impossible d'afficher les inscriptions" let:data>
                {match data {
                    list if list.is_empty() => view! { <p class="muted">"Personne n'est encore inscrit."</p> }.into_any(),
                    list => {
                        let live = list.iter().filter(|row| !row.cancelled && !row.waiting).count();
                        let in_line = list.iter().filter(|row| !row.cancelled && row.waiting).count();
                        let count = match in_line {
                            0 => format!("{live} inscrit(s) sur {} places", workshop.capacity),
                            n => format!("{live} inscrit(s) sur {} places, {n} en liste d'attente", workshop.capacity),
                        };
                        view! {
                            <p class="signup-count">{count}</p>
                            {(!started).then(|| view! { <p class="hint">"La présence se note une fois l'atelier commencé."</p> })}
                            <ul class="staff-list signup-rows">
                                {list.into_iter().map(|row| view! { <SignupLine row=row started=started duration=duration /> }).collect_view()}
                            </ul>
                        }.into_any()
                    },
                }}
            </ShowRead>
        </section>
    }
}

/// What the people signed up were told: sent, waiting (and why), failed; and a few words to
/// send them all.
#[component]
fn Messages(workshop_id: i64) -> impl IntoView {
    let rows = LocalResource::new(move || client::workshop_messages(workshop_id));
    let text = RwSignal::new(String::new());
    let errors = FormErrors::new(&["text"]);
    let told = RwSignal::new(None::<u32>);
    // One key per message written: a second tap or a retry tells no one twice.
    let key = StoredValue::new(client::new_idempotency_key());
    let send = Action::new_local(move |words: &String| {
        let request = Broadcast {
            text: words.clone(),
        };
        let key = key.get_value();
        async move { client::broadcast(workshop_id, &request, &key).await }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(receipt)) => {
            told.set(Some(receipt.told));
            text.set(String::new());
            key.set_value(client::new_idempotency_key());
            rows.refetch();
        }
        Some(Err(error)) => errors.set(&error),
        None => {}
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        told.set(None);
        match check_broadcast(&text.get_untracked()) {
            Ok(words) => {
                send.dispatch(words);
            }
            Err(error) => errors.set_field(error.field, error.message),
        }
    };
    view! {
        <section class="card" aria-labelledby="messages-heading">
            <h2 id="messages-heading">"Messages"</h2>
            <form class="form broadcast-form" on:submit=on_submit novalidate>
                <div class="field" class:has-error=move || errors.for_field("text").get().is_some()>
                    <label for="broadcast">"Un message à toutes les personnes inscrites (par SMS, e-mail ou notification, comme chacune l'a choisi)"</label>
                    <textarea id="broadcast" rows="2" maxlength=MAX_BROADCAST_CHARS placeholder="Le camion a 30 minutes de retard."
                        prop:value=move || text.get() on:input=move |e| text.set(event_target_value(&e))></textarea>
                    <p class="hint">{move || format!("{} / {MAX_BROADCAST_CHARS} caractères", text.get().chars().count())}</p>
                    {move || errors.for_field("text").get().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
                </div>
                <FormError errors=errors />
                {move || told.get().map(|count| match count {
                    0 => view! { <p class="notice" role="status">"Personne n'a demandé à être prévenu : le message n'est envoyé à personne."</p> }.into_any(),
                    count => view! { <p class="notice notice-success" role="status">{format!("Message en route pour {count} personne(s).")}</p> }.into_any(),
                })}
                <button type="submit" class="button button-secondary" disabled=move || send.pending().get()>"Envoyer"</button>
            </form>
            <ShowRead read=rows error_heading="Impossible d'afficher les messages" let:data>
                {if data.is_empty() {
                    view! { <p class="muted">"Aucun message : personne n'a demandé à être prévenu."</p> }.into_any()
                } else {
                    view! { <MessageLog rows=data /> }.into_any()
                }}
            </ShowRead>
        </section>
    }
}

#[component]
fn SignupLine(row: SignupRow, started: bool, duration: u32) -> impl IntoView {
    let attended = RwSignal::new(row.attended.unwrap_or(true));
    let minutes = RwSignal::new(
        if row.attended.is_some() {
            row.volunteered_minutes
        } else {
            duration
        }
        .to_string(),
    );
    let message: RwSignal<Option<(bool, String)>> = RwSignal::new(None);
    let signup_id = row.id;
    let save = Action::new_local(move |attendance: &Attendance| {
        let attendance = attendance.clone();
        async move { client::record_attendance(signup_id, attendance).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => message.set(Some((true, "Enregistré.".into()))),
        Some(Err(failure)) => message.set(Some((false, failure.message(STAFF_OFFLINE)))),
        None => {}
    });
    let who = match (&row.member_number, &row.phone) {
        (Some(number), _) => format!("adhérent n° {number}"),
        (None, Some(phone)) => format_phone(phone),
        (None, None) => String::new(),
    };
    let record = move |_| {
        let Ok(volunteered_minutes) = minutes.get_untracked().trim().parse::<u32>() else {
            message.set(Some((false, "Nombre de minutes attendu.".into())));
            return;
        };
        save.dispatch(Attendance {
            attended: attended.get_untracked(),
            volunteered_minutes,
        });
    };
    let input_id = format!("minutes-{signup_id}");
    let check_id = format!("present-{signup_id}");
    view! {
        <li class:is-cancelled=row.cancelled class="signup-row">
            <div class="staff-item-main">
                <strong>{row.first_name.clone()}</strong>
                <span class="muted">{who}{row.cancelled.then_some(" · annulé")}{(row.waiting && !row.cancelled).then_some(" · liste d'attente")}</span>
            </div>
            {(started && !row.cancelled && !row.waiting).then(|| view! {
                <div class="attendance">
                    <label class="check" for=check_id.clone()>
                        <input type="checkbox" id=check_id.clone() prop:checked=move || attended.get()
                            on:change=move |event| attended.set(event_target_checked(&event)) />
                        "Présent·e"
                    </label>
                    <label for=input_id.clone() class="minutes">
                        <input type="number" id=input_id.clone() min="0" max=MAX_VOLUNTEERED_MINUTES inputmode="numeric"
                            disabled=move || !attended.get()
                            prop:value=move || minutes.get()
                            on:input=move |event| minutes.set(event_target_value(&event)) />
                        " min"
                    </label>
                    <button type="button" class="button button-small" on:click=record disabled=move || save.pending().get()>"Noter"</button>
                    {move || message.get().map(|(ok, text)| view! { <span class=if ok { "saved" } else { "field-error" } role="status">{text}</span> })}
                </div>
            })}
        </li>
    }
}
