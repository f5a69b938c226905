//! One recipe: scaled to the kilos at hand ("J'ai 12 kg de tomates"), with its jars, steps,
//! processing schedule and allergens; printable as a card for the truck.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::paths::{self, pages};
use crate::api::recipes::Recipe;
use crate::app::client::{self, ClientError, ReadMode};
use crate::app::components::back_link::BackLink;
use crate::app::components::states::ShowRead;
use crate::app::offline::refreshed_resource;
use crate::app::page::{id_param, set_title};
use crate::app::session::use_session;
use crate::domain::lot::{format_kilos, kilos_for_input, parse_kilos};
use crate::domain::recipe::{ph_text, scale_recipe, temperature_fr, AcidityClass, ProcessMethod};
use crate::domain::when::{date_phrase, short_date};
use crate::domain::Lang;

/// What the scaling box starts with: a workshop's usual batch.
const DEFAULT_GRAMS: u64 = 10_000;

#[component]
pub fn RecipePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let wanted = Memo::new(move |_| {
        let id = id_param(&params.read());
        let version = query
            .read()
            .get("version")
            .and_then(|v| v.parse::<u32>().ok());
        (id, version)
    });
    let recipe = refreshed_resource(move || {
        let (id, version) = wanted.get();
        async move {
            match id {
                Some(id) => client::get_recipe(id, version, ReadMode::ShownAtOnce).await,
                None => Err(ClientError::NotFound("Cette recette n'existe pas.".into())),
            }
        }
    });
    view! {
        <div class="page recipe-page">
            <BackLink href=pages::RECIPES label="Toutes les recettes" />
            <ShowRead read=recipe error_heading="Impossible d'afficher la recette" let:recipe>
                {view! { <RecipeDetail recipe=recipe /> }.into_any()}
            </ShowRead>
        </div>
    }
}

#[component]
fn RecipeDetail(recipe: Recipe) -> impl IntoView {
    let session = use_session();
    let recipe_id = recipe.id;
    let content = StoredValue::new(recipe.content.clone());
    let c = &recipe.content;
    set_title(&c.title);
    let kilos = RwSignal::new(kilos_for_input(DEFAULT_GRAMS));
    let chosen_sizes = RwSignal::new(c.jar_sizes_ml.clone());
    let grams = Memo::new(move |_| parse_kilos(&kilos.get()).filter(|grams| *grams > 0));
    let scaled = move || {
        let grams = grams.get()?;
        let sizes = chosen_sizes.get();
        Some(content.with_value(|content| scale_recipe(content, grams.into(), &sizes)))
    };
    // As it reads inside a sentence: "12 kg de tomates".
    let produce = c.main_produce.to_lowercase();
    let produce_in_total = produce.clone();
    let older = recipe.version < recipe.current_version;
    let validated = c.schedule.validation.clone();
    let method = match c.schedule.method {
        ProcessMethod::WaterBath => "Pasteurisation au bain-marie",
        ProcessMethod::Autoclave => "Stérilisation à l'autoclave",
    };
    // A starter draft's class is the library's guess until the cannery measures its pH.
    let acidity = match (c.acidity, c.ph.is_some()) {
        (AcidityClass::Acid, true) => "Acide (pH sous 4,5) : le bain-marie suffit.",
        (AcidityClass::Acid, false) => {
            "Supposé acide (pH sous 4,5) : le bain-marie ne suffit que si la mesure du pH le \
             confirme."
        }
        (AcidityClass::LowAcid, _) => {
            "Peu acide (pH de 4,5 ou plus) : stérilisation à l'autoclave obligatoire."
        }
    };
    let measured_ph = c.ph.map(|ph| {
        let mut said = format!(
            "pH d'équilibre mesuré : {} ({}, le {})",
            ph_text(ph.hundredths),
            ph.method.label_fr(),
            short_date(ph.measured_on)
        );
        if let Some(target) = c.target_ph_hundredths {
            said.push_str(&format!(
                " ; recette acidifiée, pH visé sous {}",
                ph_text(target)
            ));
        }
        said + "."
    });
    let f0 = c.schedule.target_f0_tenths.map(|tenths| {
        format!(
            "Valeur stérilisatrice visée : F0 = {},{} min",
            tenths / 10,
            tenths % 10
        )
    });
    let today = crate::domain::time::local_date(chrono::Utc::now());
    let allergens = if c.allergens.is_empty() {
        "Aucun des 14 allergènes majeurs.".to_string()
    } else {
        c.allergens
            .iter()
            .map(|a| a.label_fr())
            .collect::<Vec<_>>()
            .join(", ")
    };
    view! {
        <article class="recipe">
            {older.then(|| view! {
                <p class="notice notice-planned" role="status">
                    {format!("Version {} de cette recette, remplacée depuis. ", recipe.version)}
                    <A href=pages::recipe(recipe.id)>"Voir la version actuelle"</A>
                </p>
            })}
            <p class="card-when">{c.category.label_fr()}</p>
            <h1>{c.title.clone()}</h1>
            {c.photo_id.map(|id| view! {
                <img class="recipe-photo" src=paths::recipe_photo(id) alt="" />
            })}
            <p class="recipe-facts">
                {format!("Préparation {} min · cuisson {} min · se garde {} mois", c.preparation_minutes, c.cooking_minutes, c.shelf_life_months)}
            </p>
            <div class="badges">
                {c.diets.iter().map(|diet| view! { <span class="badge">{diet.label_fr()}</span> }).collect_view()}
            </div>
            {match validated {
                Some(validation) => view! {
                    <p class="notice notice-success">{format!("Barème validé par {}, le {}.", validation.by, date_phrase(Lang::Fr, today, validation.on))}</p>
                }.into_any(),
                None => view! {
                    {c.validated_elsewhere.clone().map(|elsewhere| view! {
                        <p class="notice notice-info recipe-validated-elsewhere">
                            {format!(
                                "Barème validé par {}, le {}, pour « {} » : pour ses bocaux et son autoclave, pas pour les vôtres.",
                                elsewhere.by, date_phrase(Lang::Fr, today, elsewhere.on), elsewhere.cannery
                            )}
                        </p>
                    })}
                    <p class="notice notice-planned recipe-unvalidated" role="note">
                        <strong>"Barème non validé."</strong>
                        {if c.ph.is_none() {
                            " pH à mesurer. Ne pas utiliser pour une production : mesurez d'abord le pH d'équilibre, puis faites valider ce barème pour votre autoclave et vos bocaux."
                        } else {
                            " Ne pas utiliser pour une production : faites d'abord valider ce barème pour votre autoclave et vos bocaux."
                        }}
                    </p>
                }.into_any(),
            }}

            <section class="card recipe-scale" aria-labelledby="scale-heading">
                <h2 id="scale-heading">"Pour la quantité du jour"</h2>
                <div class="scale-input no-print">
                    <label for="scale-kilos">"J'ai"</label>
                    <input id="scale-kilos" type="text" inputmode="decimal"
                        prop:value=move || kilos.get() on:input=move |e| kilos.set(event_target_value(&e)) />
                    <span>{format!("kg de {produce}")}</span>
                </div>
                <fieldset class="jar-sizes no-print">
                    <legend>"Bocaux"</legend>
                    {c.jar_sizes_ml.iter().map(|size| {
                        let size = *size;
                        view! {
                            <label class="check">
                                <input type="checkbox" prop:checked=move || chosen_sizes.get().contains(&size)
                                    on:change=move |e| {
                                        let on = event_target_checked(&e);
                                        chosen_sizes.update(|sizes| {
                                            sizes.retain(|s| *s != size);
                                            if on { sizes.push(size); }
                                        });
                                    } />
                                {format!("{size} ml")}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                {move || match (grams.get(), scaled()) {
                    (Some(grams), Some(scaled)) => view! {
                        <h3>{format!("Pour {} de {}", format_kilos(grams.into()), produce_in_total)}</h3>
                        <ul class="scaled-ingredients">
                            {scaled.ingredients.into_iter().map(|(name, quantity)| view! {
                                <li><span>{name}</span> <strong>{quantity.label_fr()}</strong></li>
                            }).collect_view()}
                        </ul>
                        <p class="scaled-jars">
                            {format!("Environ {} de préparation : ", litres(scaled.total_ml))}
                            {if scaled.jars.is_empty() {
                                "choisissez au moins une taille de bocal.".to_string()
                            } else {
                                scaled.jars.iter().map(|(size, count)| format!("{count} bocaux de {size} ml")).collect::<Vec<_>>().join(" et ")
                            }}
                        </p>
                    }.into_any(),
                    _ => view! { <p class="field-error" role="alert">"Indiquez un poids en kilos, par exemple 12 ou 12,5."</p> }.into_any(),
                }}
            </section>

            <section aria-labelledby="steps-heading">
                <h2 id="steps-heading">"Étapes"</h2>
                <ol class="recipe-steps">
                    {c.steps.iter().map(|step| view! { <li>{step.clone()}</li> }).collect_view()}
                </ol>
            </section>

            <section aria-labelledby="schedule-heading">
                <h2 id="schedule-heading">"Barème"</h2>
                <p>{method} ". " {acidity}</p>
                {match measured_ph {
                    Some(said) => view! { <p>{said}</p> }.into_any(),
                    None => view! { <p><strong>"pH d'équilibre : à mesurer"</strong> " (pH-mètre étalonné ou laboratoire)."</p> }.into_any(),
                }}
                <p class="muted">"Un barème est validé pour un autoclave et une conserverie : celui d'une autre conserverie ne vaut pas pour la vôtre."</p>
                <div class="table-scroll">
                <table class="schedule-table">
                    <thead><tr><th scope="col">"Bocal"</th><th scope="col">"Température à cœur"</th><th scope="col">"Durée"</th><th scope="col">"Espace de tête"</th></tr></thead>
                    <tbody>
                        {c.schedule.rows.iter().map(|row| view! {
                            <tr>
                                <td>{format!("{} ml", row.jar_ml)}</td>
                                <td>{temperature_fr(row.temperature_tenths)}</td>
                                <td>{format!("{} min", row.minutes)}</td>
                                <td>{format!("{} mm", row.headspace_mm)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
                {f0.map(|text| view! { <p>{text}</p> })}
            </section>

            <section aria-labelledby="allergens-heading">
                <h2 id="allergens-heading">"Allergènes"</h2>
                <p>{allergens}</p>
            </section>
            {(!c.source.is_empty()).then(|| view! { <p class="muted">"Source : " {c.source.clone()}</p> })}
            <p class="muted">
                {format!("Version {}", recipe.version)}
                {(!recipe.saved_by.is_empty()).then(|| format!(", enregistrée par {}", recipe.saved_by))}
                "."
            </p>
            <div class="actions no-print">
                <button type="button" class="button button-secondary" on:click=move |_| { let _ = window().print(); }>"Imprimer la fiche"</button>
                {move || session.is_staff().then(|| view! {
                    <a href=paths::recipe_file(recipe_id) download class="button button-secondary"
                        title="Pour une autre conserverie qui utilise Bocal : toutes les versions, en un fichier">"Fichier de la recette"</a>
                    <A href=pages::edit_recipe(recipe_id) attr:class="button button-secondary">"Modifier (nouvelle version)"</A>
                })}
            </div>
            {(recipe.current_version > 1).then(|| view! {
                <nav class="recipe-versions no-print" aria-label="Versions de la recette">
                    "Versions : "
                    {(1..=recipe.current_version).map(|version| {
                        let href = format!("{}?version={version}", pages::recipe(recipe_id));
                        let current = version == recipe.version;
                        view! { <A href=href attr:aria-current=current.then_some("page")>{version.to_string()}</A> " " }
                    }).collect_view()}
                </nav>
            })}
        </article>
    }
}

/// "9,6 litres", "750 ml".
fn litres(ml: u64) -> String {
    if ml < 1000 {
        format!("{ml} ml")
    } else {
        format_kilos(ml).replace(" kg", " litres")
    }
}
