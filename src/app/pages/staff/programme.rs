//! "Affiches et site web": the posters to print (this month, next month, this week's for the
//! truck's window) and the widget a centre pastes into its own website: filters, a preview,
//! and its `<iframe>` snippet with "Copier". The posters and the widget are pages the server
//! writes (src/server/pages/programme/); this screen only points at them.

use chrono::{Datelike, Days, Months, Utc, Weekday};
use leptos::prelude::*;
use leptos_router::params::ParamsMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::paths::pages::{self, programme_param as param};
use crate::app::client;
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::page::set_title;
use crate::domain::time::local_date;
use crate::domain::when::month_phrase;
use crate::domain::{Lang, WorkshopKind};

/// The widget's `nombre` offered here: up to the most it lists (`pages::WIDGET_COUNTS`).
const COUNTS: [usize; 4] = [3, 5, 10, pages::WIDGET_COUNTS.2];

#[component]
pub fn ProgrammePage() -> impl IntoView {
    set_title("Affiches et site web");
    view! {
        <div class="page narrow-page programme-page">
            <BackLink href=pages::STAFF label="Espace animation" />
            <h1>"Affiches et site web"</h1>
            <StaffOnly back=pages::STAFF_PROGRAMME>
                <Posters />
                <WidgetSnippet />
            </StaffOnly>
        </div>
    }
}

/// Links to the posters: they open in a tab of their own, to print from the browser.
#[component]
fn Posters() -> impl IntoView {
    let today = local_date(Utc::now());
    let this_month = today.with_day(1).expect("day 1 exists");
    let next_month = this_month + Months::new(1);
    let monday = today.week(Weekday::Mon).first_day();
    let link = |href: String, label: String| {
        view! {
            <li><a href=href target="_blank" rel="external">{label}</a></li>
        }
    };
    view! {
        <section class="card" aria-labelledby="posters-heading">
            <h2 id="posters-heading">"Affiches à imprimer"</h2>
            <p class="hint">"Une page A4 en gros caractères, avec le code QR du site et les centres : imprimez-la depuis le navigateur (taille réelle)."</p>
            <ul class="link-list">
                {link(pages::programme_month(this_month), format!("Affiche de {}", month_phrase(Lang::Fr, this_month)))}
                {link(pages::programme_month(next_month), format!("Affiche de {}", month_phrase(Lang::Fr, next_month)))}
                {link(pages::programme_week(monday), "Affiche de cette semaine, pour la vitrine du camion".into())}
                {link(pages::programme_week(monday + Days::new(7)), "Affiche de la semaine prochaine".into())}
            </ul>
        </section>
    }
}

/// The widget's filters, its preview and the snippet to paste into a website.
#[component]
fn WidgetSnippet() -> impl IntoView {
    let centres = LocalResource::new(client::centres);
    let places = LocalResource::new(client::places);
    let centre = RwSignal::new(String::new());
    let commune = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let count = RwSignal::new(pages::WIDGET_COUNTS.1);
    let copied: RwSignal<Option<&'static str>> = RwSignal::new(None);

    // The widget's address on this Bocal, with the chosen filters.
    let widget_url = move || {
        let query: ParamsMap = [
            (param::CENTRE, centre.get()),
            (param::COMMUNE, commune.get()),
            (param::KIND, kind.get()),
            (param::COUNT, count.get().to_string()),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .collect();
        let origin = window().location().origin().unwrap_or_default();
        format!("{origin}{}{}", pages::WIDGET, query.to_query_string())
    };
    // Room for the heading, each stop (up to three lines) and the link at the bottom.
    let height = move || 110 + 130 * count.get();
    let snippet = move || {
        format!(
            r#"<iframe src="{}" title="Prochains ateliers de la conserverie mobile" width="100%" height="{}" loading="lazy" style="border:0"></iframe>"#,
            widget_url().replace('&', "&amp;"),
            height()
        )
    };
    let copy = move |_| {
        let text = snippet();
        leptos::task::spawn_local(async move {
            copied.set(Some(copy_text(&text).await));
        });
    };

    let communes = move || {
        let mut names: Vec<String> = places
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|place| place.commune)
            .collect();
        names.sort();
        names.dedup();
        names
    };
    view! {
        <section class="card" aria-labelledby="widget-heading">
            <h2 id="widget-heading">"Le calendrier sur le site d'un centre"</h2>
            <p class="hint">"Les prochaines dates, à coller dans une page du site (WordPress : bloc « HTML personnalisé »). Elles se mettent à jour d'elles-mêmes ; chaque date mène à sa page sur Bocal."</p>
            <div class="field-row">
                <div class="field">
                    <label for="widget-centre">"Centre"</label>
                    <select id="widget-centre" on:change=move |e| centre.set(event_target_value(&e))>
                        <option value="">"Tous les centres"</option>
                        {move || centres.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|option| view! {
                            <option value=option.id.to_string()>{option.name}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="widget-commune">"Commune"</label>
                    <select id="widget-commune" on:change=move |e| commune.set(event_target_value(&e))>
                        <option value="">"Toutes les communes"</option>
                        {move || communes().into_iter().map(|name| view! {
                            <option value=name.clone()>{name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="widget-kind">"Type d'atelier"</label>
                    <select id="widget-kind" on:change=move |e| kind.set(event_target_value(&e))>
                        <option value="">"Tous les types"</option>
                        {WorkshopKind::ALL.into_iter().map(|option| view! {
                            <option value=option.code()>{option.label(Lang::Fr)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="widget-count">"Nombre de dates"</label>
                    <select id="widget-count" on:change=move |e| {
                        if let Ok(chosen) = event_target_value(&e).parse() {
                            count.set(chosen);
                        }
                    }>
                        {COUNTS.into_iter().map(|option| view! {
                            <option value=option.to_string() prop:selected=move || count.get() == option>{option}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="field">
                <label for="widget-snippet">"Code à coller"</label>
                <textarea id="widget-snippet" class="snippet" rows="4" readonly prop:value=snippet
                    on:input=move |_| copied.set(None)></textarea>
            </div>
            <div class="actions">
                <button type="button" class="button button-primary" on:click=copy>"Copier"</button>
                {move || copied.get().map(|message| view! { <span class="saved" role="status">{message}</span> })}
            </div>
            <h3>"Aperçu"</h3>
            <iframe class="widget-preview" src=widget_url title="Aperçu : prochains ateliers de la conserverie mobile"
                height=height></iframe>
        </section>
    }
}

/// Puts `text` on the clipboard; where the browser gives no clipboard (a page not served over
/// HTTPS), selects the snippet so that a long press or Ctrl+C copies it. Says which.
async fn copy_text(text: &str) -> &'static str {
    let navigator = window().navigator();
    let has_clipboard = web_sys::js_sys::Reflect::get(&navigator, &"clipboard".into())
        .is_ok_and(|clipboard| !clipboard.is_undefined());
    if has_clipboard
        && JsFuture::from(navigator.clipboard().write_text(text))
            .await
            .is_ok()
    {
        return "Copié : collez-le dans la page du site.";
    }
    let snippet = document()
        .get_element_by_id("widget-snippet")
        .and_then(|element| element.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
    match snippet {
        Some(snippet) => {
            snippet.select();
            "Code sélectionné : copiez-le (Ctrl+C, ou appui long sur téléphone)."
        }
        None => "Copie impossible : sélectionnez le code à la main.",
    }
}
