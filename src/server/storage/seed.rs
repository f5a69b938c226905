//! Records loaded in one go into an empty database: the demo data of `--demo`, or a test's
//! fixture. Each record goes through the same checks as the app's own screens.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction};

use super::batches::{invalid, read_batch, record_new_batch, stock_jars};
use super::lots::{execute_with_draft, record_event, DRAFT_COLUMNS, DRAFT_VALUES};
use super::recipes::{add_version, insert_recipe};
use super::territory::add_communes;
use super::wallet::{
    check_product, credit_attendance, deposit_rate_on, jar_price, record_checked, NewEntry,
};
use super::{from_db_time, parse_column, to_db_time, Storage, StorageError};
use crate::api::batches::{JarCount, LotUse, NewBatch, ProbeUse, StockBatch};
use crate::api::lots::LotDraft;
use crate::api::territory::Commune;
use crate::api::wallet::EntryKind;
use crate::domain::batch::ProcessRecord;
use crate::domain::ledger::{BatchProduct, Operation, Product};
use crate::domain::lot::LotStatus;
use crate::domain::recipe::{check_recipe, RecipeContent, Validation};
use crate::domain::time::local_date;
use crate::domain::{Centre, Producer, Role, Workshop};

/// Records to load into a database in one go: the demo data, or a test's fixture.
#[derive(Clone, Debug, Default)]
pub struct Seed {
    pub centres: Vec<Centre>,
    /// The communes the cannery serves.
    pub territory: Vec<Commune>,
    pub producers: Vec<Producer>,
    /// Places are taken from the workshops (one row per name and commune); `id` is ignored and
    /// `centre` must name one of `centres`.
    pub workshops: Vec<Workshop>,
    pub accounts: Vec<SeedAccount>,
    pub lots: Vec<SeedLot>,
    /// Recipes as checked by `check_recipe` (the seed loader checks them again).
    pub recipes: Vec<RecipeContent>,
    /// Jar prices, stock and wallet history, in order, checked by the ledger's rules and
    /// recorded by the seed's first staff account.
    pub ledger: Vec<SeedLedger>,
    /// Production batches, recorded after the ledger through the app's own checks.
    pub batches: Vec<SeedBatch>,
}

/// A production batch of a seed. Names refer to the seed's other records.
#[derive(Clone, Debug)]
pub struct SeedBatch {
    pub recipe: String,
    /// Recorded as a new version of the recipe when its current one has none.
    pub validation: Validation,
    pub made_on: NaiveDate,
    /// The produce of a collected seed lot, and the grams taken from it.
    pub inputs: Vec<(String, u32)>,
    pub jars: Vec<JarCount>,
    pub process: ProcessRecord,
    /// The measured pH of the product, hundredths.
    pub product_ph_hundredths: u32,
    pub probe: ProbeUse,
    /// A centre's name, and the jars sent there.
    pub stock: Option<(String, Vec<JarCount>)>,
}

/// A step of a seed's wallet history. Names refer to the seed's other records; `jar_ml` must
/// be one of the recipe's jar sizes.
#[derive(Clone, Debug)]
pub enum SeedLedger {
    Price {
        recipe: String,
        jar_ml: u32,
        tictac: i64,
    },
    Stock {
        centre: String,
        recipe: String,
        jar_ml: u32,
        count: i64,
    },
    /// A member came to a past workshop (the first one with this title) and gave `minutes`:
    /// the attendance sheet credits them.
    Attended {
        member: String,
        workshop: String,
        minutes: u32,
    },
    BuyJars {
        member: String,
        centre: String,
        recipe: String,
        jar_ml: u32,
        count: i64,
    },
    DepositJars {
        member: String,
        centre: String,
        recipe: String,
        jar_ml: u32,
        count: i64,
    },
}

/// A lot of a seed, at some point of its life.
#[derive(Clone, Debug)]
pub struct SeedLot {
    /// Names one of the seed's farms.
    pub farm: String,
    pub lot: LotDraft,
    pub status: LotStatus,
    pub collect_on: Option<NaiveDate>,
    pub collected_grams: Option<u32>,
}

/// An account of a seed, ready to log in (no password change asked).
#[derive(Clone, Debug)]
pub struct SeedAccount {
    pub role: Role,
    pub display_name: String,
    pub member_number: String,
    /// National format, digits only.
    pub phone: Option<String>,
    /// Names one of the seed's centres.
    pub centre: Option<String>,
    /// For a producer: names one of the seed's farms.
    pub farm: Option<String>,
    pub password: String,
}

impl Storage {
    /// Inserts `seed` in one transaction: all of it, or nothing. `now` dates what the seed
    /// does not (approvals, account creations, the lots' publication).
    pub fn insert_seed(&self, seed: &Seed, now: DateTime<Utc>) -> Result<(), StorageError> {
        let mut conn = self.connection()?;
        let tx = conn.transaction()?;
        for centre in &seed.centres {
            tx.execute(
                "INSERT INTO centres (name, address, postcode, commune) VALUES (?1, ?2, ?3, ?4)",
                (
                    &centre.name,
                    &centre.address,
                    &centre.postcode,
                    &centre.commune,
                ),
            )?;
        }
        add_communes(&tx, &seed.territory, now)?;
        for producer in &seed.producers {
            tx.execute(
                // A seed's farms are known ones: approved already.
                "INSERT INTO producers (farm_name, contact_name, commune, phone, produce,
                                        approved_at, address)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                (
                    &producer.farm_name,
                    &producer.contact_name,
                    &producer.commune,
                    &producer.phone,
                    &producer.produce,
                    to_db_time(now),
                    &producer.address,
                ),
            )?;
        }
        for workshop in &seed.workshops {
            let place = &workshop.place;
            tx.execute(
                "INSERT INTO places (name, address, postcode, commune, latitude, longitude)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (name, commune) DO NOTHING",
                (
                    &place.name,
                    &place.address,
                    &place.postcode,
                    &place.commune,
                    place.latitude,
                    place.longitude,
                ),
            )?;
            tx.execute(
                "INSERT INTO workshops
                   (title, kind, status, starts_at, ends_at, place_id, centre_id, capacity, description)
                 VALUES (?1, ?2, ?3, ?4, ?5,
                   (SELECT id FROM places WHERE name = ?6 AND commune = ?7),
                   (SELECT id FROM centres WHERE name = ?8),
                   ?9, ?10)",
                (
                    &workshop.title,
                    workshop.kind.code(),
                    workshop.status.code(),
                    to_db_time(workshop.starts_at),
                    to_db_time(workshop.ends_at),
                    &place.name,
                    &place.commune,
                    &workshop.centre,
                    workshop.capacity,
                    &workshop.description,
                ),
            )?;
        }
        for account in &seed.accounts {
            tx.execute(
                "INSERT INTO accounts (role, display_name, member_number, phone, centre_id,
                                       producer_id, password_hash, must_change_password,
                                       created_at)
                 VALUES (?1, ?2, ?3, ?4, (SELECT id FROM centres WHERE name = ?5),
                         (SELECT id FROM producers WHERE farm_name = ?6), ?7, 0, ?8)",
                rusqlite::params![
                    account.role.code(),
                    account.display_name,
                    account.member_number,
                    account.phone,
                    account.centre,
                    account.farm,
                    crate::server::security::auth::hash_password(&account.password),
                    to_db_time(now),
                ],
            )?;
        }
        for seed_lot in &seed.lots {
            insert_seed_lot(&tx, seed_lot, now)?;
        }
        for recipe in &seed.recipes {
            // Seeds go through the same safety rules as the editor: no unsafe demo jar.
            let recipe = check_recipe(recipe).map_err(StorageError::Invalid)?;
            insert_recipe(&tx, &recipe, None, now)?;
        }
        for (index, step) in seed.ledger.iter().enumerate() {
            insert_seed_ledger(&tx, index, step, now)?;
        }
        for (index, batch) in seed.batches.iter().enumerate() {
            insert_seed_batch(&tx, index, batch, now)?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// Inserts a seed's lot with the history that led to its status.
fn insert_seed_lot(
    conn: &Connection,
    seed: &SeedLot,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let lot = &seed.lot;
    let collected_at = seed.collected_grams.map(|_| to_db_time(now));
    execute_with_draft(
        conn,
        &format!(
            "INSERT INTO lots (producer_id, {DRAFT_COLUMNS}, status, collect_on, collected_grams,
                               collected_at, created_at)
             SELECT p.id, {DRAFT_VALUES}, :status, :collect_on, :collected_grams, :collected_at,
                    :now
             FROM producers p WHERE p.farm_name = :farm"
        ),
        lot,
        &[
            (":farm", &seed.farm),
            (":status", &seed.status.code()),
            (":collect_on", &seed.collect_on),
            (":collected_grams", &seed.collected_grams),
            (":collected_at", &collected_at),
            (":now", &to_db_time(now)),
        ],
    )?;
    let id = conn.last_insert_rowid();
    record_event(conn, id, None, LotStatus::Published, "Lot proposé.", now)?;
    // The farmer posted it: only the steps after are news to them.
    conn.execute(
        "UPDATE lots SET owner_seen_event_id = ?2 WHERE id = ?1",
        (id, conn.last_insert_rowid()),
    )?;
    let path = [
        (LotStatus::Reserved, "Réservé par l'équipe."),
        (LotStatus::Collected, "Collecté."),
        (LotStatus::Processed, "Transformé en bocaux."),
    ];
    let steps = match seed.status {
        LotStatus::Reserved => &path[..1],
        LotStatus::Collected => &path[..2],
        LotStatus::Processed => &path[..],
        _ => &path[..0],
    };
    for (status, detail) in steps {
        record_event(conn, id, None, *status, detail, now)?;
    }
    Ok(())
}

/// Records a seed's batch as the app would: a validated version of its recipe first if needed,
/// then the batch from the seed's collected lots, then its stock entry. By the seed's first
/// staff account.
fn insert_seed_batch(
    tx: &Transaction<'_>,
    index: usize,
    seed: &SeedBatch,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let missing =
        |what: &str| invalid("seed", format!("Donnée de démonstration inconnue : {what}"));
    let (recipe_id, version, mut content): (i64, u32, RecipeContent) = tx
        .query_row(
            "SELECT r.id, r.current_version, v.content FROM recipes r
             JOIN recipe_versions v ON v.recipe_id = r.id AND v.version = r.current_version
             WHERE v.title = ?1",
            [&seed.recipe],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    parse_column(row, 2, |json| serde_json::from_str(json).ok())?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| missing(&seed.recipe))?;
    let recorded_by: i64 = tx
        .query_row(
            "SELECT id FROM accounts WHERE role IN ('animator', 'admin') ORDER BY id LIMIT 1",
            [],
            |row| row.get(0),
        )
        .optional()?
        .ok_or_else(|| missing("un compte d'animation"))?;
    let version = if content.schedule.is_validated() {
        version
    } else {
        content.schedule.validation = Some(seed.validation.clone());
        add_version(tx, recipe_id, &content, Some(recorded_by), now)?
    };
    let mut inputs = Vec::new();
    for (produce, grams) in &seed.inputs {
        let lot_id: i64 = tx
            .query_row(
                "SELECT id FROM lots WHERE produce = ?1 AND collected_grams IS NOT NULL
                 ORDER BY id LIMIT 1",
                [produce],
                |row| row.get(0),
            )
            .optional()?
            .ok_or_else(|| missing(produce))?;
        inputs.push(LotUse {
            lot_id,
            grams: *grams,
        });
    }
    let key = format!("seed-batch-{index:06}-key");
    let new = NewBatch {
        idempotency_key: key.clone(),
        recipe_id,
        recipe_version: version,
        workshop_id: None,
        made_on: seed.made_on,
        inputs,
        jars: seed.jars.clone(),
        process: seed.process.clone(),
        product_ph_hundredths: Some(seed.product_ph_hundredths),
        probe: Some(seed.probe.clone()),
        note: String::new(),
    };
    new.check().map_err(StorageError::Invalid)?;
    let id = record_new_batch(tx, &new, "seed", recorded_by, now)?;
    if let Some((centre, jars)) = &seed.stock {
        let centre_id: i64 = tx
            .query_row("SELECT id FROM centres WHERE name = ?1", [centre], |row| {
                row.get(0)
            })
            .optional()?
            .ok_or_else(|| missing(centre))?;
        let request = StockBatch {
            idempotency_key: format!("{key}-stock"),
            centre_id,
            jars: jars.clone(),
        };
        stock_jars(tx, &read_batch(tx, id)?, &request, "seed", recorded_by, now)?;
    }
    Ok(())
}

/// Records one step of a seed's wallet history, by the seed's first staff account.
fn insert_seed_ledger(
    tx: &Transaction<'_>,
    index: usize,
    step: &SeedLedger,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let missing = |what: &str| StorageError::NotFound(format!("seed ledger: unknown {what}"));
    let id_of = |sql: &str, name: &str, what: &str| -> Result<i64, StorageError> {
        tx.query_row(sql, [name], |row| row.get(0))
            .optional()?
            .ok_or_else(|| missing(what))
    };
    let member = |number: &str| {
        id_of(
            "SELECT id FROM accounts WHERE member_number = ?1",
            number,
            "member",
        )
    };
    let centre = |name: &str| id_of("SELECT id FROM centres WHERE name = ?1", name, "centre");
    let product = |recipe: &str, jar_ml: u32| -> Result<Product, StorageError> {
        let recipe_id = id_of(
            "SELECT recipe_id FROM recipe_versions WHERE title = ?1",
            recipe,
            "recipe",
        )?;
        let product = Product { recipe_id, jar_ml };
        check_product(tx, product)?;
        Ok(product)
    };
    let recorder: i64 = tx
        .query_row(
            "SELECT id FROM accounts WHERE role IN ('animator', 'admin') ORDER BY id LIMIT 1",
            [],
            |row| row.get(0),
        )
        .optional()?
        .ok_or_else(|| missing("staff account"))?;
    let key = format!("seed:{index}");
    let mut entry = NewEntry::new(
        EntryKind::StockReceived,
        &key,
        "",
        recorder,
        now - chrono::Duration::days(1),
    );
    let operation = match step {
        SeedLedger::Price {
            recipe,
            jar_ml,
            tictac,
        } => {
            let product = product(recipe, *jar_ml)?;
            tx.execute(
                "INSERT INTO jar_prices (recipe_id, jar_ml, tictac, set_at, set_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                (
                    product.recipe_id,
                    product.jar_ml,
                    tictac,
                    to_db_time(now),
                    recorder,
                ),
            )?;
            return Ok(());
        }
        SeedLedger::Attended {
            member: number,
            workshop,
            minutes,
        } => {
            let (workshop_id, ends_at): (i64, String) = tx
                .query_row(
                    "SELECT id, ends_at FROM workshops WHERE title = ?1 AND ends_at < ?2
                     ORDER BY starts_at LIMIT 1",
                    (workshop, to_db_time(now)),
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| missing("past workshop"))?;
            let account = member(number)?;
            tx.execute(
                "INSERT INTO signups (workshop_id, account_id, first_name, created_at, attended,
                                      volunteered_minutes)
                 SELECT ?1, id, display_name, ?2, 1, ?3 FROM accounts WHERE id = ?4",
                (workshop_id, &ends_at, minutes, account),
            )?;
            let ended = from_db_time(&ends_at).unwrap_or(now);
            return credit_attendance(tx, tx.last_insert_rowid(), *minutes, recorder, ended);
        }
        SeedLedger::Stock {
            centre: name,
            recipe,
            jar_ml,
            count,
        } => {
            entry.at = now - chrono::Duration::days(14);
            Operation::ReceiveStock {
                centre: centre(name)?,
                product: BatchProduct::new(product(recipe, *jar_ml)?, None),
                count: *count,
            }
        }
        SeedLedger::BuyJars {
            member: number,
            centre: name,
            recipe,
            jar_ml,
            count,
        } => {
            entry.kind = EntryKind::JarsForTicTac;
            let product = product(recipe, *jar_ml)?;
            Operation::BuyJars {
                participant: member(number)?,
                centre: centre(name)?,
                product: BatchProduct::new(product, None),
                count: *count,
                price_each: jar_price(tx, product)?.ok_or_else(|| missing("price"))?,
            }
        }
        SeedLedger::DepositJars {
            member: number,
            centre: name,
            recipe,
            jar_ml,
            count,
        } => {
            entry.kind = EntryKind::JarsOnDeposit;
            Operation::DepositJars {
                participant: member(number)?,
                centre: centre(name)?,
                product: BatchProduct::new(product(recipe, *jar_ml)?, None),
                count: *count,
                deposit_each: deposit_rate_on(tx, local_date(entry.at))?.cents,
            }
        }
    };
    entry.participant = operation.participant();
    entry.centre = operation.centre();
    record_checked(tx, &operation, &entry)?;
    Ok(())
}
