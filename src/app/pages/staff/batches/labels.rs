//! A batch's jar labels on standard A4 sticker sheets (10 labels of 105 × 57 mm, or 24 of
//! 70 × 37 mm): one label per jar made, with what regulation 1169/2011 asks a label to say and
//! the batch's QR code, which the counter scans.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::batches::Batch;
use crate::api::operator::Operator;
use crate::api::paths::{self, pages};
use crate::api::recipes::Recipe;
use crate::app::client::{self, ClientError, ReadMode};
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::states::ShowRead;
use crate::app::page::{id_param, set_title};
use crate::domain::batch::{label_ingredients, label_net_quantity, STORAGE_ADVICE};
use crate::domain::when::short_date;

#[component]
pub fn BatchLabelsPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| id_param(&params.read()));
    // The batch, then the recipe version it was made with (not the current one), and who
    // made it (the configured operator).
    let sheet = LocalResource::new(move || {
        let id = id.get();
        async move {
            let id = id.ok_or_else(|| {
                ClientError::NotFound("Ce lot de fabrication n'existe pas.".into())
            })?;
            let batch = client::get_batch(id).await?;
            let recipe = client::get_recipe(
                batch.recipe_id,
                Some(batch.recipe_version),
                ReadMode::NetworkFirst,
            )
            .await?;
            let operator = client::operator().await?;
            Ok::<_, ClientError>((batch, recipe, operator))
        }
    });
    let back = id
        .get_untracked()
        .map(pages::batch)
        .unwrap_or_else(|| pages::BATCHES.to_string());
    view! {
        <div class="page staff-page labels-page">
            <BackLink href=back label="Le lot de fabrication" />
            <StaffOnly back=pages::BATCHES>
                <ShowRead read=sheet error_heading="Impossible de préparer les étiquettes" let:loaded>
                    {view! { <Labels batch=loaded.0 recipe=loaded.1 operator=loaded.2 /> }}
                </ShowRead>
            </StaffOnly>
        </div>
    }
}

/// The standard A4 label sheets a batch prints on. Every mandatory item is set with letters at
/// least 1.2 mm high (x-height, regulation 1169/2011 art. 13): on the small labels a long
/// ingredient list may not fit, and the page says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SheetFormat {
    /// 3 × 8 labels of 70 × 37 mm.
    Small,
    /// 2 × 5 labels of 105 × 57 mm.
    Large,
}

impl SheetFormat {
    fn per_sheet(self) -> u32 {
        match self {
            SheetFormat::Small => 24,
            SheetFormat::Large => 10,
        }
    }

    fn label_fr(self) -> &'static str {
        match self {
            SheetFormat::Small => "70 × 37 mm, 24 par planche",
            SheetFormat::Large => "105 × 57 mm, 10 par planche",
        }
    }

    fn class(self) -> &'static str {
        match self {
            SheetFormat::Small => "label-sheet sheet-small",
            SheetFormat::Large => "label-sheet sheet-large",
        }
    }
}

#[component]
fn Labels(batch: Batch, recipe: Recipe, operator: Operator) -> impl IntoView {
    set_title(&format!("Étiquettes du lot {}", batch.number));
    let content = recipe.content;
    let (ingredients, unnamed) = label_ingredients(&content);
    let contains = (!unnamed.is_empty()).then(|| {
        let names: Vec<&str> = unnamed.iter().map(|allergen| allergen.label_fr()).collect();
        format!("Contient : {}.", names.join(", "))
    });
    let count: u32 = batch.jars_made();
    let labels: Vec<u32> = batch
        .jars
        .iter()
        .flat_map(|size| std::iter::repeat_n(size.jar_ml, size.jars as usize))
        .collect();
    // Sizes whose net quantity the recipe's version does not give: their label shows the
    // jar's volume, which is the net quantity only of a liquid filled to the brim.
    let unknown_net: Vec<String> = batch
        .jars
        .iter()
        .filter(|size| label_net_quantity(&content, size.jar_ml).is_none())
        .map(|size| format!("{} ml", size.jar_ml))
        .collect();
    let number = batch.number.clone();
    let qr = paths::batch_qr(batch.id);
    // Who made the jars, as a label must say: the operator's name and address.
    let made_by = format!("{}, {}", operator.name, operator.address);
    let one_label = move |jar_ml: u32| {
        let ingredients = ingredients.clone();
        let (net, drained) =
            label_net_quantity(&content, jar_ml).unwrap_or_else(|| (format!("{jar_ml} ml"), None));
        view! {
            <div class="jar-label">
                <p class="label-title">{content.title.clone()}</p>
                <p class="label-ingredients">
                    "Ingrédients : "
                    {ingredients.into_iter().enumerate().map(|(index, ingredient)| {
                        let separator = if index == 0 { "" } else { ", " };
                        let name = if index == 0 { ingredient.name } else { ingredient.name.to_lowercase() };
                        view! {
                            {separator}
                            {if ingredient.allergen {
                                view! { <strong class="allergen">{name}</strong> }.into_any()
                            } else {
                                name.into_any()
                            }}
                        }
                    }).collect_view()}
                    "."
                    {contains.clone().map(|text| view! { " " <strong class="allergen">{text}</strong> })}
                </p>
                <p class="label-facts">
                    <span class="label-net">{net}</span>
                    {drained.map(|text| view! { <span class="label-drained">{text}</span> })}
                </p>
                <p class="label-ddm">{format!("À consommer de préférence avant le {}", short_date(batch.best_before))}</p>
                <p class="label-lot">{format!("Lot {number}")}</p>
                <p class="label-small">{STORAGE_ADVICE}</p>
                <p class="label-small">{made_by.clone()}</p>
                <img class="label-qr" src=qr.clone() alt=format!("QR code du lot {number}") />
            </div>
        }
    };
    let blocked = !batch.assessment.conforming;
    let heading = format!("Étiquettes du lot {}", batch.number);
    let format = RwSignal::new(SheetFormat::Large);
    // How many labels' text overflows them, measured once the sheet is laid out.
    let sheet = NodeRef::<leptos::html::Div>::new();
    let overflowing = RwSignal::new(0u32);
    Effect::new(move |_| {
        format.track();
        request_animation_frame(move || {
            let Some(sheet) = sheet.get_untracked() else {
                return;
            };
            let mut overflowing_labels = 0;
            let mut label = sheet.first_element_child();
            while let Some(element) = label {
                if element.scroll_height() > element.client_height() + 1 {
                    overflowing_labels += 1;
                }
                label = element.next_element_sibling();
            }
            overflowing.set(overflowing_labels);
        });
    });
    view! {
        <div class="no-print">
            <h1>{heading}</h1>
            {(!operator.configured).then(|| view! {
                <p class="notice notice-error" role="alert">"L'exploitant n'est pas configuré (fichier de configuration du serveur) : ces étiquettes n'ont pas le nom et l'adresse qu'une étiquette doit porter."</p>
            })}
            {blocked.then(|| view! {
                <p class="notice notice-error" role="alert">"Lot non conforme : ses bocaux ne doivent pas être remis. Ces étiquettes ne servent qu'à les identifier."</p>
            })}
            {(!unknown_net.is_empty()).then(|| view! {
                <p class="notice notice-error" role="alert">{format!(
                    "La recette ne donne pas la quantité nette des bocaux de {} : l'étiquette indique le volume du bocal. Complétez la recette (poids, et poids égoutté pour un produit dans un liquide).",
                    unknown_net.join(", ")
                )}</p>
            })}
            <fieldset class="field">
                <legend>"Planches d'étiquettes A4"</legend>
                {[SheetFormat::Large, SheetFormat::Small].into_iter().map(|option| view! {
                    <label class="check">
                        <input type="radio" name="sheet-format" prop:checked=move || format.get() == option
                            on:change=move |_| format.set(option) />
                        {option.label_fr()}
                    </label>
                }).collect_view()}
            </fieldset>
            <p>{move || format!("{count} étiquettes, {}.", sheets(count, format.get().per_sheet()))}</p>
            {move || (overflowing.get() > 0).then(|| view! {
                <p class="notice notice-error" role="alert">{match format.get() {
                    SheetFormat::Small => "Le texte dépasse de ces étiquettes : choisissez les planches 105 × 57 mm.",
                    SheetFormat::Large => "Le texte dépasse même de ces étiquettes : raccourcissez le titre ou les noms d'ingrédients de la recette.",
                }}</p>
            })}
            <div class="actions">
                <button type="button" class="button button-primary" on:click=move |_| { let _ = window().print(); }>"Imprimer"</button>
            </div>
        </div>
        // An A4 sheet scrolls sideways on a phone: reachable by keyboard.
        <div class="label-preview" tabindex="0" role="region" aria-label="Aperçu de la planche d'étiquettes">
            <div class=move || format.get().class() node_ref=sheet>
                {labels.into_iter().map(one_label).collect_view()}
            </div>
        </div>
    }
}

fn sheets(labels: u32, per_sheet: u32) -> String {
    match labels.div_ceil(per_sheet) {
        0 | 1 => "une planche".to_string(),
        sheets => format!("{sheets} planches"),
    }
}
