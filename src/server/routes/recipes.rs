//! The recipe library: public reading and search, the animators' editor.

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;

use crate::api::lots::UploadedPhoto;
use crate::api::recipes::{
    Recipe, RecipeFile, RecipeFilePhoto, RecipeFileVersion, RecipeFilter, RecipeSummary,
    StarterLibraryImported, RECIPE_FILE_FORMAT, RECIPE_FILE_VERSION,
};
use crate::domain::recipe::{
    check_recipe, check_recipe_with, same_produce, PhRule, RecipeContent, ValidationElsewhere,
};
use crate::domain::time::local_date;
use crate::domain::validation::FieldError;
use crate::server::formats::photos::{jpeg_response, received_photo, reencode};
use crate::server::http::error::AppError;
use crate::server::http::extract::{ApiJson, ApiQuery, IdPath};
use crate::server::http::session::StaffMember;
use crate::server::starter_library::starter_drafts;
use crate::server::state::AppState;

/// `GET /api/v1/recipes?q&categorie&regime&saison&en_stock` (public), by title.
pub async fn list(
    State(state): State<AppState>,
    ApiQuery(filter): ApiQuery<RecipeFilter>,
) -> Result<Json<Vec<RecipeSummary>>, AppError> {
    let today = local_date(state.clock.now());
    let on_offer = state.storage.produce_on_offer(today).await?;
    let season = state.storage.offered_produce().await?;
    let recipes = state.storage.current_recipes().await?;
    let summaries = recipes
        .into_iter()
        .filter_map(|recipe| {
            let content = &recipe.content;
            let in_season = season
                .iter()
                .any(|produce| content.is_made_with(&produce.name) && produce.in_season(today));
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

/// `POST /api/v1/recipes/starter-library` (staff): the starter library as drafts (pH to
/// measure, schedules not validated), into an empty library only (409 otherwise).
pub async fn import_starter_library(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
) -> Result<(StatusCode, Json<StarterLibraryImported>), AppError> {
    let recipes = state
        .storage
        .import_starter_library(starter_drafts(), staff.account.id, state.clock.now())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(StarterLibraryImported { recipes }),
    ))
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

/// `GET /api/v1/recipes/{id}/file` (public, like the recipe): the recipe as one file for another
/// cannery's Bocal, every version and its photos.
pub async fn export_file(
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> Result<Response, AppError> {
    let versions = state.storage.recipe_versions(id).await?;
    let mut photo_ids: Vec<i64> = versions
        .iter()
        .filter_map(|recipe| recipe.content.photo_id)
        .collect();
    photo_ids.sort_unstable();
    photo_ids.dedup();
    let mut photos = Vec::new();
    for photo_id in photo_ids {
        if let Some(jpeg) = state.storage.recipe_photo(photo_id).await? {
            photos.push(RecipeFilePhoto {
                id: photo_id,
                jpeg_base64: base64::engine::general_purpose::STANDARD.encode(jpeg),
            });
        }
    }
    let title = versions
        .last()
        .map(|recipe| recipe.content.title.clone())
        .unwrap_or_default();
    let file = RecipeFile {
        format: RECIPE_FILE_FORMAT.into(),
        format_version: RECIPE_FILE_VERSION,
        exported_from: state.operator.name.clone(),
        exported_at: state.clock.now(),
        versions: versions
            .into_iter()
            .map(|recipe| RecipeFileVersion {
                version: recipe.version,
                saved_at: recipe.saved_at,
                content: recipe.content,
            })
            .collect(),
        photos,
    };
    let disposition = format!(
        "attachment; filename=\"recette-{id}-{}.json\"",
        file_name_part(&title)
    );
    Ok(([(header::CONTENT_DISPOSITION, disposition)], Json(file)).into_response())
}

/// A title as a file name's ASCII part: "Confiture d'abricots" -> "confiture-d-abricots".
fn file_name_part(title: &str) -> String {
    let folded = crate::domain::text::fold(title);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    words.join("-").chars().take(60).collect()
}

/// `POST /api/v1/recipes/import` (staff): a recipe file from another Bocal, as a new recipe.
/// Every version is checked by the safety rules (a pH may be "à mesurer"); the validations
/// recorded there are kept as theirs (`validated_elsewhere`) and none is taken for this
/// cannery's: the recipe is "barème non validé" here until validated here. A file of a newer
/// format, a broken one or an unsafe version is refused with why, and nothing is written.
pub async fn import_file(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    ApiJson(file): ApiJson<serde_json::Value>,
) -> Result<(StatusCode, Json<Recipe>), AppError> {
    let file = RecipeFile::read(file)?;
    let from = file
        .exported_from
        .trim()
        .chars()
        .take(200)
        .collect::<String>();
    let from = if from.is_empty() {
        "une autre conserverie".to_string()
    } else {
        from
    };
    let mut versions = Vec::new();
    for version in file.versions {
        let mut content = version.content;
        if let Some(validation) = content.schedule.validation.take() {
            content.validated_elsewhere = Some(ValidationElsewhere {
                cannery: from.clone(),
                by: validation.by,
                on: validation.on,
            });
        }
        let checked = check_recipe_with(&content, PhRule::ToMeasure).map_err(|error| {
            AppError::InvalidInput(FieldError::new(
                "file",
                format!(
                    "Version {} : {} ({}) ; rien n'est importé.",
                    version.version, error.message, error.field
                ),
            ))
        })?;
        versions.push((checked, version.saved_at));
    }
    let mut photos = Vec::new();
    for photo in file.photos {
        let broken = || {
            AppError::InvalidInput(FieldError::new(
                "file",
                "Une photo de ce fichier est illisible : il est abîmé.",
            ))
        };
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(photo.jpeg_base64.as_bytes())
            .map_err(|_| broken())?;
        let reencoded = tokio::task::spawn_blocking(move || reencode(&bytes))
            .await
            .map_err(|error| AppError::Storage(error.into()))?
            .map_err(|_| broken())?;
        photos.push((
            photo.id,
            reencoded.jpeg,
            (reencoded.width, reencoded.height),
        ));
    }
    let id = state
        .storage
        .import_recipe(versions, photos, from, staff.account.id, state.clock.now())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(state.storage.recipe(id, None).await?),
    ))
}
