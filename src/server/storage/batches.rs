//! Production batches: recorded from collected lots in one transaction (lot number, DDM,
//! process verdict), read back with their traceability both ways, and their conforming jars
//! sent to a centre's stock through the ledger.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction};

use super::audit;
use super::centres::check_open_centre;
use super::lots::record_processed;
use super::recipes::read_recipe;
use super::wallet::{receive_batch_jars, BatchJarsIn};
use super::{
    from_db_time, parse_column, replay_of, to_db_time, write_transaction, Storage, StorageError,
};
use crate::api::batches::{
    AvailableLot, Batch, BatchInput, BatchSummary, Disposition, JarCount, NewBatch, NewDisposition,
    ProbeUse, Recall, Recipient, StockBatch, StockedJars, MAX_BATCH_NOTE_CHARS,
};
use crate::api::wallet::MemberRef;
use crate::domain::batch::{assess, batch_number, best_before, check_lot_use, Assessment};
use crate::domain::ledger::Product;
use crate::domain::recipe::{LethalityReference, RecipeContent};
use crate::domain::time::local_date;
use crate::domain::validation::FieldError;

pub(super) fn invalid(field: &'static str, message: impl Into<String>) -> StorageError {
    StorageError::Invalid(FieldError::new(field, message))
}

fn batch_not_found() -> StorageError {
    StorageError::NotFound("Ce lot de fabrication n'existe pas.".into())
}

/// The recipe version a batch names; one that does not exist is a mistake in the request.
fn recipe_version(
    conn: &Connection,
    recipe_id: i64,
    version: u32,
) -> Result<RecipeContent, StorageError> {
    match read_recipe(conn, recipe_id, Some(version)) {
        Ok(recipe) => Ok(recipe.content),
        Err(StorageError::NotFound(_)) => {
            Err(invalid("recipe", "Cette version de recette n'existe pas."))
        }
        Err(error) => Err(error),
    }
}

/// Grams of a lot already taken by batches.
fn grams_used(conn: &Connection, lot_id: i64) -> Result<u32, StorageError> {
    Ok(conn.query_row(
        "SELECT coalesce(sum(grams), 0) FROM batch_inputs WHERE lot_id = ?1",
        [lot_id],
        |row| row.get(0),
    )?)
}

fn check_inputs(tx: &Transaction<'_>, new: &NewBatch) -> Result<(), StorageError> {
    for input in &new.inputs {
        let lot: Option<(String, Option<u32>)> = tx
            .query_row(
                "SELECT status, collected_grams FROM lots WHERE id = ?1",
                [input.lot_id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let collected = match lot {
            None => {
                return Err(invalid(
                    "inputs",
                    format!("Lot n° {} inconnu.", input.lot_id),
                ))
            }
            Some((status, Some(grams))) if status == "collected" || status == "processed" => grams,
            Some(_) => {
                return Err(invalid(
                    "inputs",
                    format!("Le lot n° {} n'a pas été collecté.", input.lot_id),
                ))
            }
        };
        check_lot_use(input.grams, collected, grams_used(tx, input.lot_id)?)
            .map_err(|message| invalid("inputs", format!("Lot n° {} : {message}", input.lot_id)))?;
    }
    Ok(())
}

fn insert_batch(
    tx: &Transaction<'_>,
    new: &NewBatch,
    request_hash: &str,
    recipe: &RecipeContent,
    assessment: &Assessment,
    recorded_by: i64,
    now: DateTime<Utc>,
) -> Result<i64, StorageError> {
    let rank: u32 = tx.query_row(
        "SELECT count(*) + 1 FROM batches WHERE made_on = ?1",
        [new.made_on],
        |row| row.get(0),
    )?;
    let number = batch_number(new.made_on, rank);
    tx.execute(
        "INSERT INTO batches (number, made_on, best_before, recipe_id, recipe_version,
             workshop_id, process, conforming, value_hundredths, target_hundredths, reasons,
             note, idempotency_key, request_hash, recorded_by, recorded_at,
             product_ph_hundredths, probe_name, probe_calibrated_on, probe_calibration_due,
             lethality_reference_tenths, lethality_z_tenths, lethality_source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?21, ?22, ?23)",
        rusqlite::params![
            number,
            new.made_on,
            best_before(new.made_on, recipe.shelf_life_months),
            new.recipe_id,
            new.recipe_version,
            new.workshop_id,
            serde_json::to_string(&new.process).expect("plain data serialises"),
            assessment.conforming,
            assessment.value_hundredths,
            assessment.target_hundredths,
            assessment.reasons.join("\n"),
            new.note.trim(),
            new.idempotency_key,
            request_hash,
            recorded_by,
            to_db_time(now),
            new.product_ph_hundredths,
            new.probe.as_ref().map(|probe| probe.name.trim()),
            new.probe.as_ref().map(|probe| probe.calibrated_on),
            new.probe.as_ref().map(|probe| probe.calibration_due),
            assessment.reference.as_ref().map(|r| r.reference_tenths),
            assessment.reference.as_ref().map(|r| r.z_tenths),
            assessment.reference.as_ref().map(|r| r.source.as_str()),
        ],
    )?;
    let batch_id = tx.last_insert_rowid();
    for input in &new.inputs {
        tx.execute(
            "INSERT INTO batch_inputs (batch_id, lot_id, grams) VALUES (?1, ?2, ?3)",
            (batch_id, input.lot_id, input.grams),
        )?;
        record_processed(
            tx,
            input.lot_id,
            recorded_by,
            &format!("Transformé : lot de fabrication {number}"),
            now,
        )?;
    }
    for count in new.jars.iter().filter(|count| count.jars > 0) {
        tx.execute(
            "INSERT INTO batch_jars (batch_id, jar_ml, jars) VALUES (?1, ?2, ?3)",
            (batch_id, count.jar_ml, count.jars),
        )?;
    }
    Ok(batch_id)
}

/// Checks `new` against the records and writes it, in the caller's transaction.
pub(super) fn record_new_batch(
    tx: &Transaction<'_>,
    new: &NewBatch,
    request_hash: &str,
    recorded_by: i64,
    now: DateTime<Utc>,
) -> Result<i64, StorageError> {
    let recipe = recipe_version(tx, new.recipe_id, new.recipe_version)?;
    if !recipe.schedule.is_validated() {
        return Err(invalid(
            "recipe",
            "Le barème de cette version n'est pas validé : elle ne peut pas servir à \
             produire.",
        ));
    }
    let sizes = new.sizes_made();
    if let Some(size) = sizes
        .iter()
        .find(|size| !recipe.jar_sizes_ml.contains(size))
    {
        return Err(invalid(
            "jars",
            format!("Cette recette ne se fait pas en bocaux de {size} ml."),
        ));
    }
    if new.made_on > local_date(now) {
        return Err(invalid(
            "made_on",
            "La date de fabrication ne peut pas être dans le futur.",
        ));
    }
    if let Some(workshop_id) = new.workshop_id {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM workshops WHERE id = ?1)",
            [workshop_id],
            |row| row.get(0),
        )?;
        if !exists {
            return Err(invalid("workshop", "Cet atelier n'existe pas."));
        }
    }
    check_inputs(tx, new)?;
    let assessment = assess(
        &recipe.schedule,
        &sizes,
        &new.process,
        new.product_ph_hundredths,
    );
    insert_batch(
        tx,
        new,
        request_hash,
        &recipe,
        &assessment,
        recorded_by,
        now,
    )
}

/// Checks and records conforming jars of `batch` entering a centre's stock, in the caller's
/// transaction.
pub(super) fn stock_jars(
    tx: &Transaction<'_>,
    batch: &Batch,
    request: &StockBatch,
    request_hash: &str,
    recorded_by: i64,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    if !batch.assessment.conforming {
        return Err(StorageError::conflict(
            None,
            "Lot non conforme : ses bocaux ne peuvent ni entrer en stock ni être remis.",
        ));
    }
    if batch.recall.is_some() {
        return Err(StorageError::conflict(
            None,
            "Lot rappelé : ses bocaux ne peuvent plus entrer en stock.",
        ));
    }
    let counts: Vec<&JarCount> = request.jars.iter().filter(|count| count.jars > 0).collect();
    if counts.is_empty() {
        return Err(invalid(
            "jars",
            "Indiquez combien de bocaux entrent en stock.",
        ));
    }
    for count in &counts {
        let left = batch.jars_left(count.jar_ml);
        if count.jars > left {
            return Err(StorageError::conflict(
                Some("jars"),
                format!(
                    "Il reste {left} bocal(aux) de {} ml de ce lot à mettre en stock.",
                    count.jar_ml
                ),
            ));
        }
    }
    let centre_exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM centres WHERE id = ?1)",
        [request.centre_id],
        |row| row.get(0),
    )?;
    if !centre_exists {
        return Err(invalid("centre", "Ce centre n'existe pas."));
    }
    check_open_centre(tx, request.centre_id)?;
    let note = format!("Lot de fabrication {}", batch.number);
    for count in counts {
        let key = format!("{}:{}", request.idempotency_key, count.jar_ml);
        let jars = BatchJarsIn {
            key: &key,
            request_hash,
            batch_id: batch.id,
            note: &note,
            centre_id: request.centre_id,
            product: Product {
                recipe_id: batch.recipe_id,
                jar_ml: count.jar_ml,
            },
            count: i64::from(count.jars),
            recorded_by,
        };
        receive_batch_jars(tx, jars, now)?;
    }
    Ok(())
}

pub(super) fn read_batch(conn: &Connection, id: i64) -> Result<Batch, StorageError> {
    let mut batch = conn
        .query_row(
            "SELECT b.id, b.number, b.made_on, b.best_before, b.recipe_id, b.recipe_version,
                    v.title, b.workshop_id, w.title || ', ' || pl.name, b.process, b.conforming,
                    b.value_hundredths, b.target_hundredths, b.reasons,
                    a.display_name, b.recorded_at, b.note, b.product_ph_hundredths,
                    b.probe_name, b.probe_calibrated_on, b.probe_calibration_due,
                    b.lethality_reference_tenths, b.lethality_z_tenths, b.lethality_source
             FROM batches b
             JOIN recipe_versions v ON v.recipe_id = b.recipe_id AND v.version = b.recipe_version
             JOIN accounts a ON a.id = b.recorded_by
             LEFT JOIN workshops w ON w.id = b.workshop_id
             LEFT JOIN places pl ON pl.id = w.place_id
             WHERE b.id = ?1",
            [id],
            |row| {
                let reasons: String = row.get(13)?;
                Ok(Batch {
                    id: row.get(0)?,
                    number: row.get(1)?,
                    made_on: row.get(2)?,
                    best_before: row.get(3)?,
                    recipe_id: row.get(4)?,
                    recipe_version: row.get(5)?,
                    recipe_title: row.get(6)?,
                    workshop_id: row.get(7)?,
                    workshop_label: row.get(8)?,
                    process: parse_column(row, 9, |json| serde_json::from_str(json).ok())?,
                    assessment: Assessment {
                        conforming: row.get(10)?,
                        value_hundredths: row.get(11)?,
                        target_hundredths: row.get(12)?,
                        reasons: reasons
                            .lines()
                            .filter(|line| !line.is_empty())
                            .map(str::to_string)
                            .collect(),
                        reference: match (row.get(21)?, row.get(22)?, row.get(23)?) {
                            (Some(reference_tenths), Some(z_tenths), Some(source)) => {
                                Some(LethalityReference {
                                    reference_tenths,
                                    z_tenths,
                                    source,
                                })
                            }
                            _ => None,
                        },
                    },
                    recorded_by: row.get(14)?,
                    recorded_at: parse_column(row, 15, from_db_time)?,
                    note: row.get(16)?,
                    product_ph_hundredths: row.get(17)?,
                    probe: match (row.get(18)?, row.get(19)?, row.get(20)?) {
                        (Some(name), Some(calibrated_on), Some(calibration_due)) => {
                            Some(ProbeUse {
                                name,
                                calibrated_on,
                                calibration_due,
                            })
                        }
                        _ => None,
                    },
                    disposition: None,
                    inputs: Vec::new(),
                    jars: Vec::new(),
                    stocked: Vec::new(),
                    recipients: Vec::new(),
                    recall: None,
                })
            },
        )
        .optional()?
        .ok_or_else(batch_not_found)?;
    batch.disposition = conn
        .prepare_cached(
            "SELECT d.reprocessed_as, r.number, d.note, a.display_name, d.recorded_at
             FROM batch_dispositions d
             JOIN accounts a ON a.id = d.recorded_by
             LEFT JOIN batches r ON r.id = d.reprocessed_as
             WHERE d.batch_id = ?1",
        )?
        .query_row([id], |row| {
            let reprocessed_as: Option<i64> = row.get(0)?;
            let number: Option<String> = row.get(1)?;
            Ok(Disposition {
                reprocessed_as: reprocessed_as.zip(number),
                note: row.get(2)?,
                recorded_by: row.get(3)?,
                recorded_at: parse_column(row, 4, from_db_time)?,
            })
        })
        .optional()?;

    let mut statement = conn.prepare_cached(
        "SELECT l.id, l.produce, l.variety, p.farm_name, p.commune, p.phone, l.collected_at,
                i.grams
         FROM batch_inputs i
         JOIN lots l ON l.id = i.lot_id
         JOIN producers p ON p.id = l.producer_id
         WHERE i.batch_id = ?1
         ORDER BY i.grams DESC",
    )?;
    batch.inputs = statement
        .query_map([id], |row| {
            let collected_at: Option<String> = row.get(6)?;
            Ok(BatchInput {
                lot_id: row.get(0)?,
                produce: row.get(1)?,
                variety: row.get(2)?,
                farm_name: row.get(3)?,
                farm_commune: row.get(4)?,
                farm_phone: Some(row.get::<_, String>(5)?).filter(|phone| !phone.is_empty()),
                collected_on: collected_at
                    .as_deref()
                    .and_then(from_db_time)
                    .map(local_date),
                grams: row.get(7)?,
            })
        })?
        .collect::<Result<_, _>>()?;

    let mut statement = conn.prepare_cached(
        "SELECT jar_ml, jars FROM batch_jars WHERE batch_id = ?1 ORDER BY jar_ml",
    )?;
    batch.jars = statement
        .query_map([id], |row| {
            Ok(JarCount {
                jar_ml: row.get(0)?,
                jars: row.get(1)?,
            })
        })?
        .collect::<Result<_, _>>()?;

    // Stock entries of this batch that were not undone.
    let mut statement = conn.prepare_cached(
        "SELECT e.centre_id, c.name, x.jar_ml, x.amount, e.at
         FROM ledger_entries e
         JOIN ledger_postings x ON x.entry_id = e.id AND x.book = 'centre' AND x.unit = 'jars'
         JOIN centres c ON c.id = e.centre_id
         WHERE e.batch_id = ?1
           AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_id = e.id)
         ORDER BY e.id",
    )?;
    batch.stocked = statement
        .query_map([id], |row| {
            Ok(StockedJars {
                centre_id: row.get(0)?,
                centre_name: row.get(1)?,
                jar_ml: row.get(2)?,
                jars: row.get(3)?,
                at: parse_column(row, 4, from_db_time)?,
            })
        })?
        .collect::<Result<_, _>>()?;

    // Exactly who received jars of this batch: the ledger counts jars by batch, and a
    // reversal's negated postings take back what it undid.
    let mut statement = conn.prepare_cached(
        "SELECT a.id, a.display_name, a.member_number, a.phone, a.email,
                (SELECT group_concat(c.name, ', ') FROM centres c
                 WHERE c.id IN (SELECT e2.centre_id FROM ledger_postings x2
                                JOIN ledger_entries e2 ON e2.id = x2.entry_id
                                WHERE x2.batch_id = x.batch_id AND x2.book = 'participant'
                                  AND x2.book_id = a.id AND x2.jar_ml = x.jar_ml)),
                x.jar_ml, sum(x.amount), max(e.at),
                (SELECT coalesce(sum(r.jars), 0) FROM recall_returns r
                 WHERE r.batch_id = x.batch_id AND r.participant_id = a.id
                   AND r.jar_ml = x.jar_ml)
         FROM ledger_postings x
         JOIN ledger_entries e ON e.id = x.entry_id
         JOIN accounts a ON a.id = x.book_id
         WHERE x.batch_id = ?1 AND x.book = 'participant' AND x.unit = 'jars'
         GROUP BY a.id, x.jar_ml
         HAVING sum(x.amount) > 0
         ORDER BY a.display_name COLLATE NOCASE, x.jar_ml",
    )?;
    batch.recipients = statement
        .query_map([id], |row| {
            Ok(Recipient {
                member: MemberRef {
                    account_id: row.get(0)?,
                    display_name: row.get(1)?,
                    member_number: row.get(2)?,
                },
                phone: row.get(3)?,
                email: row.get(4)?,
                centre_name: row.get(5)?,
                jar_ml: row.get(6)?,
                jars: row.get(7)?,
                last_at: parse_column(row, 8, from_db_time)?,
                returned: row.get(9)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    batch.recall = read_recall(conn, id)?;
    Ok(batch)
}

/// A batch's recall, if it was recalled (`recalls` writes it).
fn read_recall(conn: &Connection, batch_id: i64) -> Result<Option<Recall>, StorageError> {
    Ok(conn
        .prepare_cached(
            "SELECT r.reason, a.display_name, r.recorded_at,
                    (SELECT count(*) FROM messages m WHERE m.event = 'recall:' || r.batch_id)
             FROM batch_recalls r JOIN accounts a ON a.id = r.recorded_by
             WHERE r.batch_id = ?1",
        )?
        .query_row([batch_id], |row| {
            Ok(Recall {
                reason: row.get(0)?,
                recorded_by: row.get(1)?,
                recorded_at: parse_column(row, 2, from_db_time)?,
                messages: row.get(3)?,
            })
        })
        .optional()?)
}

impl Storage {
    /// Collected lots with kilos no batch has used yet, the most recent first.
    pub async fn available_lots(&self) -> Result<Vec<AvailableLot>, StorageError> {
        self.with_connection(|conn| {
            let mut statement = conn.prepare_cached(
                "SELECT l.id, l.produce, l.variety, p.farm_name, l.collected_at, l.workshop_id,
                        l.collected_grams - coalesce(
                            (SELECT sum(i.grams) FROM batch_inputs i WHERE i.lot_id = l.id), 0)
                            AS grams_left
                 FROM lots l
                 JOIN producers p ON p.id = l.producer_id
                 WHERE l.status IN ('collected', 'processed') AND l.collected_grams IS NOT NULL
                   AND grams_left > 0
                 ORDER BY l.collected_at DESC
                 LIMIT 200",
            )?;
            let lots = statement
                .query_map([], |row| {
                    Ok(AvailableLot {
                        lot_id: row.get(0)?,
                        produce: row.get(1)?,
                        variety: row.get(2)?,
                        farm_name: row.get(3)?,
                        collected_on: parse_column(row, 4, |text| {
                            from_db_time(text).map(local_date)
                        })?,
                        workshop_id: row.get(5)?,
                        grams_left: row.get(6)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            Ok(lots)
        })
        .await
    }

    /// Records a batch, or returns the one a first request with the same key recorded
    /// (`false`: nothing new was written). A non-conforming batch is recorded too, marked so:
    /// what was made must be on file even when it may not be handed out.
    pub async fn record_batch(
        &self,
        new: NewBatch,
        request_hash: String,
        recorded_by: i64,
        now: DateTime<Utc>,
    ) -> Result<(bool, Batch), StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let lookup = "SELECT id, request_hash FROM batches WHERE idempotency_key = ?1";
            if let Some(id) = replay_of(&tx, lookup, &new.idempotency_key, &request_hash)? {
                return Ok((false, read_batch(&tx, id)?));
            }
            let id = record_new_batch(&tx, &new, &request_hash, recorded_by, now)?;
            let batch = read_batch(&tx, id)?;
            tx.commit()?;
            Ok((true, batch))
        })
        .await
    }

    pub async fn batch(&self, id: i64) -> Result<Batch, StorageError> {
        self.with_connection(move |conn| read_batch(conn, id)).await
    }

    /// The latest batches, or those a farm's lot went into.
    pub async fn batches(&self, lot_id: Option<i64>) -> Result<Vec<BatchSummary>, StorageError> {
        self.with_connection(move |conn| {
            let mut statement = conn.prepare_cached(
                "SELECT b.id, b.number, b.made_on, v.title,
                        (SELECT coalesce(sum(j.jars), 0) FROM batch_jars j WHERE j.batch_id = b.id),
                        b.conforming
                 FROM batches b
                 JOIN recipe_versions v ON v.recipe_id = b.recipe_id AND v.version = b.recipe_version
                 WHERE ?1 IS NULL
                    OR b.id IN (SELECT i.batch_id FROM batch_inputs i WHERE i.lot_id = ?1)
                 ORDER BY b.number DESC
                 LIMIT 200",
            )?;
            let batches = statement
                .query_map([lot_id], |row| {
                    Ok(BatchSummary {
                        id: row.get(0)?,
                        number: row.get(1)?,
                        made_on: row.get(2)?,
                        recipe_title: row.get(3)?,
                        jars: row.get(4)?,
                        conforming: row.get(5)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            Ok(batches)
        })
        .await
    }

    /// Records what became of a non-conforming batch's jars, once, audited.
    pub async fn record_disposition(
        &self,
        batch_id: i64,
        disposition: NewDisposition,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Batch, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let batch = read_batch(&tx, batch_id)?;
            if batch.assessment.conforming {
                return Err(StorageError::conflict(
                    None,
                    "Ce lot est conforme : ses bocaux vont en stock.",
                ));
            }
            if batch.disposition.is_some() {
                return Err(StorageError::conflict(
                    None,
                    "Le devenir de ce lot est déjà enregistré.",
                ));
            }
            let (kind, reprocessed_as, note) = match &disposition {
                NewDisposition::Destroyed { note } => ("destroyed", None, note),
                NewDisposition::Reprocessed { batch_number, note } => {
                    let number = batch_number.trim();
                    let id: i64 = tx
                        .query_row("SELECT id FROM batches WHERE number = ?1", [number], |row| {
                            row.get(0)
                        })
                        .optional()?
                        .ok_or_else(|| {
                            StorageError::Invalid(FieldError::new(
                                "batch_number",
                                format!("Aucun lot de fabrication ne porte le numéro « {number} »."),
                            ))
                        })?;
                    if id == batch_id {
                        return Err(StorageError::Invalid(FieldError::new(
                            "batch_number",
                            "Indiquez le lot dans lequel ces bocaux ont été retraités, pas celui-ci.",
                        )));
                    }
                    ("reprocessed", Some(id), note)
                }
            };
            let note = note.trim();
            if note.chars().count() > MAX_BATCH_NOTE_CHARS {
                return Err(StorageError::Invalid(FieldError::new(
                    "note",
                    format!("{MAX_BATCH_NOTE_CHARS} caractères au plus."),
                )));
            }
            tx.execute(
                "INSERT INTO batch_dispositions (batch_id, kind, reprocessed_as, note, recorded_by,
                                                 recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                (batch_id, kind, reprocessed_as, note, actor_id, to_db_time(now)),
            )?;
            let subject = format!("lot de fabrication {}", batch.number);
            audit(&tx, actor_id, "devenir d'un lot non conforme", &subject, kind, now)?;
            let batch = read_batch(&tx, batch_id)?;
            tx.commit()?;
            Ok(batch)
        })
        .await
    }

    /// Sends conforming jars of a batch to a centre's stock: one ledger entry per jar size, all
    /// in one transaction. A replay of the same key changes nothing.
    pub async fn stock_batch(
        &self,
        batch_id: i64,
        request: StockBatch,
        request_hash: String,
        recorded_by: i64,
        now: DateTime<Utc>,
    ) -> Result<(bool, Batch), StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let batch = read_batch(&tx, batch_id)?;
            // One entry per jar size, keyed "<key>:<jar ml>": any of them tells a replay.
            let lookup = "SELECT id, request_hash FROM ledger_entries
                          WHERE idempotency_key > ?1 || ':' AND idempotency_key < ?1 || ';'
                          LIMIT 1";
            if replay_of(&tx, lookup, &request.idempotency_key, &request_hash)?.is_some() {
                return Ok((false, batch));
            }
            stock_jars(&tx, &batch, &request, &request_hash, recorded_by, now)?;
            let batch = read_batch(&tx, batch_id)?;
            tx.commit()?;
            Ok((true, batch))
        })
        .await
    }
}
