//! The cannery's settings that the season and the till follow ("Réglages", admins): the
//! season's produce (the lot form's suggestions, the recipes' "de saison") and the jar deposit's
//! rate from a date on.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::account::check_name;
use crate::domain::ledger::MAX_DEPOSIT_CENTS;
use crate::domain::lot::{in_season, season_fr};
use crate::domain::validation::FieldError;

/// The longest name of a produce ("Haricots verts", "Pommes de terre primeur").
pub const PRODUCE_NAME_MAX: usize = 40;

/// A produce of the season's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Produce {
    pub id: i64,
    pub name: String,
    /// The months it comes in, 1 = January, in calendar order.
    pub months: Vec<u32>,
    /// Retired: offered nowhere, kept because a lot or a recipe names it.
    pub retired: bool,
    /// Named by a lot or a recipe: it can be retired, never deleted. Told in the settings'
    /// answers only; false in the farm's list.
    pub in_use: bool,
}

impl Produce {
    pub fn in_season(&self, date: NaiveDate) -> bool {
        in_season(&self.months, date)
    }

    /// "juin à octobre".
    pub fn season_fr(&self) -> String {
        season_fr(&self.months)
    }
}

/// `POST /api/v1/settings/produce`, `PUT /api/v1/settings/produce/{id}` (admins).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct ProduceDraft {
    pub name: String,
    /// 1 = January; at least one.
    pub months: Vec<u32>,
}

impl ProduceDraft {
    /// The name trimmed; the months checked, without repeats, in calendar order.
    pub fn checked(&self) -> Result<ProduceDraft, FieldError> {
        let name = check_name("name", &self.name, PRODUCE_NAME_MAX)?;
        if self.months.iter().any(|month| !(1..=12).contains(month)) {
            return Err(FieldError::new("months", "Mois de 1 à 12 attendus."));
        }
        let mut months = self.months.clone();
        months.sort_unstable();
        months.dedup();
        if months.is_empty() {
            return Err(FieldError::new(
                "months",
                "Cochez au moins un mois de saison.",
            ));
        }
        Ok(ProduceDraft { name, months })
    }
}

/// One rate of the jar deposit, from a day on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct DepositRate {
    pub starts_on: NaiveDate,
    pub cents: i64,
}

/// `GET /api/v1/settings/deposit` (staff): today's rate and every rate, latest first (a rate
/// set for a later day included).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Deposit {
    pub today: DepositRate,
    pub rates: Vec<DepositRate>,
}

impl DepositRate {
    /// `POST /api/v1/settings/deposit` (admins): a new rate, from today or a later day, never
    /// for a day gone (the jars that went out keep theirs anyway).
    pub fn checked(self, today: NaiveDate) -> Result<DepositRate, FieldError> {
        if self.starts_on < today {
            return Err(FieldError::new(
                "starts_on",
                "Une consigne change à partir d'aujourd'hui ou d'un jour à venir.",
            ));
        }
        if !(0..=MAX_DEPOSIT_CENTS).contains(&self.cents) {
            return Err(FieldError::new(
                "cents",
                format!("Une consigne de 0 à {} €.", MAX_DEPOSIT_CENTS / 100),
            ));
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_produce_has_a_name_and_months_of_the_year() {
        let draft = ProduceDraft {
            name: " Kakis ".into(),
            months: vec![12, 11, 11],
        };
        let checked = draft.checked().unwrap();
        assert_eq!(checked.name, "Kakis");
        assert_eq!(checked.months, vec![11, 12]);
        let field = |months: Vec<u32>| {
            ProduceDraft {
                name: "Kakis".into(),
                months,
            }
            .checked()
            .unwrap_err()
            .field
        };
        assert_eq!(field(vec![]), "months");
        assert_eq!(field(vec![13]), "months");
        assert_eq!(field(vec![0]), "months");
    }

    #[test]
    fn a_deposit_rate_starts_today_or_later_and_stays_reasonable() {
        let today: NaiveDate = "2026-12-07".parse().unwrap();
        let rate = |starts_on: &str, cents| DepositRate {
            starts_on: starts_on.parse().unwrap(),
            cents,
        };
        assert!(rate("2026-12-07", 250).checked(today).is_ok());
        assert!(rate("2027-01-01", 0).checked(today).is_ok());
        assert_eq!(
            rate("2026-12-06", 250).checked(today).unwrap_err().field,
            "starts_on"
        );
        assert_eq!(
            rate("2027-01-01", 2001).checked(today).unwrap_err().field,
            "cents"
        );
    }
}
