//! The starter library: sixteen jars of the Drôme's produce, which a new cannery imports into
//! its empty library (`starter_drafts`) and the demo loads (`demo_recipes`). Quantities are per
//! kilo of the main produce. **No schedule here is validated**: they are plausible starting
//! points, so each shows "barème non validé" until the cannery has it validated for its own
//! autoclave and jars (which the editor records, with who and when). Three follow a published
//! home-canning schedule and cite it (`PUBLISHED`); the others come from no published source.
//! Their pH values are plausible figures for the demo, not measurements: the starter drafts
//! leave the pH "à mesurer", so that no batch is made from them before the cannery has
//! measured it.

use chrono::NaiveDate;

use crate::domain::recipe::{
    AcidityClass, Allergen, Category, Diet, Ingredient, NetAmount, NetQuantity, PhMeasurement,
    PhMethod, ProcessMethod, Quantity, RecipeContent, Schedule, ScheduleRow,
};

use Quantity::{Grams, Millilitres, Pieces};

const PLANT_BASED: &[Diet] = &[Diet::Vegetarien, Diet::Vegan, Diet::SansGluten];
const PLANT_NO_SUGAR: &[Diet] = &[
    Diet::Vegetarien,
    Diet::Vegan,
    Diet::SansSucreAjoute,
    Diet::SansGluten,
];

/// A schedule's rows: (jar ml, minutes) at one temperature (tenths of °C), 10 or 20 mm of
/// headspace (more for the autoclave, where contents swell).
fn rows(temperature_tenths: u32, jars: &[(u32, u32)]) -> Vec<ScheduleRow> {
    jars.iter()
        .map(|&(jar_ml, minutes)| ScheduleRow {
            jar_ml,
            temperature_tenths,
            minutes,
            headspace_mm: if temperature_tenths > 1000 { 20 } else { 10 },
        })
        .collect()
}

fn water_bath(temperature_tenths: u32, jars: &[(u32, u32)]) -> Schedule {
    Schedule {
        method: ProcessMethod::WaterBath,
        rows: rows(temperature_tenths, jars),
        target_f0_tenths: None,
        validation: None,
        lethality: None,
    }
}

fn autoclave(temperature_tenths: u32, target_f0_tenths: u32, jars: &[(u32, u32)]) -> Schedule {
    Schedule {
        method: ProcessMethod::Autoclave,
        rows: rows(temperature_tenths, jars),
        target_f0_tenths: Some(target_f0_tenths),
        validation: None,
        lethality: None,
    }
}

/// Demo recipes whose times are those of a published home-canning schedule (hot pack, boiling
/// water, 0 to 1 000 ft), the pint's time kept for 370 ml and the quart's for 720 ml: smaller
/// jars than the US pint (473 ml) and quart (946 ml), whose centre heats sooner.
const PUBLISHED: [(&str, &str); 3] = [
    (
        "Coulis de tomates",
        "Temps repris du guide de l'USDA « Complete Guide to Home Canning » (2015), tomates \
         concassées acidifiées au jus de citron en bouteille : 35 min (pint, 473 ml), 45 min \
         (quart, 946 ml) au bain-marie bouillant, sous 300 m d'altitude.",
    ),
    (
        "Compote de pommes",
        "Temps repris du guide de l'USDA « Complete Guide to Home Canning » (2015), compote \
         de pommes (applesauce) mise en pots chaude : 15 min (pint, 473 ml), 20 min (quart, \
         946 ml) au bain-marie bouillant, sous 300 m d'altitude.",
    ),
    (
        "Poires au sirop léger",
        "Temps repris du guide de l'USDA « Complete Guide to Home Canning » (2015), poires en \
         moitiés au sirop, mises en pots chaudes : 20 min (pint, 473 ml), 25 min (quart, \
         946 ml) au bain-marie bouillant, sous 300 m d'altitude.",
    ),
];

/// Said after each published schedule.
const NOT_A_FRENCH_SCHEDULE: &str = "Un temps américain de conserve familiale n'est pas un \
     barème français validé : il doit être validé pour ces bocaux par un organisme compétent.";

struct Draft {
    title: &'static str,
    category: Category,
    main_produce: &'static str,
    ingredients: &'static [(&'static str, Quantity)],
    steps: &'static [&'static str],
    minutes: (u32, u32),
    allergens: &'static [Allergen],
    diets: &'static [Diet],
    shelf_life_months: u32,
    /// (equilibrium pH, the pH an acidified recipe aims under), hundredths.
    ph: (u32, Option<u32>),
    yield_ml_per_kg: u32,
    net: Net,
    schedule: Schedule,
}

/// How the demo declares what its jars hold: plausible figures for a jar filled to its
/// headspace, not weighings.
#[derive(Clone, Copy)]
enum Net {
    /// By volume.
    Liquid,
    /// By mass, at this density.
    Solid { grams_per_litre: u32 },
    /// By mass, with the drained weight: this share of it is the solid food.
    InLiquid {
        grams_per_litre: u32,
        drained_percent: u32,
    },
}

impl Net {
    fn of_jar(self, jar_ml: u32) -> NetQuantity {
        // A jar is filled to about 95 % of its volume; figures rounded down to 5.
        let filled_ml = jar_ml * 95 / 100;
        let round = |value: u32| value / 5 * 5;
        let grams = |grams_per_litre: u32| round(filled_ml * grams_per_litre / 1000);
        let (net, drained_grams) = match self {
            Net::Liquid => (NetAmount::Millilitres(round(filled_ml)), None),
            Net::Solid { grams_per_litre } => (NetAmount::Grams(grams(grams_per_litre)), None),
            Net::InLiquid {
                grams_per_litre,
                drained_percent,
            } => {
                let net = grams(grams_per_litre);
                (
                    NetAmount::Grams(net),
                    Some(round(net * drained_percent / 100)),
                )
            }
        };
        NetQuantity {
            jar_ml,
            net,
            drained_grams,
        }
    }
}

impl Draft {
    fn content(self) -> RecipeContent {
        RecipeContent {
            title: self.title.into(),
            category: self.category,
            main_produce: self.main_produce.into(),
            ingredients: self
                .ingredients
                .iter()
                .map(|(name, per_kg)| Ingredient {
                    name: (*name).into(),
                    per_kg: *per_kg,
                })
                .collect(),
            steps: self.steps.iter().map(|step| (*step).into()).collect(),
            preparation_minutes: self.minutes.0,
            cooking_minutes: self.minutes.1,
            allergens: self.allergens.to_vec(),
            diets: self.diets.to_vec(),
            shelf_life_months: self.shelf_life_months,
            acidity: AcidityClass::of_ph(self.ph.0),
            ph: Some(PhMeasurement {
                hundredths: self.ph.0,
                method: PhMethod::Meter,
                measured_on: NaiveDate::from_ymd_opt(2026, 9, 15).expect("a date"),
            }),
            target_ph_hundredths: self.ph.1,
            yield_ml_per_kg: self.yield_ml_per_kg,
            jar_sizes_ml: self.schedule.rows.iter().map(|row| row.jar_ml).collect(),
            net_quantities: self
                .schedule
                .rows
                .iter()
                .map(|row| self.net.of_jar(row.jar_ml))
                .collect(),
            schedule: self.schedule,
            source: PUBLISHED
                .iter()
                .find(|(title, _)| *title == self.title)
                .map_or_else(
                    || "Recette de l'équipe Bocal ; barème à faire valider.".into(),
                    |(_, schedule)| format!("{schedule} {NOT_A_FRENCH_SCHEDULE}"),
                ),
            photo_id: None,
            validated_elsewhere: None,
        }
    }
}

/// The starter library as a new cannery imports it: every recipe a draft, its pH to measure
/// and its schedule not validated. The editor asks the measured pH before any new version is
/// saved, and a batch needs a validated schedule: nothing can be produced from a draft.
pub fn starter_drafts() -> Vec<RecipeContent> {
    demo_recipes()
        .into_iter()
        .map(|mut recipe| {
            recipe.ph = None;
            recipe.schedule.validation = None;
            recipe
        })
        .collect()
}

/// The starter library with plausible pH figures, for the demo (not measurements).
pub fn demo_recipes() -> Vec<RecipeContent> {
    vec![
        Draft {
            title: "Coulis de tomates",
            category: Category::CoulisSauce,
            main_produce: "Tomates",
            ingredients: &[
                ("Jus de citron", Millilitres(25)),
                ("Sel", Grams(8)),
                ("Basilic frais", Grams(5)),
            ],
            steps: &[
                "Laver les tomates, ôter le pédoncule, couper en quartiers.",
                "Cuire 20 minutes à feu moyen, puis passer au moulin à légumes.",
                "Saler, ajouter le basilic ciselé, porter de nouveau à ébullition.",
                "Verser le jus de citron au fond de chaque bocal, remplir chaud, fermer, stériliser.",
            ],
            minutes: (30, 30),
            allergens: &[],
            diets: PLANT_NO_SUGAR,
            shelf_life_months: 18,
            ph: (420, Some(430)),
            yield_ml_per_kg: 800,
            net: Net::Liquid,
            schedule: water_bath(1000, &[(370, 35), (720, 45)]),
        },
        Draft {
            title: "Ratatouille",
            category: Category::PlatCuisine,
            main_produce: "Courgettes",
            ingredients: &[
                ("Aubergines", Grams(500)),
                ("Poivrons", Grams(400)),
                ("Tomates", Grams(600)),
                ("Oignons", Grams(250)),
                ("Huile d'olive", Millilitres(60)),
                ("Gousses d'ail", Pieces(2)),
                ("Herbes de Provence", Grams(3)),
                ("Sel", Grams(10)),
            ],
            steps: &[
                "Couper tous les légumes en dés de 2 cm.",
                "Faire revenir séparément oignons, poivrons, aubergines et courgettes dans l'huile.",
                "Réunir avec les tomates, l'ail et les herbes ; mijoter 30 minutes.",
                "Remplir les bocaux chauds, fermer, passer à l'autoclave.",
            ],
            minutes: (45, 60),
            allergens: &[],
            diets: PLANT_NO_SUGAR,
            shelf_life_months: 24,
            ph: (480, None),
            yield_ml_per_kg: 1800,
            net: Net::Solid { grams_per_litre: 1000 },
            schedule: autoclave(1160, 40, &[(370, 60), (720, 75)]),
        },
        Draft {
            title: "Confiture d'abricots",
            category: Category::Confiture,
            main_produce: "Abricots",
            ingredients: &[("Sucre", Grams(600)), ("Jus de citron", Millilitres(20))],
            steps: &[
                "Dénoyauter les abricots, les couper en deux.",
                "Laisser macérer une nuit avec le sucre et le citron.",
                "Cuire à feu vif en remuant jusqu'à la nappe (105 °C).",
                "Remplir à chaud, fermer, pasteuriser.",
            ],
            minutes: (30, 40),
            allergens: &[],
            diets: PLANT_BASED,
            shelf_life_months: 24,
            ph: (340, None),
            yield_ml_per_kg: 950,
            net: Net::Solid { grams_per_litre: 1300 },
            schedule: water_bath(1000, &[(250, 10), (370, 15)]),
        },
        Draft {
            title: "Compote de pommes",
            category: Category::Compote,
            main_produce: "Pommes",
            ingredients: &[("Eau", Millilitres(100)), ("Cannelle", Grams(1))],
            steps: &[
                "Éplucher et épépiner les pommes, les couper en morceaux.",
                "Cuire à couvert avec l'eau 20 minutes, écraser.",
                "Remplir à chaud, fermer, pasteuriser.",
            ],
            minutes: (30, 20),
            allergens: &[],
            diets: PLANT_NO_SUGAR,
            shelf_life_months: 18,
            ph: (360, None),
            yield_ml_per_kg: 750,
            net: Net::Solid { grams_per_litre: 1050 },
            schedule: water_bath(1000, &[(370, 15), (720, 20)]),
        },
        Draft {
            title: "Soupe de courge",
            category: Category::Soupe,
            main_produce: "Courges",
            ingredients: &[
                ("Pommes de terre", Grams(200)),
                ("Oignons", Grams(150)),
                ("Eau", Millilitres(700)),
                ("Huile d'olive", Millilitres(20)),
                ("Sel", Grams(8)),
            ],
            steps: &[
                "Peler la courge, ôter les graines, couper en cubes ; émincer les oignons.",
                "Faire suer les oignons dans l'huile, ajouter courge, pommes de terre et eau.",
                "Cuire 30 minutes, mixer, saler.",
                "Remplir chaud, fermer, passer à l'autoclave.",
            ],
            minutes: (30, 40),
            allergens: &[],
            diets: PLANT_NO_SUGAR,
            shelf_life_months: 24,
            ph: (590, None),
            yield_ml_per_kg: 1700,
            net: Net::Liquid,
            schedule: autoclave(1200, 50, &[(370, 40), (720, 55)]),
        },
        Draft {
            title: "Caviar d'aubergine",
            category: Category::CoulisSauce,
            main_produce: "Aubergines",
            ingredients: &[
                ("Huile d'olive", Millilitres(80)),
                ("Jus de citron", Millilitres(40)),
                ("Gousses d'ail", Pieces(2)),
                ("Cumin", Grams(2)),
                ("Sel", Grams(8)),
            ],
            steps: &[
                "Rôtir les aubergines entières au four 40 minutes à 200 °C.",
                "Récupérer la chair, l'égoutter 10 minutes.",
                "Mixer avec l'huile, le citron, l'ail, le cumin et le sel.",
                "Remplir, fermer, passer à l'autoclave.",
            ],
            minutes: (20, 45),
            allergens: &[],
            diets: PLANT_NO_SUGAR,
            shelf_life_months: 18,
            ph: (470, None),
            yield_ml_per_kg: 600,
            net: Net::Solid { grams_per_litre: 1050 },
            schedule: autoclave(1160, 30, &[(250, 50)]),
        },
        Draft {
            title: "Jus de pomme",
            category: Category::Jus,
            main_produce: "Pommes",
            ingredients: &[],
            steps: &[
                "Laver les pommes, les broyer, presser la pulpe.",
                "Filtrer le jus, le chauffer à 85 °C sans le faire bouillir.",
                "Remplir les bouteilles chaudes, fermer, pasteuriser.",
            ],
            minutes: (40, 20),
            allergens: &[],
            diets: PLANT_NO_SUGAR,
            shelf_life_months: 12,
            ph: (350, None),
            yield_ml_per_kg: 650,
            net: Net::Liquid,
            schedule: water_bath(850, &[(750, 25), (1000, 30)]),
        },
        Draft {
            title: "Poivrons marinés",
            category: Category::Pickles,
            main_produce: "Poivrons",
            ingredients: &[
                ("Vinaigre de cidre", Millilitres(200)),
                ("Eau", Millilitres(100)),
                ("Huile d'olive", Millilitres(50)),
                ("Sucre", Grams(20)),
                ("Sel", Grams(10)),
                ("Gousses d'ail", Pieces(2)),
            ],
            steps: &[
                "Griller les poivrons, les peler, les couper en lanières.",
                "Porter à ébullition vinaigre, eau, sucre et sel.",
                "Tasser les poivrons et l'ail dans les bocaux, couvrir de marinade et d'un filet d'huile.",
                "Fermer, pasteuriser.",
            ],
            minutes: (45, 15),
            allergens: &[],
            diets: PLANT_BASED,
            shelf_life_months: 12,
            ph: (390, Some(420)),
            yield_ml_per_kg: 900,
            net: Net::InLiquid { grams_per_litre: 1000, drained_percent: 60 },
            schedule: water_bath(1000, &[(370, 20)]),
        },
        Draft {
            title: "Pickles de chou rouge",
            category: Category::Pickles,
            main_produce: "Choux",
            ingredients: &[
                ("Vinaigre de cidre", Millilitres(400)),
                ("Eau", Millilitres(200)),
                ("Sucre", Grams(40)),
                ("Sel", Grams(20)),
                ("Graines de moutarde", Grams(5)),
            ],
            steps: &[
                "Émincer finement le chou, le saler, laisser dégorger 2 heures, rincer.",
                "Porter à ébullition vinaigre, eau, sucre et graines de moutarde.",
                "Tasser le chou dans les bocaux, couvrir de vinaigre chaud.",
                "Fermer, pasteuriser.",
            ],
            minutes: (30, 10),
            allergens: &[Allergen::Moutarde],
            diets: PLANT_BASED,
            shelf_life_months: 12,
            ph: (360, Some(400)),
            yield_ml_per_kg: 1100,
            net: Net::InLiquid { grams_per_litre: 1000, drained_percent: 60 },
            schedule: water_bath(1000, &[(370, 15), (720, 20)]),
        },
        Draft {
            title: "Chutney de tomates vertes",
            category: Category::Chutney,
            main_produce: "Tomates",
            ingredients: &[
                ("Oignons", Grams(250)),
                ("Pommes", Grams(250)),
                ("Sucre roux", Grams(300)),
                ("Vinaigre de cidre", Millilitres(250)),
                ("Gingembre frais", Grams(10)),
                ("Graines de moutarde", Grams(5)),
            ],
            steps: &[
                "Couper tomates vertes, oignons et pommes en petits dés.",
                "Mettre tout en bassine avec le sucre, le vinaigre et les épices.",
                "Cuire à petit feu 1 h 30 en remuant, jusqu'à consistance de confiture.",
                "Remplir à chaud, fermer, pasteuriser.",
            ],
            minutes: (30, 90),
            allergens: &[Allergen::Moutarde],
            diets: PLANT_BASED,
            shelf_life_months: 24,
            ph: (380, None),
            yield_ml_per_kg: 1000,
            net: Net::Solid { grams_per_litre: 1200 },
            schedule: water_bath(1000, &[(250, 15)]),
        },
        Draft {
            title: "Confiture de kiwis",
            category: Category::Confiture,
            main_produce: "Kiwis",
            ingredients: &[("Sucre", Grams(550)), ("Jus de citron", Millilitres(30))],
            steps: &[
                "Peler les kiwis, les couper en rondelles.",
                "Cuire avec le sucre et le citron 25 minutes à feu vif.",
                "Remplir à chaud, fermer, pasteuriser.",
            ],
            minutes: (30, 25),
            allergens: &[],
            diets: PLANT_BASED,
            shelf_life_months: 18,
            ph: (340, None),
            yield_ml_per_kg: 950,
            net: Net::Solid { grams_per_litre: 1300 },
            schedule: water_bath(1000, &[(250, 10), (370, 15)]),
        },
        Draft {
            title: "Poires au sirop léger",
            category: Category::Compote,
            main_produce: "Poires",
            ingredients: &[
                ("Sucre", Grams(200)),
                ("Eau", Millilitres(500)),
                ("Jus de citron", Millilitres(20)),
                ("Gousse de vanille", Pieces(1)),
            ],
            steps: &[
                "Peler les poires, les couper en quartiers, les citronner.",
                "Faire un sirop avec l'eau, le sucre et la vanille fendue.",
                "Ranger les poires dans les bocaux, couvrir de sirop bouillant.",
                "Fermer, pasteuriser.",
            ],
            minutes: (40, 10),
            allergens: &[],
            diets: PLANT_BASED,
            shelf_life_months: 24,
            ph: (400, None),
            yield_ml_per_kg: 1200,
            net: Net::InLiquid { grams_per_litre: 1000, drained_percent: 60 },
            schedule: water_bath(1000, &[(370, 20), (720, 25)]),
        },
        Draft {
            title: "Compote pomme-coing",
            category: Category::Compote,
            main_produce: "Pommes",
            ingredients: &[
                ("Coings", Grams(400)),
                ("Sucre", Grams(100)),
                ("Eau", Millilitres(150)),
            ],
            steps: &[
                "Frotter les coings, les couper en petits morceaux (ils cuisent plus lentement).",
                "Cuire les coings 15 minutes dans l'eau, ajouter les pommes et le sucre.",
                "Cuire encore 20 minutes, écraser.",
                "Remplir à chaud, fermer, pasteuriser.",
            ],
            minutes: (40, 35),
            allergens: &[],
            diets: PLANT_BASED,
            shelf_life_months: 18,
            ph: (370, None),
            yield_ml_per_kg: 1000,
            net: Net::Solid { grams_per_litre: 1050 },
            schedule: water_bath(1000, &[(370, 20), (720, 30)]),
        },
        Draft {
            title: "Confiture de cerises",
            category: Category::Confiture,
            main_produce: "Cerises",
            ingredients: &[("Sucre", Grams(700)), ("Jus de citron", Millilitres(20))],
            steps: &[
                "Équeuter et dénoyauter les cerises.",
                "Macérer 2 heures avec le sucre et le citron.",
                "Cuire à feu vif jusqu'à la nappe.",
                "Remplir à chaud, fermer, pasteuriser.",
            ],
            minutes: (60, 30),
            allergens: &[],
            diets: PLANT_BASED,
            shelf_life_months: 24,
            ph: (350, None),
            yield_ml_per_kg: 1000,
            net: Net::Solid { grams_per_litre: 1300 },
            schedule: water_bath(1000, &[(250, 10), (370, 15)]),
        },
        Draft {
            title: "Haricots verts au naturel",
            category: Category::LegumesAuNaturel,
            main_produce: "Haricots verts",
            ingredients: &[("Eau", Millilitres(500)), ("Sel", Grams(10))],
            steps: &[
                "Équeuter les haricots, les blanchir 3 minutes.",
                "Les ranger debout dans les bocaux.",
                "Couvrir d'eau salée bouillante, fermer, passer à l'autoclave.",
            ],
            minutes: (40, 5),
            allergens: &[],
            diets: PLANT_NO_SUGAR,
            shelf_life_months: 36,
            ph: (620, None),
            yield_ml_per_kg: 1300,
            net: Net::InLiquid { grams_per_litre: 1000, drained_percent: 60 },
            schedule: autoclave(1160, 40, &[(370, 45), (720, 55)]),
        },
        Draft {
            title: "Velouté de potimarron aux noix",
            category: Category::Soupe,
            main_produce: "Potimarrons",
            ingredients: &[
                ("Oignons", Grams(100)),
                ("Eau", Millilitres(600)),
                ("Cerneaux de noix", Grams(30)),
                ("Huile d'olive", Millilitres(15)),
                ("Sel", Grams(8)),
            ],
            steps: &[
                "Laver le potimarron (la peau se mange), ôter les graines, couper en cubes.",
                "Faire suer les oignons, ajouter potimarron et eau, cuire 25 minutes.",
                "Mixer avec les noix, saler.",
                "Remplir chaud, fermer, passer à l'autoclave.",
            ],
            minutes: (25, 35),
            allergens: &[Allergen::FruitsACoque],
            diets: PLANT_NO_SUGAR,
            shelf_life_months: 24,
            ph: (600, None),
            yield_ml_per_kg: 1400,
            net: Net::Liquid,
            schedule: autoclave(1200, 50, &[(370, 40), (720, 55)]),
        },
    ]
    .into_iter()
    .map(Draft::content)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::recipe::check_recipe;

    #[test]
    fn every_demo_recipe_passes_the_safety_rules_and_none_claims_validation() {
        let recipes = demo_recipes();
        assert!(recipes.len() >= 15);
        for recipe in &recipes {
            let checked = check_recipe(recipe).unwrap_or_else(|error| {
                panic!("{}: {} ({})", recipe.title, error.message, error.field)
            });
            assert!(!checked.schedule.is_validated(), "{}", recipe.title);
            if recipe.acidity == AcidityClass::LowAcid {
                assert_eq!(recipe.schedule.method, ProcessMethod::Autoclave);
            }
        }
    }

    #[test]
    fn the_starter_drafts_are_the_demo_recipes_with_their_ph_to_measure() {
        let drafts = starter_drafts();
        let demo = demo_recipes();
        assert_eq!(drafts.len(), demo.len());
        for (draft, demo) in drafts.iter().zip(&demo) {
            assert_eq!(draft.title, demo.title);
            assert_eq!(draft.ph, None, "{}", draft.title);
            assert!(!draft.schedule.is_validated(), "{}", draft.title);
            // Only the pH differs.
            assert_eq!(
                draft,
                &RecipeContent {
                    ph: None,
                    ..demo.clone()
                }
            );
            // The editor refuses to save a new version until the pH is measured.
            assert_eq!(check_recipe(draft).unwrap_err().field, "ph");
        }
    }

    #[test]
    fn a_published_schedule_is_cited_with_its_times_and_the_warning() {
        let recipes = demo_recipes();
        for (title, _) in PUBLISHED {
            let recipe = recipes.iter().find(|r| r.title == title).expect(title);
            assert!(recipe.source.contains("USDA"), "{title}");
            assert!(recipe.source.ends_with(NOT_A_FRENCH_SCHEDULE), "{title}");
            // The times cited are the schedule's: pint's for 370 ml, quart's for 720 ml.
            for row in &recipe.schedule.rows {
                let cited = format!(
                    "{} min ({}",
                    row.minutes,
                    if row.jar_ml < 473 { "pint" } else { "quart" }
                );
                assert!(recipe.source.contains(&cited), "{title}: {cited}");
            }
        }
        let own = recipes.iter().find(|r| r.title == "Ratatouille").unwrap();
        assert!(!own.source.contains("USDA"));
    }
}
