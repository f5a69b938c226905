//! Surplus lots (*offres de surplus*): what a farm offers, its lifecycle from published to
//! processed, and the checks on what a farmer types.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::lang::Lang;
use super::validation::FieldError;
use super::when::month_name;

/// Where a lot is in its life. `published -> reserved -> collected -> processed`, or
/// `withdrawn` by the farmer, or `expired` when its pick-up window passes unreserved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LotStatus {
    Published,
    Reserved,
    Collected,
    Processed,
    Withdrawn,
    Expired,
}

impl LotStatus {
    pub const ALL: [LotStatus; 6] = [
        LotStatus::Published,
        LotStatus::Reserved,
        LotStatus::Collected,
        LotStatus::Processed,
        LotStatus::Withdrawn,
        LotStatus::Expired,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LotStatus::Published => "published",
            LotStatus::Reserved => "reserved",
            LotStatus::Collected => "collected",
            LotStatus::Processed => "processed",
            LotStatus::Withdrawn => "withdrawn",
            LotStatus::Expired => "expired",
        }
    }

    pub fn from_code(code: &str) -> Option<LotStatus> {
        LotStatus::ALL
            .into_iter()
            .find(|status| status.code() == code)
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            LotStatus::Published => "publié",
            LotStatus::Reserved => "réservé",
            LotStatus::Collected => "collecté",
            LotStatus::Processed => "transformé",
            LotStatus::Withdrawn => "retiré",
            LotStatus::Expired => "expiré",
        }
    }

    /// The lifecycle: any transition not listed here is refused.
    pub fn can_become(self, next: LotStatus) -> bool {
        use LotStatus::*;
        matches!(
            (self, next),
            (Published, Reserved | Withdrawn | Expired)
                // Releasing a reservation puts the lot back on the market.
                | (Reserved, Published | Collected)
                | (Collected, Processed)
        )
    }

    /// Only a lot nobody has reserved yet may be edited by its farmer.
    pub fn is_editable(self) -> bool {
        self == LotStatus::Published
    }
}

/// How the produce looks, which tells the team what it is good for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// More than the farm can sell.
    Surplus,
    /// Too small or too big for the shops.
    HorsCalibre,
    /// Marked or misshapen, sound inside.
    DefautAspect,
    /// Ripe: must be cooked within days.
    ATransformerVite,
}

impl Grade {
    pub const ALL: [Grade; 4] = [
        Grade::Surplus,
        Grade::HorsCalibre,
        Grade::DefautAspect,
        Grade::ATransformerVite,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Grade::Surplus => "surplus",
            Grade::HorsCalibre => "hors_calibre",
            Grade::DefautAspect => "defaut_aspect",
            Grade::ATransformerVite => "a_transformer_vite",
        }
    }

    pub fn from_code(code: &str) -> Option<Grade> {
        Grade::ALL.into_iter().find(|grade| grade.code() == code)
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            Grade::Surplus => "Surplus",
            Grade::HorsCalibre => "Hors calibre",
            Grade::DefautAspect => "Défaut d'aspect",
            Grade::ATransformerVite => "À transformer rapidement",
        }
    }
}

/// What the farm asks for its lot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Price {
    /// Given to the cannery.
    Gift,
    PerKg {
        cents: u32,
    },
}

impl Price {
    pub fn label_fr(self) -> String {
        match self {
            Price::Gift => "Don".into(),
            Price::PerKg { cents } => format!("{} €/kg", format_cents(cents)),
        }
    }
}

/// The quantity as the farmer gave it: kilos, or crates of a stated weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Quantity {
    Grams { grams: u32 },
    Crates { count: u32, grams_each: u32 },
}

/// Beyond this, the truck cannot take it in one go: the farm should call the team.
pub const MAX_LOT_GRAMS: u32 = 5_000_000;
/// The furthest ahead a window may end: a lot is perishable produce, not a forecast.
pub const MAX_WINDOW_DAYS: i64 = 60;
/// Dearer than this per kilo is surely a typo (cents instead of euros).
pub const MAX_PRICE_CENTS_PER_KG: u32 = 1_000;

impl Quantity {
    pub fn total_grams(self) -> u64 {
        match self {
            Quantity::Grams { grams } => u64::from(grams),
            Quantity::Crates { count, grams_each } => u64::from(count) * u64::from(grams_each),
        }
    }

    /// The quantity, if it is one a farm could offer: checked, in grams.
    pub fn checked(self) -> Result<u32, FieldError> {
        if let Quantity::Crates { count, grams_each } = self {
            if count == 0 || count > 1_000 {
                return Err(FieldError::new(
                    "quantity",
                    "Indiquez un nombre de cagettes entre 1 et 1 000.",
                ));
            }
            if !(500..=50_000).contains(&grams_each) {
                return Err(FieldError::new(
                    "quantity",
                    "Une cagette pèse entre 0,5 et 50 kg.",
                ));
            }
        }
        match self.total_grams() {
            0 => Err(FieldError::new(
                "quantity",
                "Indiquez une quantité supérieure à zéro.",
            )),
            grams if grams > u64::from(MAX_LOT_GRAMS) => Err(FieldError::new(
                "quantity",
                "Au-delà de 5 tonnes, appelez directement l'équipe.",
            )),
            grams => Ok(grams as u32),
        }
    }

    pub fn label_fr(self) -> String {
        match self {
            Quantity::Grams { grams } => format_kilos(grams.into()),
            Quantity::Crates { count, grams_each } => format!(
                "{count} cagette{} de {} ({})",
                if count > 1 { "s" } else { "" },
                format_kilos(grams_each.into()),
                format_kilos(self.total_grams()),
            ),
        }
    }
}

/// Checks a pick-up window in local dates: it must not have ended, nor end before it starts,
/// nor run further than `MAX_WINDOW_DAYS` ahead.
pub fn check_window(
    available_from: NaiveDate,
    available_until: NaiveDate,
    today: NaiveDate,
) -> Result<(), FieldError> {
    if available_until < available_from {
        return Err(FieldError::new(
            "available_until",
            "La fin de la période de retrait doit être après son début.",
        ));
    }
    if available_until < today {
        return Err(FieldError::new(
            "available_until",
            "Cette date de fin est déjà passée.",
        ));
    }
    if available_until > today + Duration::days(MAX_WINDOW_DAYS) {
        return Err(FieldError::new(
            "available_until",
            "La période de retrait doit finir dans les deux mois.",
        ));
    }
    Ok(())
}

pub fn check_price(price: Price) -> Result<Price, FieldError> {
    match price {
        Price::PerKg { cents: 0 } => Err(FieldError::new(
            "price",
            "Un prix de 0 € est un don : choisissez « Don ».",
        )),
        Price::PerKg { cents } if cents > MAX_PRICE_CENTS_PER_KG => Err(FieldError::new(
            "price",
            "Le prix doit rester sous 10 € le kilo.",
        )),
        price => Ok(price),
    }
}

/// Reads kilos as a French speaker types them ("12", "12,5", "0.75") into grams.
pub fn parse_kilos(text: &str) -> Option<u32> {
    let text = text.trim().replace(',', ".");
    let kilos: f64 = text.parse().ok()?;
    if !kilos.is_finite() || kilos < 0.0 || kilos > f64::from(u32::MAX) / 1000.0 {
        return None;
    }
    Some((kilos * 1000.0).round() as u32)
}

/// Reads euros as typed ("1,20", "0.8", "2") into cents.
pub fn parse_euros(text: &str) -> Option<u32> {
    parse_kilos(text).map(|thousandths| (thousandths + 5) / 10)
}

/// "40 kg", "12,5 kg", "750 g".
pub fn format_kilos(grams: u64) -> String {
    if grams == 0 {
        // Nothing is counted in kilos, as the figures around it are.
        return "0 kg".into();
    }
    if grams < 1000 {
        return format!("{grams} g");
    }
    let tenths = (grams + 50) / 100;
    if tenths % 10 == 0 {
        format!("{} kg", group_thousands(tenths / 10))
    } else {
        format!("{},{} kg", group_thousands(tenths / 10), tenths % 10)
    }
}

/// Kilos as a form field shows them: "38,5", "40", "0,75" (what `parse_kilos` reads back).
pub fn kilos_for_input(grams: u64) -> String {
    let text = format!("{},{:03}", grams / 1000, grams % 1000);
    text.trim_end_matches('0').trim_end_matches(',').to_string()
}

/// "1,20" for 120 cents.
pub fn format_cents(cents: u32) -> String {
    format!("{},{:02}", cents / 100, cents % 100)
}

/// French digit groups, with a narrow no-break space: "1 250".
fn group_thousands(number: u64) -> String {
    let digits = number.to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push('\u{202f}');
        }
        grouped.push(digit);
    }
    grouped
}

/// The months a produce comes in (1 = January), as the lot form and the recipes read them.
/// The list itself is data the cannery's administrators keep (`api::produce`).
pub fn in_season(months: &[u32], date: NaiveDate) -> bool {
    months.contains(&date.month())
}

/// "juin à octobre", "novembre à février", "avril à mai, septembre", "toute l'année": the
/// months as runs, a run that goes over the new year included.
pub fn season_fr(months: &[u32]) -> String {
    let has = |month: u32| months.contains(&month);
    if (1..=12).all(has) {
        return "toute l'année".into();
    }
    let next = |month: u32| month % 12 + 1;
    let previous = |month: u32| (month + 10) % 12 + 1;
    let runs: Vec<String> = (1..=12)
        .filter(|&month| has(month) && !has(previous(month)))
        .map(|first| {
            let mut last = first;
            while has(next(last)) {
                last = next(last);
            }
            if first == last {
                month_name(Lang::Fr, first).to_string()
            } else {
                format!(
                    "{} à {}",
                    month_name(Lang::Fr, first),
                    month_name(Lang::Fr, last)
                )
            }
        })
        .collect();
    runs.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn every_transition_follows_the_lifecycle() {
        use LotStatus::*;
        let allowed = [
            (Published, Reserved),
            (Published, Withdrawn),
            (Published, Expired),
            (Reserved, Published),
            (Reserved, Collected),
            (Collected, Processed),
        ];
        for from in LotStatus::ALL {
            for to in LotStatus::ALL {
                assert_eq!(
                    from.can_become(to),
                    allowed.contains(&(from, to)),
                    "{from:?} -> {to:?}"
                );
            }
        }
    }

    #[test]
    fn only_a_published_lot_is_editable() {
        let editable: Vec<LotStatus> = LotStatus::ALL
            .into_iter()
            .filter(|status| status.is_editable())
            .collect();
        assert_eq!(editable, vec![LotStatus::Published]);
    }

    #[test]
    fn codes_round_trip() {
        for status in LotStatus::ALL {
            assert_eq!(LotStatus::from_code(status.code()), Some(status));
        }
        for grade in Grade::ALL {
            assert_eq!(Grade::from_code(grade.code()), Some(grade));
        }
    }

    #[test]
    fn quantities_are_checked_and_totalled() {
        assert_eq!(Quantity::Grams { grams: 40_000 }.checked(), Ok(40_000));
        assert_eq!(
            Quantity::Crates {
                count: 12,
                grams_each: 8_000
            }
            .checked(),
            Ok(96_000)
        );
        for absurd in [
            Quantity::Grams { grams: 0 },
            Quantity::Grams {
                grams: MAX_LOT_GRAMS + 1,
            },
            Quantity::Crates {
                count: 0,
                grams_each: 8_000,
            },
            Quantity::Crates {
                count: 3,
                grams_each: 200_000,
            },
            // 1 000 crates of 50 kg overflow the truck, not u32.
            Quantity::Crates {
                count: 1_000,
                grams_each: 50_000,
            },
        ] {
            let error = absurd.checked().unwrap_err();
            assert_eq!(error.field, "quantity", "{absurd:?}");
        }
    }

    #[test]
    fn windows_must_be_ahead_and_in_order() {
        let today = date("2026-11-28");
        assert!(check_window(today, date("2026-12-04"), today).is_ok());
        assert!(check_window(date("2026-11-20"), today, today).is_ok());
        let backwards = check_window(date("2026-12-04"), date("2026-12-01"), today);
        assert!(backwards.unwrap_err().message.contains("après son début"));
        let past = check_window(date("2026-11-20"), date("2026-11-27"), today);
        assert!(past.unwrap_err().message.contains("déjà passée"));
        assert!(check_window(today, date("2027-03-01"), today).is_err());
    }

    #[test]
    fn prices_must_be_plausible() {
        assert_eq!(check_price(Price::Gift), Ok(Price::Gift));
        assert_eq!(
            check_price(Price::PerKg { cents: 80 }),
            Ok(Price::PerKg { cents: 80 })
        );
        assert!(check_price(Price::PerKg { cents: 0 }).is_err());
        assert!(check_price(Price::PerKg { cents: 1_001 }).is_err());
    }

    #[test]
    fn kilos_and_euros_read_as_typed_in_french() {
        assert_eq!(parse_kilos("40"), Some(40_000));
        assert_eq!(parse_kilos(" 12,5 "), Some(12_500));
        assert_eq!(parse_kilos("0.75"), Some(750));
        assert_eq!(parse_kilos("-3"), None);
        assert_eq!(parse_kilos("beaucoup"), None);
        assert_eq!(parse_kilos("NaN"), None);
        assert_eq!(parse_euros("1,20"), Some(120));
        assert_eq!(parse_euros("0,8"), Some(80));
        assert_eq!(parse_euros("2"), Some(200));
        for grams in [38_500, 40_000, 750, 1_250_000, 12_345] {
            assert_eq!(parse_kilos(&kilos_for_input(grams.into())), Some(grams));
        }
        assert_eq!(kilos_for_input(38_500), "38,5");
        assert_eq!(kilos_for_input(40_000), "40");
    }

    #[test]
    fn kilos_and_euros_are_written_in_french() {
        assert_eq!(format_kilos(40_000), "40 kg");
        assert_eq!(format_kilos(12_500), "12,5 kg");
        assert_eq!(format_kilos(750), "750 g");
        assert_eq!(format_kilos(1_250_000), "1\u{202f}250 kg");
        assert_eq!(format_cents(120), "1,20");
        assert_eq!(Price::PerKg { cents: 80 }.label_fr(), "0,80 €/kg");
        assert_eq!(
            Quantity::Crates {
                count: 3,
                grams_each: 8_000
            }
            .label_fr(),
            "3 cagettes de 8 kg (24 kg)"
        );
    }

    #[test]
    fn a_season_reads_as_runs_of_months() {
        assert_eq!(season_fr(&[6, 7, 8, 9, 10]), "juin à octobre");
        assert_eq!(season_fr(&[1, 2, 11, 12]), "novembre à février");
        assert_eq!(season_fr(&[4, 5, 9]), "avril à mai, septembre");
        assert_eq!(season_fr(&(1..=12).collect::<Vec<_>>()), "toute l'année");
        assert!(in_season(&[1, 2, 11, 12], date("2026-11-28")));
        assert!(!in_season(&[6, 7], date("2026-11-28")));
    }
}
