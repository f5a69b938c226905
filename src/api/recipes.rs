//! The recipe library: search, one recipe (any version), and the animators' editor.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::query::{FromQuery, QueryParameter, QueryValue};
use crate::domain::recipe::{Category, Diet, ProcessMethod, RecipeContent};
use crate::domain::validation::FieldError;

/// `GET /api/v1/recipes/{id}` (current version) and `…/versions/{n}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Recipe {
    pub id: i64,
    pub version: u32,
    /// The newest version: when it is not `version`, this one was replaced.
    pub current_version: u32,
    pub content: RecipeContent,
    pub saved_at: DateTime<Utc>,
    /// Who saved this version ("" for the demo data).
    pub saved_by: String,
}

/// One line of the library's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct RecipeSummary {
    pub id: i64,
    pub version: u32,
    pub title: String,
    pub category: Category,
    pub main_produce: String,
    pub diets: Vec<Diet>,
    pub method: ProcessMethod,
    /// "barème non validé" when false: not for production.
    pub validated: bool,
    /// Its main produce is on offer in the marketplace now.
    pub on_offer: bool,
    /// Its main produce is in season now (by the region's calendar).
    pub in_season: bool,
}

/// `POST /api/v1/recipes/starter-library` (staff): how many drafts were imported.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct StarterLibraryImported {
    pub recipes: usize,
}

/// A recipe shared between canneries as one file (`GET /api/v1/recipes/{id}/file`, imported
/// with `POST /api/v1/recipes/import`): every version, oldest first, with its photos. Its
/// format is versioned (`format_version`): a Bocal reads the versions up to its own, and refuses
/// a newer one rather than guess. README, "Recipe files", documents it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct RecipeFile {
    /// Always `RECIPE_FILE_FORMAT`.
    pub format: String,
    pub format_version: u32,
    /// The cannery that exported it (its operator's name): its validations are its own.
    pub exported_from: String,
    pub exported_at: DateTime<Utc>,
    /// Every version, oldest first, numbered from 1.
    pub versions: Vec<RecipeFileVersion>,
    /// The photos the versions name (`photo_id`), as base64 JPEG.
    #[serde(default)]
    pub photos: Vec<RecipeFilePhoto>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct RecipeFileVersion {
    pub version: u32,
    pub saved_at: DateTime<Utc>,
    pub content: RecipeContent,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct RecipeFilePhoto {
    /// The id the versions name it by, in the exporting Bocal.
    pub id: i64,
    pub jpeg_base64: String,
}

/// The `format` of a recipe file.
pub const RECIPE_FILE_FORMAT: &str = "bocal-recette";
/// The newest `format_version` this Bocal writes and reads.
pub const RECIPE_FILE_VERSION: u32 = 1;
/// The most versions a file may hold.
pub const RECIPE_FILE_MAX_VERSIONS: usize = 200;

impl RecipeFile {
    /// Reads a file as sent: its format and version first (a newer Bocal's file is refused
    /// with what to do), then its content, its versions numbered 1, 2, 3… in order. The
    /// recipes' own rules are checked by the importer.
    pub fn read(file: serde_json::Value) -> Result<RecipeFile, FieldError> {
        let refused = |message: String| FieldError::new("file", message);
        if file.get("format").and_then(serde_json::Value::as_str) != Some(RECIPE_FILE_FORMAT) {
            return Err(refused(
                "Ce fichier n'est pas une recette exportée par Bocal.".into(),
            ));
        }
        match file
            .get("format_version")
            .and_then(serde_json::Value::as_u64)
        {
            Some(version) if (1..=u64::from(RECIPE_FILE_VERSION)).contains(&version) => {}
            Some(version) if version > u64::from(RECIPE_FILE_VERSION) => {
                return Err(refused(format!(
                    "Ce fichier vient d'une version plus récente de Bocal (format {version} ; \
                     celle-ci lit jusqu'au format {RECIPE_FILE_VERSION}) : mettez Bocal à jour \
                     pour l'importer."
                )))
            }
            _ => {
                return Err(refused(
                    "La version du format de ce fichier est illisible.".into(),
                ))
            }
        }
        let file: RecipeFile = serde_json::from_value(file)
            .map_err(|error| refused(format!("Ce fichier de recette est abîmé : {error}.")))?;
        if file.versions.is_empty() || file.versions.len() > RECIPE_FILE_MAX_VERSIONS {
            return Err(refused(format!(
                "Un fichier de recette tient de 1 à {RECIPE_FILE_MAX_VERSIONS} versions."
            )));
        }
        if file
            .versions
            .iter()
            .enumerate()
            .any(|(index, version)| version.version as usize != index + 1)
        {
            return Err(refused(
                "Les versions de ce fichier ne se suivent pas (1, 2, 3…) : il est abîmé.".into(),
            ));
        }
        Ok(file)
    }
}

/// Query parameter names, shared by the API and the library page's URL.
pub mod param {
    pub const QUERY: &str = "q";
    pub const CATEGORY: &str = "categorie";
    pub const DIET: &str = "regime";
    pub const IN_SEASON: &str = "saison";
    pub const ON_OFFER: &str = "en_stock";
}

/// Filters of the library. All optional; with none, every recipe.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecipeFilter {
    /// Words to find in the title, produce or ingredients (case and accents ignored).
    pub query: Option<String>,
    pub category: Option<Category>,
    pub diet: Option<Diet>,
    pub in_season: bool,
    /// "What can we make with the lots on offer now."
    pub on_offer: bool,
}

impl RecipeFilter {
    /// Parses query pairs; unknown names are ignored, empty values filter nothing.
    pub fn from_pairs<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Result<Self, FieldError>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut filter = RecipeFilter::default();
        for (name, value) in pairs {
            let value = value.as_ref().trim();
            if value.is_empty() {
                continue;
            }
            match name.as_ref() {
                param::QUERY => {
                    filter.query = Some(value.chars().take(100).collect());
                }
                param::CATEGORY => {
                    filter.category = Some(Category::from_code(value).ok_or_else(|| {
                        FieldError::new(
                            param::CATEGORY,
                            format!("Catégorie inconnue : « {value} »."),
                        )
                    })?)
                }
                param::DIET => {
                    filter.diet = Some(Diet::from_code(value).ok_or_else(|| {
                        FieldError::new(param::DIET, format!("Régime inconnu : « {value} »."))
                    })?)
                }
                param::IN_SEASON => filter.in_season = value == "1",
                param::ON_OFFER => filter.on_offer = value == "1",
                _ => {}
            }
        }
        Ok(filter)
    }

    /// The query pairs that `from_pairs` reads back.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(query) = &self.query {
            pairs.push((param::QUERY, query.clone()));
        }
        if let Some(category) = self.category {
            pairs.push((param::CATEGORY, category.code().to_string()));
        }
        if let Some(diet) = self.diet {
            pairs.push((param::DIET, diet.code().to_string()));
        }
        if self.in_season {
            pairs.push((param::IN_SEASON, "1".into()));
        }
        if self.on_offer {
            pairs.push((param::ON_OFFER, "1".into()));
        }
        pairs
    }

    pub fn is_empty(&self) -> bool {
        *self == RecipeFilter::default()
    }

    /// Whether a recipe passes the filters, knowing whether its produce is in season and on
    /// offer.
    pub fn matches(&self, content: &RecipeContent, in_season: bool, on_offer: bool) -> bool {
        self.query
            .as_deref()
            .is_none_or(|query| content.matches(query))
            && self
                .category
                .is_none_or(|category| content.category == category)
            && self.diet.is_none_or(|diet| content.diets.contains(&diet))
            && (!self.in_season || in_season)
            && (!self.on_offer || on_offer)
    }
}

impl FromQuery for RecipeFilter {
    fn parameters() -> Vec<QueryParameter> {
        vec![
            QueryParameter::optional(param::QUERY, QueryValue::Text),
            QueryParameter::optional(
                param::CATEGORY,
                QueryValue::OneOf(Category::ALL.map(Category::code).to_vec()),
            ),
            QueryParameter::optional(
                param::DIET,
                QueryValue::OneOf(Diet::ALL.map(Diet::code).to_vec()),
            ),
            // Flags: "1" is on, anything else off.
            QueryParameter::optional(param::IN_SEASON, QueryValue::OneOf(vec!["1"])),
            QueryParameter::optional(param::ON_OFFER, QueryValue::OneOf(vec!["1"])),
        ]
    }

    fn from_query(pairs: &[(String, String)]) -> Result<Self, FieldError> {
        RecipeFilter::from_pairs(pairs.iter().map(|(name, value)| (name, value)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_round_trip_through_the_query_string() {
        let filter = RecipeFilter {
            query: Some("crème".into()),
            category: Some(Category::Confiture),
            diet: Some(Diet::Vegan),
            in_season: true,
            on_offer: true,
        };
        assert_eq!(RecipeFilter::from_pairs(filter.to_pairs()), Ok(filter));
        assert_eq!(
            RecipeFilter::from_pairs([("q", " "), ("utm", "x")]),
            Ok(RecipeFilter::default())
        );
        let error = RecipeFilter::from_pairs([("categorie", "gateau")]).unwrap_err();
        assert_eq!(error.field, "categorie");
    }

    #[test]
    fn a_recipe_file_is_read_only_when_its_format_and_versions_are_known() {
        let file = |format: &str, version: serde_json::Value, versions: serde_json::Value| {
            serde_json::json!({
                "format": format, "format_version": version, "exported_from": "Conserverie",
                "exported_at": "2026-12-01T10:00:00Z", "versions": versions,
            })
        };
        let field = |value| RecipeFile::read(value).unwrap_err().message;
        assert!(field(file("autre", 1.into(), serde_json::json!([]))).contains("pas une recette"));
        assert!(
            field(file(RECIPE_FILE_FORMAT, 2.into(), serde_json::json!([])))
                .contains("version plus récente de Bocal (format 2")
        );
        assert!(
            field(file(RECIPE_FILE_FORMAT, "un".into(), serde_json::json!([])))
                .contains("illisible")
        );
        assert!(
            field(file(RECIPE_FILE_FORMAT, 1.into(), serde_json::json!([])))
                .contains("de 1 à 200 versions")
        );
        assert!(field(file(
            RECIPE_FILE_FORMAT,
            1.into(),
            serde_json::json!([{"version": 1}])
        ))
        .contains("abîmé"));
    }
}
