//! One workshop: when, where (with a map link), what, and how to put it in one's calendar.

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::paths::{self, pages};
use crate::app::client::{self, ClientError, ReadMode};
use crate::app::components::back_link::BackLink;
use crate::app::components::icons::CalendarIcon;
use crate::app::components::map_link::MapLink;
use crate::app::components::signup_box::SignupBox;
use crate::app::components::states::{ErrorNotice, Loading};
use crate::app::components::subscribe_link::SubscribeLink;
use crate::app::i18n::use_i18n;
use crate::app::offline::refreshed_resource;
use crate::app::page::{id_param, set_title};
use crate::app::session::use_session;
use crate::domain::time::local_date;
use crate::domain::when::{date_phrase, time_range_phrase};
use crate::domain::{Workshop, WorkshopStatus};

#[component]
pub fn WorkshopPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| id_param(&params.read()));
    let workshop = refreshed_resource(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => client::get_workshop(id, ReadMode::ShownAtOnce).await,
                None => Err(ClientError::NotFound(String::new())),
            }
        }
    });

    // A read again that brings the same workshop (the service worker's refresh behind) must not
    // draw the page anew: the sign-up form would lose what the person typed, and its messages.
    let shown = Memo::new(move |_| workshop.get());

    view! {
        <div class="page workshop-page">
            <BackLink href="/" label=move || i18n.texts().back_to_calendar />
            {move || match shown.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Ok(workshop)) => view! { <WorkshopDetail workshop=workshop /> }.into_any(),
                Some(Err(ClientError::NotFound(_))) => {
                    set_title(i18n.texts().page_not_found_heading);
                    view! {
                        <div class="notice" role="alert">
                            <h1>{i18n.texts().page_not_found_heading}</h1>
                            <p>{i18n.texts().workshop_not_found}</p>
                        </div>
                    }
                        .into_any()
                }
                Some(Err(error)) => {
                    view! {
                        <ErrorNotice
                            error=error
                            heading=i18n.texts().error_heading
                            retry=move |_| workshop.refetch()
                        />
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

#[component]
fn WorkshopDetail(workshop: Workshop) -> impl IntoView {
    let i18n = use_i18n();
    set_title(&workshop.title);
    let texts = move || i18n.texts();
    let today = local_date(Utc::now());
    let status_notice = match workshop.status {
        WorkshopStatus::Cancelled => Some(("notice notice-cancelled", texts().cancelled_notice)),
        WorkshopStatus::Planned => Some(("notice notice-planned", texts().planned_notice)),
        WorkshopStatus::Confirmed | WorkshopStatus::Done => None,
    };
    let w = workshop.clone();
    let when = move || {
        let lang = i18n.lang.get();
        format!(
            "{}, {}",
            date_phrase(lang, today, local_date(w.starts_at)),
            time_range_phrase(lang, w.starts_at, w.ends_at)
        )
    };
    let kind = workshop.kind;
    let ics_href = paths::workshop_ics(workshop.id);
    let workshop_id = workshop.id;
    let session = use_session();
    view! {
        <article class=if workshop.is_cancelled() { "workshop is-cancelled" } else { "workshop" }>
            <header class="workshop-header">
                <span class=format!("badge kind-{}", kind.code())>{move || texts().kind(kind)}</span>
                <h1>{workshop.title.clone()}</h1>
                <p class="workshop-when">
                    <time datetime=workshop.starts_at.to_rfc3339()>{when}</time>
                </p>
            </header>
            {status_notice.map(|(class, message)| view! { <p class=class role="status">{message}</p> })}
            <section class="workshop-where" aria-labelledby="where-heading">
                <h2 id="where-heading">{move || texts().where_heading}</h2>
                <p class="place-name">{workshop.place.name.clone()}</p>
                <p>{workshop.place.postal_address()}</p>
                <MapLink place=workshop.place.clone() />
            </section>
            {(!workshop.description.is_empty()).then(|| view! { <p class="description">{workshop.description.clone()}</p> })}
            <dl class="facts">
                <div>
                    <dt>{move || texts().organised_by}</dt>
                    <dd>{workshop.centre.clone()}</dd>
                </div>
                <div>
                    <dt>{move || texts().capacity}</dt>
                    <dd>{workshop.capacity}</dd>
                </div>
            </dl>
            <SignupBox workshop=workshop.clone() />
            <div class="actions">
                // Nobody needs a cancelled stop in their calendar.
                {(!workshop.is_cancelled())
                    .then(|| {
                        view! {
                            <a class="button button-secondary" href=ics_href rel="external">
                                <CalendarIcon />
                                {move || texts().add_to_calendar}
                            </a>
                        }
                    })}
                {move || session.is_staff().then(|| view! {
                    <A href=pages::edit_workshop(workshop_id) attr:class="button button-secondary">
                        {move || texts().manage_workshop}
                    </A>
                })}
            </div>
        </article>
        <SubscribeLink />
    }
}
