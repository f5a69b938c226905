//! The territory a cannery serves: communes picked from the official list (INSEE code, name,
//! postcodes), one by one, by intercommunality (EPCI) or by département ("Réglages").

use serde::{Deserialize, Serialize};

use super::query::{FromQuery, QueryParameter, QueryValue};
use crate::domain::validation::FieldError;

/// A commune of the official list, or of the cannery's territory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Commune {
    /// The INSEE code ("26281"), which a name alone does not give (several Saint-Paul).
    pub insee_code: String,
    pub name: String,
    /// Its département's code ("26").
    pub departement: String,
    pub postcodes: Vec<String>,
}

/// An intercommunality (EPCI) or a département, as the search offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct CommuneGroup {
    /// The EPCI's SIREN code, or the département's code.
    pub code: String,
    pub name: String,
    /// How many communes it holds.
    pub communes: u32,
}

/// `GET /api/v1/settings/commune-search?q=` (admins): what the words find in the official list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct CommuneSearch {
    pub epcis: Vec<CommuneGroup>,
    pub departements: Vec<CommuneGroup>,
    /// By name or postcode; 20 at most.
    pub communes: Vec<Commune>,
}

/// `?q=`: the words of a commune search (100 characters at most are read).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommuneQuery {
    pub words: String,
}

impl CommuneQuery {
    pub const PARAM: &'static str = "q";
}

impl FromQuery for CommuneQuery {
    fn parameters() -> Vec<QueryParameter> {
        vec![QueryParameter::required(
            CommuneQuery::PARAM,
            QueryValue::Text,
        )]
    }

    fn from_query(pairs: &[(String, String)]) -> Result<Self, FieldError> {
        let words = pairs
            .iter()
            .find(|(name, _)| name == CommuneQuery::PARAM)
            .map(|(_, value)| value.trim().chars().take(100).collect::<String>())
            .unwrap_or_default();
        if words.chars().count() < 2 {
            return Err(FieldError::new(
                CommuneQuery::PARAM,
                "Tapez au moins deux lettres ou chiffres.",
            ));
        }
        Ok(CommuneQuery { words })
    }
}

/// `POST /api/v1/settings/communes` (admins): communes added to the territory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum TerritoryAddition {
    /// Every member commune of an EPCI (its SIREN code).
    Epci { code: String },
    /// Every commune of a département.
    Departement { code: String },
    /// Communes by INSEE code.
    Communes { insee_codes: Vec<String> },
}

/// The answer to an addition: how many were new, and the whole territory after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct TerritoryAdded {
    pub added: u32,
    pub territory: Vec<Commune>,
}

/// The EPCI a Drôme cannery starts from: Valence Romans Agglo (54 communes).
pub const DEFAULT_EPCI: &str = "200068781";

/// Whether `commune` (as a place names it) is one of `territory`'s, by name, accents and
/// capitals aside.
pub fn in_territory(territory: &[Commune], commune: &str) -> bool {
    let commune = crate::domain::text::fold(commune.trim());
    territory
        .iter()
        .any(|known| crate::domain::text::fold(&known.name) == commune)
}
