//! The recipe library: public reading and search, the animators' editor.

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;

use crate::api::lots::UploadedPhoto;
use crate::api::recipes::{Recipe, RecipeFilter, RecipeSummary};
use crate::domain::lot::PRODUCE;
use crate::domain::recipe::{check_recipe, same_produce, RecipeContent};
use crate::domain::time::local_date;
use crate::server::formats::photos::{jpeg_response, received_photo};
use crate::server::http::error::AppError;
use crate::server::http::extract::{ApiJson, ApiQuery, IdPath};
use crate::server::http::session::StaffMember;
use crate::server::state::AppState;

/// `GET /api/v1/recipes?q&categorie&regime&saison&en_stock` (public), by title.
pub async fn list(
    State(state): State<AppState>,
    ApiQuery(filter): ApiQuery<RecipeFilter>,
) -> Result<Json<Vec<RecipeSummary>>, AppError> {
    let today = local_date(state.clock.now());
    let on_offer = state.storage.produce_on_offer(today).await?;
    let recipes = state.storage.current_recipes().await?;
    let summaries = recipes
        .into_iter()
        .filter_map(|recipe| {
            let content = &recipe.content;
            let in_season = PRODUCE
                .iter()
                .any(|produce| content.is_made_with(produce.name) && produce.in_season(today));
            let on_offer = on_offer
                .iter()
                .any(|produce| same_produce(&content.main_produce, produce));
            filter
                .matches(content, in_season, on_offer)
                .then(|| RecipeSummary {
                    id: recipe.id,
                    version: recipe.version,
                    title: content.title.clone(),
                    category: content.category,
                    main_produce: content.main_produce.clone(),
                    diets: content.diets.clone(),
                    method: content.schedule.method,
                    validated: content.schedule.is_validated(),
                    on_offer,
                    in_season,
                })
        })
        .collect();
    Ok(Json(summaries))
}

/// `GET /api/v1/recipes/{id}` (public): the current version.
pub async fn one(
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> Result<Json<Recipe>, AppError> {
    Ok(Json(state.storage.recipe(id, None).await?))
}

/// `GET /api/v1/recipes/{id}/versions/{version}` (public): any version, replaced or not.
pub async fn version(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Json<Recipe>, AppError> {
    let not_found = || AppError::NotFound("Cette version de recette n'existe pas.".into());
    let Ok(Path((id, version))) = path else {
        return Err(not_found());
    };
    let (Ok(id), Ok(version)) = (id.parse::<i64>(), version.parse::<u32>()) else {
        return Err(not_found());
    };
    Ok(Json(state.storage.recipe(id, Some(version)).await?))
}

/// `POST /api/v1/recipes` (staff): checked by the safety rules before anything is stored.
pub async fn create(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    ApiJson(content): ApiJson<RecipeContent>,
) -> Result<(StatusCode, Json<Recipe>), AppError> {
    let content = check_recipe(&content)?;
    let id = state
        .storage
        .create_recipe(content, staff.account.id, state.clock.now())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(state.storage.recipe(id, None).await?),
    ))
}

/// `PUT /api/v1/recipes/{id}` (staff): saves a new version; the old ones stay readable.
pub async fn update(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    IdPath(id): IdPath,
    ApiJson(content): ApiJson<RecipeContent>,
) -> Result<Json<Recipe>, AppError> {
    let content = check_recipe(&content)?;
    let version = state
        .storage
        .add_recipe_version(id, content, staff.account.id, state.clock.now())
        .await?;
    Ok(Json(state.storage.recipe(id, Some(version)).await?))
}

/// `POST /api/v1/recipe-photos` (staff): a photo of the jars, re-encoded without metadata.
pub async fn upload_photo(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<UploadedPhoto>), AppError> {
    let photo = received_photo(&headers, body).await?;
    let (width, height) = (photo.width, photo.height);
    let id = state
        .storage
        .save_recipe_photo(
            photo.jpeg,
            (width, height),
            staff.account.id,
            state.clock.now(),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(UploadedPhoto { id, width, height }),
    ))
}

/// `GET /api/v1/recipe-photos/{id}` (public, like the recipes).
pub async fn photo(
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> Result<Response, AppError> {
    let jpeg = state
        .storage
        .recipe_photo(id)
        .await?
        .ok_or_else(|| AppError::NotFound("Cette photo n'existe pas.".into()))?;
    Ok(jpeg_response(jpeg, "public"))
}
