//! A bigger database for the load benchmark (`bocal-server bench-data`, run by `scripts/bench
//! load`): the demo data, then thousands of workshops, lots and recipes and 100 000 ledger
//! entries, as four busy years of the cannery would leave them. `--demo` never loads it.
//!
//! The ledger entries go through `Storage::record_operation`, the counter's own path (checks,
//! one transaction each), dated over the past two years.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::api::wallet::CounterOperation;
use crate::domain::ledger::Product;
use crate::domain::lot::LotStatus;
use crate::domain::Role;
use crate::server::demo::demo_seed;
use crate::server::storage::{Recorder, Seed, SeedAccount, Storage, StorageError};

/// How much of each; `Scale::default()` is what the benchmark measures.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub workshops: usize,
    pub lots: usize,
    pub recipes: usize,
    pub members: usize,
    pub ledger_entries: usize,
}

impl Default for Scale {
    fn default() -> Self {
        Scale {
            workshops: 3_000,
            lots: 3_000,
            recipes: 1_000,
            members: 200,
            ledger_entries: 100_000,
        }
    }
}

/// The first member number of the generated members (the demo's are 1000xx).
const FIRST_MEMBER_NUMBER: usize = 200_000;
/// Every generated member's password (`scripts/bench` logs in as 200000): benchmark data only.
const MEMBER_PASSWORD: &str = "banc-d-essai";

/// The demo seed, grown to `scale` (everything but the ledger).
fn bench_seed(today: NaiveDate, scale: Scale) -> Seed {
    let mut seed = demo_seed(today);

    // Workshops: the demo's stops again and again, from four years back to twelve weeks ahead
    // (a truck plans about that far): the calendar lists the upcoming ones, the rest is history.
    let demo_workshops = seed.workshops.clone();
    let (first_day, span_days) = (-4 * 365, 4 * 365 + 12 * 7);
    for index in 0..scale.workshops {
        let mut workshop = demo_workshops[index % demo_workshops.len()].clone();
        let shift = Duration::days(first_day + (index * span_days / scale.workshops) as i64);
        workshop.starts_at += shift;
        workshop.ends_at += shift;
        seed.workshops.push(workshop);
    }

    // Lots: the demo's published ones again, over three years. All but the last 2 % are over
    // (processed, collected, withdrawn or expired); those are on offer in the coming weeks.
    let published: Vec<_> = seed
        .lots
        .iter()
        .filter(|lot| lot.status == LotStatus::Published)
        .cloned()
        .collect();
    let on_offer = scale.lots / 50;
    for index in 0..scale.lots {
        let mut lot = published[index % published.len()].clone();
        let from = if index < scale.lots - on_offer {
            today - Duration::days(3 * 365 - (index * 3 * 365 / scale.lots) as i64)
        } else {
            today + Duration::days((index % 14) as i64)
        };
        lot.lot.available_from = from;
        lot.lot.available_until = from + Duration::days(7);
        if from < today {
            (lot.status, lot.collect_on, lot.collected_grams) = match index % 10 {
                0..=5 => (
                    LotStatus::Processed,
                    Some(from),
                    Some(lot.lot.quantity.total_grams() as u32),
                ),
                6 => (
                    LotStatus::Collected,
                    Some(from),
                    Some(lot.lot.quantity.total_grams() as u32),
                ),
                7 | 8 => (LotStatus::Withdrawn, None, None),
                _ => (LotStatus::Expired, None, None),
            };
        }
        seed.lots.push(lot);
    }

    // Recipes: the demo's, as numbered variants (titles stay unique).
    let demo_recipes = seed.recipes.clone();
    for index in 0..scale.recipes {
        let mut recipe = demo_recipes[index % demo_recipes.len()].clone();
        recipe.title = format!("{} (variante {})", recipe.title, index + 1);
        seed.recipes.push(recipe);
    }

    for index in 0..scale.members {
        seed.accounts.push(SeedAccount {
            role: Role::Participant,
            display_name: format!("Membre {}", index + 1),
            member_number: (FIRST_MEMBER_NUMBER + index).to_string(),
            phone: None,
            centre: Some(seed.centres[index % seed.centres.len()].name.clone()),
            farm: None,
            password: MEMBER_PASSWORD.into(),
        });
    }
    seed
}

/// Loads the bench data into an empty database: `bench_seed`, then the ledger.
pub async fn load(storage: &Storage, scale: Scale, now: DateTime<Utc>) -> Result<(), StorageError> {
    if !storage.is_empty()? {
        return Err(StorageError::conflict(
            None,
            "la base n'est pas vide : les données de banc d'essai vont dans une base neuve",
        ));
    }
    storage.insert_seed(
        &bench_seed(crate::domain::time::local_date(now), scale),
        now,
    )?;
    record_ledger(storage, scale, now).await
}

/// `scale.ledger_entries` counter operations, oldest first over the past two years: in every
/// ten, a centre receives 10 jars, members volunteer an hour six times, and buy a jar three
/// times at the cheapest price (so no balance or stock ever runs short).
async fn record_ledger(
    storage: &Storage,
    scale: Scale,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let (recorder, centres, members, product) = {
        let conn = storage.connection()?;
        let recorder: i64 = conn.query_row(
            "SELECT id FROM accounts WHERE role = 'admin' ORDER BY id LIMIT 1",
            [],
            |row| row.get(0),
        )?;
        let centres = conn
            .prepare("SELECT id FROM centres ORDER BY id")?
            .query_map([], |row| row.get(0))?
            .collect::<Result<Vec<i64>, _>>()?;
        let members = conn
            .prepare("SELECT id FROM accounts WHERE member_number >= ?1 ORDER BY id")?
            .query_map([FIRST_MEMBER_NUMBER.to_string()], |row| row.get(0))?
            .collect::<Result<Vec<i64>, _>>()?;
        let product = conn.query_row(
            "SELECT recipe_id, jar_ml FROM jar_prices ORDER BY tictac, recipe_id LIMIT 1",
            [],
            |row| {
                Ok(Product {
                    recipe_id: row.get(0)?,
                    jar_ml: row.get(1)?,
                })
            },
        )?;
        (recorder, centres, members, product)
    };
    let recorder = Recorder {
        account_id: recorder,
        is_admin: true,
    };
    let start = now - Duration::days(730);
    let step = Duration::days(730) / scale.ledger_entries.max(1) as i32;
    for index in 0..scale.ledger_entries {
        let centre_id = centres[index / 10 % centres.len()];
        let participant_id = members[index / 10 % members.len()];
        let operation = match index % 10 {
            0 => CounterOperation::ReceiveStock {
                centre_id,
                product,
                count: 10,
                note: String::new(),
            },
            1..=6 => CounterOperation::Volunteering {
                participant_id,
                centre_id,
                minutes: 60,
                note: "Tri des bocaux".into(),
            },
            _ => CounterOperation::BuyJars {
                participant_id,
                centre_id,
                product,
                count: 1,
                batch_id: None,
            },
        };
        let at = start + step * index as i32;
        storage
            .record_operation(
                format!("banc-d-essai-{index:08}"),
                String::new(),
                operation,
                recorder,
                at,
            )
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generator at a small scale goes through every rule of the app (seed checks, the
    /// counter's checks), so that `scripts/bench load` keeps working as the rules change.
    #[tokio::test(flavor = "multi_thread")]
    async fn bench_data_loads_through_the_apps_rules() {
        let folder = tempfile::tempdir().unwrap();
        let storage = Storage::open(&folder.path().join("bench.sqlite")).unwrap();
        let scale = Scale {
            workshops: 40,
            lots: 100,
            recipes: 5,
            members: 3,
            ledger_entries: 95,
        };
        // One instant for the load and the expectation: a midnight between them would change
        // the demo's day.
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 2, 9, 0, 0).unwrap();
        load(&storage, scale, now).await.unwrap();

        let count = |sql: &str| -> i64 {
            storage
                .connection()
                .unwrap()
                .query_row(sql, [], |row| row.get(0))
                .unwrap()
        };
        let demo = demo_seed(crate::domain::time::local_date(now));
        assert_eq!(
            count("SELECT count(*) FROM workshops"),
            (demo.workshops.len() + 40) as i64
        );
        // Two lots in a hundred are on offer, the rest is history.
        let demo_published = demo
            .lots
            .iter()
            .filter(|lot| lot.status == LotStatus::Published)
            .count();
        assert_eq!(
            count("SELECT count(*) FROM lots WHERE status = 'published'"),
            (demo_published + 2) as i64
        );
        assert_eq!(
            count(
                "SELECT count(*) FROM ledger_entries WHERE idempotency_key LIKE 'banc-d-essai-%'"
            ),
            95
        );
        // Every unit still sums to zero.
        assert_eq!(
            count(
                "SELECT count(*) FROM (SELECT 1 FROM ledger_postings
                 GROUP BY unit, recipe_id, jar_ml HAVING sum(amount) <> 0)"
            ),
            0
        );
        // A second load is refused: the database is not empty.
        assert!(load(&storage, scale, now).await.is_err());
    }
}
