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
}
