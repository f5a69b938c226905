//! A batch's jar labels on A4 sheets of 24 (3 × 8 labels of 70 × 37 mm, a common sticker
//! sheet): one label per jar made, with what the rules ask a label to say.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::batches::Batch;
use crate::api::operator::Operator;
use crate::api::paths::pages;
use crate::api::recipes::Recipe;
use crate::app::client::{self, ClientError, ReadMode};
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::states::ShowRead;
use crate::app::page::{id_param, set_title};
use crate::domain::batch::{label_ingredients, STORAGE_ADVICE};
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
    let number = batch.number.clone();
    // Who made the jars, as a label must say: the operator's name and address.
    let made_by = format!("{}, {}", operator.name, operator.address);
    let one_label = move |jar_ml: u32| {
        let ingredients = ingredients.clone();
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
                    <span class="label-net">{format!("{jar_ml} ml")}</span>
                    <span>{format!("Lot {number}")}</span>
                </p>
                <p class="label-ddm">{format!("À consommer de préférence avant le {}", short_date(batch.best_before))}</p>
                <p class="label-small">{STORAGE_ADVICE}</p>
                <p class="label-small">{made_by.clone()}</p>
            </div>
        }
    };
    let blocked = !batch.assessment.conforming;
    let heading = format!("Étiquettes du lot {}", batch.number);
    view! {
        <div class="no-print">
            <h1>{heading}</h1>
            {(!operator.configured).then(|| view! {
                <p class="notice notice-error" role="alert">"L'exploitant n'est pas configuré (fichier de configuration du serveur) : ces étiquettes n'ont pas le nom et l'adresse qu'une étiquette doit porter."</p>
            })}
            {blocked.then(|| view! {
                <p class="notice notice-error" role="alert">"Lot non conforme : ses bocaux ne doivent pas être remis. Ces étiquettes ne servent qu'à les identifier."</p>
            })}
            <p>{format!("{count} étiquettes ({}), sur des planches A4 de 24 étiquettes de 70 × 37 mm.", sheets(count))}</p>
            <div class="actions">
                <button type="button" class="button button-primary" on:click=move |_| { let _ = window().print(); }>"Imprimer"</button>
            </div>
        </div>
        // An A4 sheet scrolls sideways on a phone: reachable by keyboard.
        <div class="label-preview" tabindex="0" role="region" aria-label="Aperçu de la planche d'étiquettes">
            <div class="label-sheet">
                {labels.into_iter().map(one_label).collect_view()}
            </div>
        </div>
    }
}

fn sheets(labels: u32) -> String {
    match labels.div_ceil(24) {
        0 | 1 => "une planche".to_string(),
        sheets => format!("{sheets} planches"),
    }
}
