//! The cannery's centres as its administrators keep them ("Réglages"): where jars are stocked
//! and sold, and members are attached.

use serde::{Deserialize, Serialize};

use crate::domain::account::{check_name, check_optional_phone};
use crate::domain::validation::FieldError;

/// The longest opening hours kept, as free text ("Lundi à vendredi, 9 h – 12 h et 14 h – 18 h").
pub const OPENING_HOURS_MAX: usize = 500;

/// `POST /api/v1/settings/centres`, `PUT /api/v1/settings/centres/{id}` (admins).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct CentreDraft {
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub commune: String,
    /// A French number, or empty.
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub opening_hours: String,
}

impl CentreDraft {
    /// Trimmed and checked: a name, a street address, a five-digit postcode and a commune;
    /// the phone read as a French number (kept as ten digits); the hours as written.
    pub fn checked(&self) -> Result<CentreDraft, FieldError> {
        let postcode = self.postcode.trim();
        if postcode.len() != 5 || !postcode.chars().all(|c| c.is_ascii_digit()) {
            return Err(FieldError::new(
                "postcode",
                "Code postal à 5 chiffres attendu.",
            ));
        }
        let opening_hours = self.opening_hours.trim();
        if opening_hours.chars().count() > OPENING_HOURS_MAX {
            return Err(FieldError::new(
                "opening_hours",
                format!("{OPENING_HOURS_MAX} caractères au plus."),
            ));
        }
        Ok(CentreDraft {
            name: check_name("name", &self.name, 200)?,
            address: check_name("address", &self.address, 300)?,
            postcode: postcode.to_string(),
            commune: check_name("commune", &self.commune, 100)?,
            phone: check_optional_phone("phone", &self.phone)?.unwrap_or_default(),
            opening_hours: opening_hours.to_string(),
        })
    }
}

/// `GET /api/v1/settings/centres` (admins): every centre, closed ones last.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct CentreSettings {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub commune: String,
    /// Ten digits, or empty.
    pub phone: String,
    pub opening_hours: String,
    /// Closed: its history and stock figures stay, it is offered nowhere.
    pub closed: bool,
}

impl CentreSettings {
    /// The form's starting values.
    pub fn draft(&self) -> CentreDraft {
        CentreDraft {
            name: self.name.clone(),
            address: self.address.clone(),
            postcode: self.postcode.clone(),
            commune: self.commune.clone(),
            phone: self.phone.clone(),
            opening_hours: self.opening_hours.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> CentreDraft {
        CentreDraft {
            name: "  Maison de quartier des Ors ".into(),
            address: "1 place Jules Nadi".into(),
            postcode: "26100".into(),
            commune: "Romans-sur-Isère".into(),
            phone: "04 75 02 28 67".into(),
            opening_hours: "Lundi à vendredi, 9 h – 12 h".into(),
        }
    }

    #[test]
    fn a_centre_is_trimmed_and_each_mistake_names_its_field() {
        let checked = draft().checked().unwrap();
        assert_eq!(checked.name, "Maison de quartier des Ors");
        assert_eq!(checked.phone, "0475022867");
        let field = |draft: CentreDraft| draft.checked().unwrap_err().field;
        assert_eq!(
            field(CentreDraft {
                name: " ".into(),
                ..draft()
            }),
            "name"
        );
        assert_eq!(
            field(CentreDraft {
                postcode: "2610".into(),
                ..draft()
            }),
            "postcode"
        );
        assert_eq!(
            field(CentreDraft {
                phone: "12".into(),
                ..draft()
            }),
            "phone"
        );
        assert_eq!(
            field(CentreDraft {
                opening_hours: "x".repeat(OPENING_HOURS_MAX + 1),
                ..draft()
            }),
            "opening_hours"
        );
        // No phone and no hours: allowed.
        let bare = CentreDraft {
            phone: String::new(),
            opening_hours: String::new(),
            ..draft()
        };
        assert_eq!(bare.checked().unwrap().phone, "");
    }
}
