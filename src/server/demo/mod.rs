//! The demo's data and the benchmarks': Romans-sur-Isère, dated relative to the day it is loaded.
//!
//! Here, a calendar that always has a next stop; farms and street addresses are invented,
//! communes and coordinates are those of the agglomeration; its recipes are the starter
//! library's (`server::starter_library`) with their demo pH. `bench`: the load benchmark's
//! larger database.

pub mod bench;

use chrono::{Duration, NaiveDate};

use crate::api::batches::{JarCount, ProbeUse};
use crate::api::lots::LotDraft;
use crate::api::operator::Operator;
use crate::api::territory::{Commune, DEFAULT_EPCI};
use crate::domain::batch::{HeldRow, LogPoint, ProcessRecord};
use crate::domain::calendar::monday_of;
use crate::domain::lot::{Grade, LotStatus, Price, Quantity};
use crate::domain::recipe::Validation;
use crate::domain::time::local_instant;
use crate::domain::{Centre, Place, Producer, Role, Workshop, WorkshopKind, WorkshopStatus};
use crate::server::storage::{Seed, SeedAccount, SeedBatch, SeedLedger, SeedLot};
use crate::server::territory::official;

const LES_ORS: &str = "Maison de quartier des Ors";
const SAINT_NICOLAS: &str = "Maison de quartier Saint-Nicolas";
const NOEL_GUICHARD: &str = "Maison citoyenne Noël Guichard";

fn centres() -> Vec<Centre> {
    [
        (LES_ORS, "8 rue Magnard"),
        (SAINT_NICOLAS, "4 place Saint-Nicolas"),
        (NOEL_GUICHARD, "2 rue Noël Guichard"),
    ]
    .into_iter()
    .map(|(name, address)| Centre {
        name: name.into(),
        address: address.into(),
        postcode: "26100".into(),
        commune: "Romans-sur-Isère".into(),
    })
    .collect()
}

fn producers() -> Vec<Producer> {
    [
        (
            "Vergers Chabert",
            "Élise Chabert",
            "Peyrins",
            "06 12 34 56 01",
            "pommes, poires, coings",
        ),
        (
            "GAEC du Chalon",
            "Karim et Paul Benali",
            "Saint-Paul-lès-Romans",
            "06 12 34 56 02",
            "tomates, courgettes, poivrons",
        ),
        (
            "Ferme de Beauregard",
            "Martine Reynaud",
            "Chatuzange-le-Goubet",
            "06 12 34 56 03",
            "pêches, abricots, kiwis",
        ),
        (
            "Les Jardins de la Savasse",
            "Collectif maraîcher",
            "Romans-sur-Isère",
            "06 12 34 56 04",
            "légumes bio de saison",
        ),
        (
            "Domaine des Noyers",
            "Jean-Luc Faure",
            "Génissieux",
            "06 12 34 56 05",
            "noix, courges, potimarrons",
        ),
        (
            "Maraîchage Bonnet",
            "Sophie Bonnet",
            "Mours-Saint-Eusèbe",
            "06 12 34 56 06",
            "aubergines, haricots, choux",
        ),
        (
            "Les Cerisiers de Clérieux",
            "Antoine Vial",
            "Clérieux",
            "06 12 34 56 07",
            "cerises, fraises, framboises",
        ),
        (
            "Ferme du Pied de Côte",
            "Nadia Garnier",
            "Alixan",
            "06 12 34 56 08",
            "carottes, betteraves, panais",
        ),
    ]
    .into_iter()
    .map(
        |(farm_name, contact_name, commune, phone, produce)| Producer {
            address: farm_address(farm_name).into(),
            farm_name: farm_name.into(),
            contact_name: contact_name.into(),
            commune: commune.into(),
            phone: phone.into(),
            produce: produce.into(),
        },
    )
    .collect()
}

/// Made-up addresses of the demo farms (their communes are real).
fn farm_address(farm: &str) -> &'static str {
    match farm {
        "Vergers Chabert" => "1450 route de Peyrins",
        "GAEC du Chalon" => "Chemin du Chalon",
        "Ferme de Beauregard" => "35 chemin de Beauregard",
        "Domaine des Noyers" => "Route des Noyers",
        "Maraîchage Bonnet" => "12 chemin des Jardins",
        "Ferme du Pied de Côte" => "Quartier Pied de Côte",
        _ => "",
    }
}

/// The demo market at the end of November: lots on offer (one ending tomorrow), one reserved
/// for tomorrow's round, and collected ones that make this month's public figure.
fn demo_lots(today: NaiveDate) -> Vec<SeedLot> {
    let lot = |farm: &str,
               produce: &str,
               variety: &str,
               quantity: Quantity,
               grade: Grade,
               days_left: i64,
               price: Price,
               note: &str| {
        let farm = farm.to_string();
        let commune = producers()
            .into_iter()
            .find(|producer| producer.farm_name == farm)
            .map(|producer| producer.commune)
            .unwrap_or_default();
        let lot = LotDraft {
            produce: produce.into(),
            variety: variety.into(),
            quantity,
            grade,
            pickup_address: farm_address(&farm).into(),
            pickup_commune: commune,
            save_as_farm_address: false,
            available_from: today,
            available_until: today + Duration::days(days_left),
            price,
            note: note.into(),
            photo_ids: Vec::new(),
        };
        SeedLot {
            farm,
            lot,
            status: LotStatus::Published,
            collect_on: None,
            collected_grams: None,
        }
    };
    let kilos = |kg: u32| Quantity::Grams { grams: kg * 1000 };
    let mut reserved = lot(
        "Maraîchage Bonnet",
        "Choux",
        "Chou de Milan",
        kilos(20),
        Grade::ATransformerVite,
        3,
        Price::Gift,
        "",
    );
    reserved.status = LotStatus::Reserved;
    reserved.collect_on = Some(today + Duration::days(1));
    let mut pears = lot(
        "Vergers Chabert",
        "Poires",
        "Williams",
        kilos(18),
        Grade::ATransformerVite,
        2,
        Price::Gift,
        "",
    );
    pears.status = LotStatus::Collected;
    pears.collect_on = Some(today);
    pears.collected_grams = Some(17_500);
    let mut squash = lot(
        "Domaine des Noyers",
        "Courges",
        "Butternut",
        kilos(45),
        Grade::Surplus,
        2,
        Price::PerKg { cents: 30 },
        "",
    );
    squash.status = LotStatus::Processed;
    squash.collect_on = Some(today);
    squash.collected_grams = Some(44_000);
    vec![
        lot(
            "Vergers Chabert",
            "Pommes",
            "Golden",
            Quantity::Crates {
                count: 6,
                grams_each: 12_000,
            },
            Grade::DefautAspect,
            5,
            Price::PerKg { cents: 40 },
            "Grêlées mais saines, idéales en compote.",
        ),
        lot(
            "Ferme de Beauregard",
            "Kiwis",
            "Hayward",
            kilos(25),
            Grade::HorsCalibre,
            2,
            Price::Gift,
            "",
        ),
        lot(
            "Domaine des Noyers",
            "Potimarrons",
            "",
            kilos(60),
            Grade::Surplus,
            6,
            Price::PerKg { cents: 50 },
            "Sous le hangar, côté route.",
        ),
        lot(
            "Ferme du Pied de Côte",
            "Carottes",
            "",
            kilos(35),
            Grade::HorsCalibre,
            1,
            Price::Gift,
            "Trop grosses pour les paniers. Appeler avant de passer.",
        ),
        reserved,
        pears,
        squash,
    ]
}

fn place(
    name: &str,
    address: &str,
    postcode: &str,
    commune: &str,
    latitude: f64,
    longitude: f64,
) -> Place {
    Place {
        id: 0,
        name: name.into(),
        address: address.into(),
        postcode: postcode.into(),
        commune: commune.into(),
        latitude,
        longitude,
    }
}

/// The demo calendar: last week's stops, then three or four a week for six weeks, at fixed
/// weekdays (markets on Saturdays).
pub fn demo_seed(today: NaiveDate) -> Seed {
    let jacquemart = place(
        "Marché de la place Jacquemart",
        "Place Jacquemart",
        "26100",
        "Romans-sur-Isère",
        45.0461,
        5.0508,
    );
    let les_ors = place(
        LES_ORS,
        "8 rue Magnard",
        "26100",
        "Romans-sur-Isère",
        45.0497,
        5.0621,
    );
    let saint_nicolas = place(
        SAINT_NICOLAS,
        "4 place Saint-Nicolas",
        "26100",
        "Romans-sur-Isère",
        45.0528,
        5.0447,
    );
    let noel_guichard = place(
        NOEL_GUICHARD,
        "2 rue Noël Guichard",
        "26100",
        "Romans-sur-Isère",
        45.0396,
        5.0641,
    );
    let jean_jaures = place(
        "Place Jean Jaurès",
        "Place Jean Jaurès",
        "26100",
        "Romans-sur-Isère",
        45.0449,
        5.0522,
    );
    let bourg_de_peage = place(
        "Marché de Bourg-de-Péage",
        "Place de la Libération",
        "26300",
        "Bourg-de-Péage",
        45.0386,
        5.0521,
    );
    let peyrins = place(
        "Salle des fêtes de Peyrins",
        "Place de la Mairie",
        "26380",
        "Peyrins",
        45.0929,
        5.0452,
    );
    let mours = place(
        "Place de l'Église",
        "Place de l'Église",
        "26540",
        "Mours-Saint-Eusèbe",
        45.0651,
        5.0566,
    );
    let saint_paul = place(
        "Salle polyvalente",
        "Rue des Écoles",
        "26750",
        "Saint-Paul-lès-Romans",
        45.0671,
        5.1291,
    );
    let clerieux = place(
        "École du village",
        "Place du Marché",
        "26260",
        "Clérieux",
        45.0761,
        4.9601,
    );
    let beauregard = place(
        "Ferme de Beauregard",
        "Chemin de Beauregard",
        "26300",
        "Chatuzange-le-Goubet",
        45.0042,
        5.0903,
    );
    let pied_de_cote = place(
        "Ferme du Pied de Côte",
        "Route de Chabeuil",
        "26300",
        "Alixan",
        44.9749,
        5.0275,
    );
    let genissieux = place(
        "Salle des fêtes de Génissieux",
        "Place de la Mairie",
        "26750",
        "Génissieux",
        45.0843,
        5.0813,
    );

    use chrono::Weekday::*;
    use WorkshopKind::*;
    use WorkshopStatus::*;
    // (week from this one, day, start h, start min, length in minutes, place, kind, status,
    //  title, centre, capacity, description). Stops before today are recorded as done.
    let schedule = [
        (-1, Wed, 14, 0, 210, les_ors.clone(), Transformation, Done, "Confiture de coings", LES_ORS, 12, "Coings des Vergers Chabert : 38 bocaux de 370 ml."),
        (-1, Sat, 8, 0, 270, jacquemart.clone(), Marche, Done, "La conserverie au marché Jacquemart", SAINT_NICOLAS, 30, "Dégustation et échange de bocaux consignés."),
        (0, Tue, 14, 0, 210, les_ors.clone(), Transformation, Confirmed, "Compote pommes-poires", LES_ORS, 12, "On épluche, on cuit, on met en bocaux : pommes et poires hors calibre des Vergers Chabert. Tablier fourni."),
        (0, Wed, 9, 30, 150, peyrins, Sensibilisation, Confirmed, "Ce que jettent nos vergers", NOEL_GUICHARD, 20, "Discussion et visite : pourquoi tant de fruits ne sont pas vendus, et comment les sauver."),
        (0, Fri, 14, 0, 240, noel_guichard.clone(), Transformation, Confirmed, "Velouté de courge en bocaux", NOEL_GUICHARD, 12, "Courges et potimarrons du Domaine des Noyers. Stérilisation à l'autoclave expliquée pas à pas."),
        (0, Sat, 8, 0, 270, jacquemart.clone(), Marche, Confirmed, "La conserverie au marché Jacquemart", SAINT_NICOLAS, 30, "Le camion au marché du samedi : dégustation, bocaux contre consigne ou tic-tac, inscriptions aux ateliers."),
        (1, Tue, 14, 0, 210, mours, Transformation, Confirmed, "Soupe de légumes d'hiver", LES_ORS, 10, "Carottes, poireaux et panais : une soupe à garder tout l'hiver."),
        (1, Wed, 14, 0, 240, les_ors.clone(), Transformation, Planned, "Confiture de kiwis de la Drôme", LES_ORS, 12, "Avec les kiwis trop petits pour la vente. Bocaux de 220 ml."),
        (1, Thu, 10, 0, 360, beauregard, Prestation, Confirmed, "Prestation à façon : kiwis de Beauregard", NOEL_GUICHARD, 6, "Transformation des kiwis de la ferme en confiture pour sa vente directe."),
        (1, Sat, 9, 0, 180, bourg_de_peage, Marche, Cancelled, "Dégustation au marché de Bourg-de-Péage", SAINT_NICOLAS, 30, "Annulé : le camion est en révision. Rendez-vous au marché Jacquemart la semaine suivante."),
        (2, Tue, 14, 0, 180, saint_paul, Sensibilisation, Planned, "Les légumes oubliés : goûter et conserver", NOEL_GUICHARD, 20, "Panais, topinambours, rutabagas : dégustation et recettes simples."),
        (2, Wed, 14, 0, 240, noel_guichard.clone(), Transformation, Planned, "Pickles de chou rouge et carottes", NOEL_GUICHARD, 12, "Légumes lacto-fermentés et au vinaigre : deux techniques comparées."),
        (2, Sat, 8, 0, 270, jacquemart.clone(), Marche, Planned, "La conserverie au marché Jacquemart", SAINT_NICOLAS, 30, "Le camion au marché du samedi."),
        (3, Tue, 9, 30, 150, clerieux, Sensibilisation, Planned, "Du verger au bocal, pour les enfants", SAINT_NICOLAS, 24, "Atelier pour les 6-11 ans avec l'école : goûter et étiqueter son bocal."),
        (3, Wed, 14, 0, 210, saint_nicolas, Transformation, Planned, "Poires au sirop léger", SAINT_NICOLAS, 12, "Poires hors calibre au sirop peu sucré."),
        (3, Fri, 10, 0, 360, pied_de_cote, Prestation, Planned, "Prestation à façon : soupe de carottes", LES_ORS, 6, "Les carottes fendues de la Ferme du Pied de Côte deviennent soupe."),
        (3, Sat, 8, 0, 270, jacquemart.clone(), Marche, Planned, "La conserverie au marché Jacquemart", SAINT_NICOLAS, 30, "Le camion au marché du samedi."),
        (4, Tue, 14, 0, 240, les_ors, Transformation, Planned, "Compote pomme-coing", LES_ORS, 12, "Pommes et coings des Vergers Chabert."),
        (4, Sat, 14, 0, 210, jean_jaures, Sensibilisation, Planned, "Fête de la soupe", SAINT_NICOLAS, 60, "Soupes des ateliers à goûter, recettes à emporter."),
        (5, Wed, 14, 0, 240, noel_guichard, Transformation, Planned, "Confiture de poires à la vanille", NOEL_GUICHARD, 12, "Poires mûres à point, à transformer vite."),
        (5, Thu, 9, 30, 150, genissieux, Sensibilisation, Planned, "Noix et courges : conserver l'automne", LES_ORS, 20, "Avec le Domaine des Noyers."),
        (5, Sat, 8, 0, 270, jacquemart, Marche, Planned, "La conserverie au marché Jacquemart", SAINT_NICOLAS, 30, "Le camion au marché du samedi."),
    ];

    let this_monday = monday_of(today);
    let workshops = schedule
        .into_iter()
        .filter_map(
            |(
                week,
                weekday,
                hour,
                minute,
                minutes,
                place,
                kind,
                status,
                title,
                centre,
                capacity,
                description,
            )| {
                let offset = 7 * week + i64::from(weekday.num_days_from_monday());
                let day = this_monday.checked_add_signed(chrono::Duration::days(offset))?;
                let starts_at = local_instant(day, hour, minute)?;
                let status = if day < today && status != Cancelled {
                    Done
                } else {
                    status
                };
                Some(Workshop {
                    id: 0,
                    title: title.into(),
                    kind,
                    status,
                    starts_at,
                    ends_at: starts_at + chrono::Duration::minutes(minutes),
                    place,
                    centre: centre.into(),
                    capacity,
                    centre_id: 0,
                    signed_up: 0,
                    waiting: 0,
                    revision: 0,
                    description: description.into(),
                })
            },
        )
        .collect();

    Seed {
        centres: centres(),
        territory: demo_territory(),
        producers: producers(),
        workshops,
        accounts: demo_accounts(),
        lots: demo_lots(today),
        recipes: crate::server::starter_library::demo_recipes(),
        ledger: demo_ledger(),
        batches: demo_batches(today),
    }
}

/// The communes of Valence Romans Agglo, as a Drôme cannery picks them in its settings.
pub fn demo_territory() -> Vec<Commune> {
    let (_, members) = official()
        .epci(DEFAULT_EPCI)
        .expect("the official list holds Valence Romans Agglo");
    members.into_iter().cloned().collect()
}

/// Two batches made today from the collected lots: a squash soup sterilised in the autoclave
/// (its probe log gives an F0 well above the target; most jars go to Saint-Nicolas), and pears in
/// syrup whose large jars were taken out of the bath too early: non conforme, blocked.
/// The recipes' validation is fictitious and says so: the demo needs validated schedules to
/// record batches at all.
fn demo_batches(today: NaiveDate) -> Vec<SeedBatch> {
    let validation = Validation {
        by: "Validation fictive (données de démonstration)".into(),
        on: today - Duration::days(30),
    };
    let jars = |counts: &[(u32, u32)]| -> Vec<JarCount> {
        counts
            .iter()
            .map(|&(jar_ml, jars)| JarCount { jar_ml, jars })
            .collect()
    };
    // 20 → 120 °C in 25 minutes, held 40, down to 70 °C in 15: a reading every minute.
    let soup_log = (0..=80u32)
        .map(|minute| LogPoint {
            seconds: minute * 60,
            temperature_tenths: match minute {
                0..=25 => 200 + 40 * minute as i32,
                26..=65 => 1200 - (minute as i32 % 3),
                _ => 1200 - 33 * (minute as i32 - 65),
            },
        })
        .collect();
    // Calibrated two months ago, due again in ten.
    let probe = ProbeUse {
        name: "Enregistreur de l'autoclave (démonstration)".into(),
        calibrated_on: today - Duration::days(60),
        calibration_due: today + Duration::days(300),
    };
    let held = |jar_ml, temperature_tenths, minutes| HeldRow {
        jar_ml,
        temperature_tenths,
        minutes,
    };
    vec![
        SeedBatch {
            recipe: "Soupe de courge".into(),
            validation: validation.clone(),
            made_on: today,
            inputs: vec![("Courges".into(), 20_000)],
            jars: jars(&[(370, 40), (720, 24)]),
            process: ProcessRecord::Log { points: soup_log },
            product_ph_hundredths: 590,
            probe: probe.clone(),
            stock: Some((SAINT_NICOLAS.into(), jars(&[(370, 30), (720, 20)]))),
        },
        SeedBatch {
            recipe: "Poires au sirop léger".into(),
            validation,
            made_on: today,
            inputs: vec![("Poires".into(), 12_000)],
            jars: jars(&[(370, 10), (720, 14)]),
            process: ProcessRecord::Schedule {
                rows: vec![held(370, 1000, 20), held(720, 1000, 18)],
            },
            product_ph_hundredths: 400,
            probe,
            stock: None,
        },
    ]
}

/// A price for every jar, some stock in each centre, and Samia's wallet: two workshops given,
/// two jars bought with tic-tac, three taken on deposit.
fn demo_ledger() -> Vec<SeedLedger> {
    let mut ledger: Vec<SeedLedger> = crate::server::starter_library::demo_recipes()
        .iter()
        .flat_map(|recipe| {
            recipe.jar_sizes_ml.iter().map(|&jar_ml| SeedLedger::Price {
                recipe: recipe.title.clone(),
                jar_ml,
                // Roughly a tic-tac per 12 ml: a small jar of jam is 20 minutes of work.
                tictac: match jar_ml {
                    0..=250 => 20,
                    251..=370 => 30,
                    371..=750 => 50,
                    _ => 60,
                },
            })
        })
        .collect();
    let stock = |centre: &str, recipe: &str, jar_ml, count| SeedLedger::Stock {
        centre: centre.into(),
        recipe: recipe.into(),
        jar_ml,
        count,
    };
    ledger.extend([
        stock(LES_ORS, "Coulis de tomates", 370, 12),
        stock(LES_ORS, "Compote pomme-coing", 370, 18),
        stock(LES_ORS, "Confiture de kiwis", 250, 10),
        stock(LES_ORS, "Soupe de courge", 720, 8),
        stock(SAINT_NICOLAS, "Compote de pommes", 370, 15),
        stock(SAINT_NICOLAS, "Confiture d'abricots", 250, 12),
        stock(NOEL_GUICHARD, "Velouté de potimarron aux noix", 370, 10),
        stock(NOEL_GUICHARD, "Poires au sirop léger", 720, 6),
    ]);
    let samia = "100003".to_string();
    ledger.extend([
        SeedLedger::Attended {
            member: samia.clone(),
            workshop: "Confiture de coings".into(),
            minutes: 210,
        },
        SeedLedger::Attended {
            member: samia.clone(),
            workshop: "La conserverie au marché Jacquemart".into(),
            minutes: 120,
        },
        SeedLedger::BuyJars {
            member: samia.clone(),
            centre: LES_ORS.into(),
            recipe: "Compote pomme-coing".into(),
            jar_ml: 370,
            count: 2,
        },
        SeedLedger::DepositJars {
            member: samia,
            centre: LES_ORS.into(),
            recipe: "Coulis de tomates".into(),
            jar_ml: 370,
            count: 3,
        },
    ]);
    ledger
}

/// One account of each role, to try Bocal. The run command prints them; so does the README.
/// (Demo only: these passwords are public.)
pub fn demo_accounts() -> Vec<SeedAccount> {
    let account =
        |role, name: &str, number: &str, phone: Option<&str>, password: &str| SeedAccount {
            role,
            display_name: name.into(),
            member_number: number.into(),
            phone: phone.map(str::to_string),
            centre: (role != Role::Producer).then(|| LES_ORS.to_string()),
            farm: (role == Role::Producer).then(|| "Vergers Chabert".to_string()),
            password: password.into(),
        };
    vec![
        account(Role::Participant, "Samia", "100003", None, "confiture"),
        account(
            Role::Producer,
            "Élise Chabert",
            "100004",
            Some("0612345601"),
            "vergers26",
        ),
        account(Role::Animator, "Lucas", "100002", None, "animation"),
        account(Role::Admin, "Nadia", "100001", None, "administration"),
    ]
}

/// The demo's operator: the cannery of the project sheet, with the contacts of an example (a
/// real instance configures its own, `--config`).
pub fn demo_operator() -> Operator {
    Operator {
        name: "Conserverie mobile et solidaire des 3 centres sociaux de Romans".into(),
        address: "Maison de quartier des Ors, 8 rue Magnard, 26100 Romans-sur-Isère".into(),
        siret: String::new(),
        email: "contact@bocal.example".into(),
        phone: String::new(),
        publication_director: "La présidence de l'association porteuse (démonstration)".into(),
        data_controller: "L'association porteuse de la conserverie (démonstration)".into(),
        privacy_email: "donnees@bocal.example".into(),
        host: "La machine où tourne cette démonstration".into(),
        retention_days: 30,
        configured: true,
    }
}

/// The demo accounts as the run command prints them: role, login, password.
pub fn demo_credentials() -> Vec<String> {
    demo_accounts()
        .iter()
        .map(|account| {
            let login = match &account.phone {
                Some(phone) => format!(
                    "n° {} ou tél. {}",
                    account.member_number,
                    crate::domain::account::format_phone(phone)
                ),
                None => format!("n° {}", account.member_number),
            };
            format!(
                "  {:<20} {:<30} mot de passe : {}",
                account.role.label_fr(),
                login,
                account.password
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Days;

    #[test]
    fn demo_data_has_what_the_calendar_needs_whatever_the_day() {
        // A week that crosses the March clock change, one day at a time.
        for day in 16..=22 {
            let today = NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
            let seed = demo_seed(today);
            assert_eq!(seed.centres.len(), 3);
            assert!(seed.producers.len() >= 6);
            let start_of_today = crate::domain::time::start_of_local_day(today);
            let six_weeks = crate::domain::time::start_of_local_day(today + Days::new(42));
            let upcoming: Vec<_> = seed
                .workshops
                .iter()
                .filter(|w| w.starts_at >= start_of_today)
                .collect();
            assert!(
                upcoming.len() >= 15,
                "{} upcoming on {today}",
                upcoming.len()
            );
            assert!(upcoming.iter().all(|w| w.starts_at < six_weeks));
            assert!(upcoming.iter().all(|w| w.status != WorkshopStatus::Done));
            assert_eq!(upcoming.iter().filter(|w| w.is_cancelled()).count(), 1);
            let kinds: std::collections::HashSet<_> = upcoming.iter().map(|w| w.kind).collect();
            assert_eq!(kinds.len(), WorkshopKind::ALL.len());
            let centres: Vec<_> = seed.centres.iter().map(|c| c.name.as_str()).collect();
            assert!(seed
                .workshops
                .iter()
                .all(|w| centres.contains(&w.centre.as_str())));
        }
    }
}
