//! The marketplace: lots, their lifecycle and history, photos, and the figures made of them.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, ToSql};

use super::messages::tell_farm;
use super::produce::offered_produce;
use super::{
    from_db_time, parse_column, replay_of, to_db_time, write_transaction, IdempotencyKey, Storage,
    StorageError,
};
use crate::api::lots::{Farm, LotDraft, MAX_PHOTOS_PER_LOT};
use crate::api::lots::{
    FarmContact, Lot, LotAction, LotEvent, ProduceTotal, Reservation, WorkshopRef,
};
use crate::domain::account::normalise_phone;
use crate::domain::lot::{format_kilos, Grade, LotStatus, Price, Quantity, MAX_LOT_GRAMS};
use crate::domain::notify::{Channel, FarmNews};

use crate::domain::validation::FieldError;
use crate::domain::when::date_phrase;
use crate::domain::Lang;

/// A farmer's account and farm.
#[derive(Clone, Copy, Debug)]
pub struct Farmer {
    pub account_id: i64,
    pub producer_id: i64,
}

/// Who moves a lot along its lifecycle (the route has checked they may).
#[derive(Clone, Copy, Debug)]
pub struct LotActor {
    pub account_id: i64,
    pub is_staff: bool,
}

/// A photo as stored, with who may see it.
pub struct StoredPhoto {
    pub jpeg: Vec<u8>,
    /// The account that uploaded it (the farmer).
    pub account_id: i64,
}

/// Unattached photos kept per account, so an abandoned form cannot fill the disk.
const MAX_PENDING_PHOTOS: i64 = 12;

/// Whether lot `l` has an event its farmer has not seen, made by someone else (the team, or
/// the window passing). A macro, so that `concat!` can put it in the statements below.
macro_rules! changed_since_seen {
    () => {
        "EXISTS (SELECT 1 FROM lot_events e
                 WHERE e.lot_id = l.id AND e.id > l.owner_seen_event_id
                   AND (e.actor_id IS NULL OR e.actor_id NOT IN
                        (SELECT a.id FROM accounts a WHERE a.producer_id = l.producer_id)))"
    };
}

const LOT_SELECT: &str = concat!(
    "
    SELECT l.id, l.produce, l.variety, l.grams, l.crate_count, l.crate_grams, l.grade,
           l.pickup_address, l.pickup_commune, l.available_from, l.available_until,
           l.price_cents_per_kg, l.note, l.status, l.collect_on, l.workshop_id, w.title,
           r.display_name, l.collected_grams, l.producer_id, p.farm_name, p.contact_name,
           p.phone,
           ",
    changed_since_seen!(),
    "
    FROM lots l
    JOIN producers p ON p.id = l.producer_id
    LEFT JOIN workshops w ON w.id = l.workshop_id
    LEFT JOIN accounts r ON r.id = l.reserved_by"
);

fn lot_from_row(row: &Row<'_>) -> rusqlite::Result<Lot> {
    let grams: u32 = row.get(3)?;
    let quantity = match (row.get::<_, Option<u32>>(4)?, row.get::<_, Option<u32>>(5)?) {
        (Some(count), Some(grams_each)) => Quantity::Crates { count, grams_each },
        _ => Quantity::Grams { grams },
    };
    let price = match row.get::<_, Option<u32>>(11)? {
        Some(cents) => Price::PerKg { cents },
        None => Price::Gift,
    };
    let collect_on: Option<NaiveDate> = row.get(14)?;
    let workshop = match row.get::<_, Option<i64>>(15)? {
        Some(id) => Some(WorkshopRef {
            id,
            title: row.get(16)?,
        }),
        None => None,
    };
    Ok(Lot {
        id: row.get(0)?,
        produce: row.get(1)?,
        variety: row.get(2)?,
        quantity,
        grade: parse_column(row, 6, Grade::from_code)?,
        pickup_address: row.get(7)?,
        pickup_commune: row.get(8)?,
        available_from: row.get(9)?,
        available_until: row.get(10)?,
        price,
        note: row.get(12)?,
        status: parse_column(row, 13, LotStatus::from_code)?,
        photo_ids: Vec::new(),
        reservation: collect_on.map(|collect_on| Reservation {
            collect_on,
            workshop,
            by: row
                .get::<_, Option<String>>(17)
                .ok()
                .flatten()
                .unwrap_or_default(),
        }),
        collected_grams: row.get(18)?,
        history: Vec::new(),
        changed_since_seen: row.get(23)?,
        farm: Some(FarmContact {
            producer_id: row.get(19)?,
            farm_name: row.get(20)?,
            contact_name: row.get(21)?,
            phone: {
                let phone: String = row.get(22)?;
                normalise_phone(&phone).unwrap_or(phone)
            },
        }),
    })
}

/// Lots matching `condition` (SQL on `l`), with their photos and, if asked, their history.
pub(super) fn select_lots(
    conn: &Connection,
    condition: &str,
    params: impl rusqlite::Params,
    with_history: bool,
) -> Result<Vec<Lot>, StorageError> {
    let mut statement = conn.prepare_cached(&format!("{LOT_SELECT} {condition}"))?;
    let mut lots = statement
        .query_map(params, lot_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    for lot in &mut lots {
        lot.photo_ids = photo_ids(conn, lot.id)?;
        if with_history {
            lot.history = history(conn, lot.id)?;
        }
    }
    Ok(lots)
}

pub(super) fn select_farm(conn: &Connection, producer_id: i64) -> Result<Farm, StorageError> {
    let produce = offered_produce(conn)?;
    Ok(conn.query_row(
        "SELECT farm_name, address, commune, notify_by FROM producers WHERE id = ?1",
        [producer_id],
        |row| {
            Ok(Farm {
                farm_name: row.get(0)?,
                address: row.get(1)?,
                commune: row.get(2)?,
                notify_by: row
                    .get::<_, Option<String>>(3)?
                    .as_deref()
                    .and_then(Channel::parse),
                produce,
            })
        },
    )?)
}

fn select_lot(conn: &Connection, id: i64) -> Result<Lot, StorageError> {
    select_lots(conn, "WHERE l.id = ?1", [id], true)?
        .pop()
        .ok_or_else(lot_not_found)
}

fn lot_not_found() -> StorageError {
    StorageError::NotFound("Ce lot n'existe pas.".into())
}

fn photo_ids(conn: &Connection, lot_id: i64) -> Result<Vec<i64>, StorageError> {
    let mut statement =
        conn.prepare_cached("SELECT id FROM lot_photos WHERE lot_id = ?1 ORDER BY position")?;
    let ids = statement.query_map([lot_id], |row| row.get(0))?;
    Ok(ids.collect::<Result<Vec<_>, _>>()?)
}

fn history(conn: &Connection, lot_id: i64) -> Result<Vec<LotEvent>, StorageError> {
    let mut statement = conn.prepare_cached(
        "SELECT at, status, detail FROM lot_events WHERE lot_id = ?1 ORDER BY id",
    )?;
    let events = statement.query_map([lot_id], |row| {
        Ok(LotEvent {
            at: parse_column(row, 0, from_db_time)?,
            status: parse_column(row, 1, LotStatus::from_code)?,
            detail: row.get(2)?,
        })
    })?;
    Ok(events.collect::<Result<Vec<_>, _>>()?)
}

pub(super) fn record_event(
    conn: &Connection,
    lot_id: i64,
    actor_id: Option<i64>,
    status: LotStatus,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    conn.prepare_cached(
        "INSERT INTO lot_events (lot_id, at, actor_id, status, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute((lot_id, to_db_time(now), actor_id, status.code(), detail))?;
    Ok(())
}

/// Kilos collected between two instants, per produce, heaviest first.
pub(super) fn rescued_by_produce(
    conn: &Connection,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<ProduceTotal>, StorageError> {
    let mut statement = conn.prepare_cached(
        "SELECT produce, collected_grams FROM lots
         WHERE collected_at >= ?1 AND collected_at < ?2
           AND collected_grams IS NOT NULL",
    )?;
    let rows = statement.query_map((to_db_time(from), to_db_time(until)), |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, u32>(1)?))
    })?;
    let mut totals = crate::api::lots::ProduceTotals::default();
    for row in rows {
        let (produce, grams) = row?;
        totals.add(&produce, u64::from(grams));
    }
    Ok(totals.heaviest_first())
}

/// A collected lot used in a production batch becomes processed; each use is in its history
/// (the farmer sees where their produce went).
pub(super) fn record_processed(
    conn: &Connection,
    lot_id: i64,
    actor_id: i64,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    conn.execute(
        "UPDATE lots SET status = 'processed' WHERE id = ?1 AND status = 'collected'",
        [lot_id],
    )?;
    record_event(
        conn,
        lot_id,
        Some(actor_id),
        LotStatus::Processed,
        detail,
        now,
    )
}

/// Lots still published after their window's last day become expired. Done when lots are
/// read, so no timer is needed; one write transaction, only when there is something to do.
fn expire_passed_lots(
    conn: &mut Connection,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let passed = "status = 'published' AND available_until < ?1";
    let any: bool = conn.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM lots WHERE {passed})"),
        [today],
        |row| row.get(0),
    )?;
    if !any {
        return Ok(());
    }
    let tx = write_transaction(conn)?;
    tx.execute(
        &format!(
            "INSERT INTO lot_events (lot_id, at, actor_id, status, detail)
             SELECT id, ?2, NULL, 'expired', 'Période de retrait passée sans réservation.'
             FROM lots WHERE {passed}"
        ),
        (today, to_db_time(now)),
    )?;
    tx.execute(
        &format!("UPDATE lots SET status = 'expired' WHERE {passed}"),
        [today],
    )?;
    tx.commit()?;
    Ok(())
}

/// Attaches the farmer's uploaded photos to a lot, in the given order, and deletes the ones
/// the lot no longer shows.
fn attach_photos(
    conn: &Connection,
    lot_id: i64,
    account_id: i64,
    photo_ids: &[i64],
) -> Result<(), StorageError> {
    if photo_ids.len() > MAX_PHOTOS_PER_LOT {
        return Err(StorageError::Invalid(FieldError::new(
            "photos",
            format!("{MAX_PHOTOS_PER_LOT} photos au plus par lot."),
        )));
    }
    let kept = serde_json::to_string(photo_ids).expect("ids serialise");
    conn.execute(
        "DELETE FROM lot_photos
         WHERE lot_id = ?1 AND id NOT IN (SELECT value FROM json_each(?2))",
        (lot_id, &kept),
    )?;
    for (position, photo_id) in photo_ids.iter().enumerate() {
        let attached = conn.execute(
            "UPDATE lot_photos SET lot_id = ?1, position = ?2
             WHERE id = ?3 AND account_id = ?4 AND (lot_id IS NULL OR lot_id = ?1)",
            (lot_id, position as i64, photo_id, account_id),
        )?;
        if attached == 0 {
            return Err(StorageError::Invalid(FieldError::new(
                "photos",
                "Une des photos n'a pas été trouvée : reprenez-la.",
            )));
        }
    }
    Ok(())
}

impl Storage {
    /// Publishes a new lot (checked by `LotDraft::checked`): the lot, its photos, its first
    /// event, and the farm's address if asked; all of it or nothing. Under a key already used
    /// for the same request, returns that lot as it is now (`false`: nothing new written).
    pub async fn create_lot(
        &self,
        farmer: Farmer,
        lot: LotDraft,
        key: Option<IdempotencyKey>,
        now: DateTime<Utc>,
    ) -> Result<(bool, Lot), StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            if let Some(key) = &key {
                let lookup = "SELECT id, request_hash FROM lots WHERE idempotency_key = ?1";
                if let Some(id) = replay_of(&tx, lookup, &key.key, &key.request_hash)? {
                    return Ok((false, select_lot(&tx, id)?));
                }
            }
            execute_with_draft(
                &tx,
                &format!(
                    "INSERT INTO lots (producer_id, {DRAFT_COLUMNS}, status, created_at,
                                       idempotency_key, request_hash)
                     VALUES (:producer_id, {DRAFT_VALUES}, 'published', :now, :key, :hash)"
                ),
                &lot,
                &[
                    (":producer_id", &farmer.producer_id),
                    (":now", &to_db_time(now)),
                    (":key", &key.as_ref().map(|key| &key.key)),
                    (":hash", &key.as_ref().map(|key| &key.request_hash)),
                ],
            )?;
            let id = tx.last_insert_rowid();
            let saved = finish_farmer_save(&tx, id, farmer, &lot, "Lot proposé.", now)?;
            tx.commit()?;
            Ok((true, saved))
        })
        .await
    }

    /// Changes a lot its farmer still may change (published only).
    pub async fn update_lot(
        &self,
        id: i64,
        farmer: Farmer,
        lot: LotDraft,
        now: DateTime<Utc>,
    ) -> Result<Lot, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let status = tx
                .query_row(
                    "SELECT status FROM lots WHERE id = ?1 AND producer_id = ?2",
                    (id, farmer.producer_id),
                    |row| parse_column(row, 0, LotStatus::from_code),
                )
                .optional()?
                .ok_or_else(lot_not_found)?;
            if !status.is_editable() {
                return Err(StorageError::conflict(
                    None,
                    format!(
                        "Ce lot est {} : il ne peut plus être modifié. Appelez l'équipe pour \
                         tout changement.",
                        status.label_fr()
                    ),
                ));
            }
            execute_with_draft(
                &tx,
                &format!("UPDATE lots SET ({DRAFT_COLUMNS}) = ({DRAFT_VALUES}) WHERE id = :id"),
                &lot,
                &[(":id", &id)],
            )?;
            let saved = finish_farmer_save(&tx, id, farmer, &lot, "Lot modifié.", now)?;
            tx.commit()?;
            Ok(saved)
        })
        .await
    }

    /// The farm that posted a lot, to check who may act on it.
    pub async fn lot_producer(&self, id: i64) -> Result<i64, StorageError> {
        self.with_connection(move |conn| {
            conn.query_row("SELECT producer_id FROM lots WHERE id = ?1", [id], |row| {
                row.get(0)
            })
            .optional()?
            .ok_or_else(lot_not_found)
        })
        .await
    }

    /// One step of a lot's lifecycle. The status is read and changed in one write
    /// transaction: of two animators reserving the same lot at once, the second finds it
    /// reserved and gets a conflict that says by whom.
    pub async fn act_on_lot(
        &self,
        id: i64,
        action: LotAction,
        actor: LotActor,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Lot, StorageError> {
        self.with_connection(move |conn| {
            expire_passed_lots(conn, today, now)?;
            let tx = write_transaction(conn)?;
            let lot = select_lot(&tx, id)?;
            let target = action.target();
            // Withdrawing a withdrawn lot changes nothing: a phone that sends it again (its
            // outbox, after a lost answer) gets the lot as it is.
            if action == LotAction::Withdraw && lot.status == LotStatus::Withdrawn {
                return Ok(lot);
            }
            if !lot.status.can_become(target) {
                return Err(refusal(&lot, target));
            }
            let detail = match &action {
                LotAction::Reserve {
                    collect_on,
                    workshop_id,
                } => {
                    let collect_on = *collect_on;
                    if collect_on < today.max(lot.available_from)
                        || collect_on > lot.available_until
                    {
                        return Err(StorageError::Invalid(FieldError::new(
                            "collect_on",
                            format!(
                                "Le lot se retire du {} au {} : choisissez un jour de collecte \
                                 dans cette période, pas avant aujourd'hui.",
                                date_phrase(Lang::Fr, today, lot.available_from),
                                date_phrase(Lang::Fr, today, lot.available_until)
                            ),
                        )));
                    }
                    let workshop_title: Option<String> = match workshop_id {
                        Some(workshop_id) => Some(
                            tx.query_row(
                                "SELECT title FROM workshops WHERE id = ?1",
                                [workshop_id],
                                |row| row.get(0),
                            )
                            .optional()?
                            .ok_or_else(|| {
                                StorageError::Invalid(FieldError::new(
                                    "workshop_id",
                                    "Cet atelier n'existe pas.",
                                ))
                            })?,
                        ),
                        None => None,
                    };
                    tx.execute(
                        "UPDATE lots SET status = 'reserved', collect_on = ?2, workshop_id = ?3,
                                reserved_by = ?4
                         WHERE id = ?1",
                        (id, collect_on, workshop_id, actor.account_id),
                    )?;
                    let day = date_phrase(Lang::Fr, collect_on, collect_on);
                    match workshop_title {
                        Some(title) => format!("Réservé pour « {title} », collecte le {day}."),
                        None => format!("Réservé, collecte le {day}."),
                    }
                }
                LotAction::Release => {
                    tx.execute(
                        "UPDATE lots SET status = 'published', collect_on = NULL,
                                workshop_id = NULL, reserved_by = NULL
                         WHERE id = ?1",
                        [id],
                    )?;
                    "Réservation levée : le lot est de nouveau proposé.".to_string()
                }
                LotAction::Collect { grams } => {
                    if *grams == 0 || *grams > MAX_LOT_GRAMS {
                        return Err(StorageError::Invalid(FieldError::new(
                            "grams",
                            "Indiquez le poids pesé, entre 1 g et 5 tonnes.",
                        )));
                    }
                    tx.execute(
                        "UPDATE lots SET status = 'collected', collected_grams = ?2,
                                collected_at = ?3
                         WHERE id = ?1",
                        (id, grams, to_db_time(now)),
                    )?;
                    format!("Collecté : {} pesés.", format_kilos(u64::from(*grams)))
                }
                LotAction::MarkProcessed => {
                    tx.execute("UPDATE lots SET status = 'processed' WHERE id = ?1", [id])?;
                    "Transformé en bocaux.".to_string()
                }
                LotAction::Withdraw => {
                    tx.execute("UPDATE lots SET status = 'withdrawn' WHERE id = ?1", [id])?;
                    if actor.is_staff {
                        "Retiré par l'équipe, à la demande de la ferme.".to_string()
                    } else {
                        "Retiré par le producteur.".to_string()
                    }
                }
            };
            record_event(&tx, id, Some(actor.account_id), target, &detail, now)?;
            let event = format!("lot-event:{}", tx.last_insert_rowid());
            let news = match action {
                LotAction::Reserve { collect_on, .. } => Some(FarmNews::LotReserved {
                    produce: &lot.produce,
                    grams: lot.grams(),
                    collect_on,
                }),
                LotAction::Collect { grams } => Some(FarmNews::LotCollected {
                    produce: &lot.produce,
                    grams: u64::from(grams),
                }),
                _ => None,
            };
            if let (Some(news), Some(farm)) = (news, &lot.farm) {
                tell_farm(&tx, farm.producer_id, Some(id), news, &event, now)?;
            }
            let saved = select_lot(&tx, id)?;
            tx.commit()?;
            Ok(saved)
        })
        .await
    }

    /// A lot with its history (the route decides whether the farm's contact stays).
    pub async fn lot(
        &self,
        id: i64,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Lot, StorageError> {
        self.with_connection(move |conn| {
            expire_passed_lots(conn, today, now)?;
            select_lot(conn, id)
        })
        .await
    }

    /// A farm's lots, open ones first, then the newest; without the farm contact (it is
    /// theirs) and with what changed since they last looked.
    pub async fn farm_lots(
        &self,
        producer_id: i64,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<Lot>, StorageError> {
        self.with_connection(move |conn| {
            expire_passed_lots(conn, today, now)?;
            let mut lots = select_lots(
                conn,
                "WHERE l.producer_id = ?1
                 ORDER BY l.status NOT IN ('published', 'reserved'), l.id DESC
                 LIMIT 200",
                [producer_id],
                true,
            )?;
            for lot in &mut lots {
                lot.farm = None;
            }
            Ok(lots)
        })
        .await
    }

    /// The farmer has seen every change of their lots so far.
    pub async fn mark_farm_lots_seen(&self, producer_id: i64) -> Result<(), StorageError> {
        self.with_connection(move |conn| {
            conn.execute(
                "UPDATE lots SET owner_seen_event_id =
                     (SELECT coalesce(max(e.id), 0) FROM lot_events e WHERE e.lot_id = lots.id)
                 WHERE producer_id = ?1",
                [producer_id],
            )?;
            Ok(())
        })
        .await
    }

    /// How many of a farm's lots changed since its farmer last looked: asked each time a
    /// farmer opens the app, so one count, not the lots themselves.
    pub async fn changed_lot_count(
        &self,
        producer_id: i64,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<u32, StorageError> {
        self.with_connection(move |conn| {
            expire_passed_lots(conn, today, now)?;
            Ok(conn.query_row(
                concat!(
                    "SELECT count(*) FROM lots l WHERE l.producer_id = ?1 AND ",
                    changed_since_seen!()
                ),
                [producer_id],
                |row| row.get(0),
            )?)
        })
        .await
    }

    /// Lots on offer or reserved, soonest end of window first.
    pub async fn market(
        &self,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<Lot>, StorageError> {
        self.with_connection(move |conn| {
            expire_passed_lots(conn, today, now)?;
            select_lots(
                conn,
                "WHERE l.status IN ('published', 'reserved')
                 ORDER BY l.available_until, l.available_from, l.id",
                [],
                false,
            )
        })
        .await
    }

    /// The lots the truck picks up on `day` (collected ones stay, ticked off), in order of
    /// their windows.
    pub async fn collection_round(&self, day: NaiveDate) -> Result<Vec<Lot>, StorageError> {
        self.with_connection(move |conn| {
            select_lots(
                conn,
                "WHERE l.collect_on = ?1 AND l.status IN ('reserved', 'collected')
                 ORDER BY l.available_until, l.available_from, l.pickup_commune, l.id",
                [day],
                false,
            )
        })
        .await
    }

    /// Weighed kilos collected between two instants, per produce, heaviest first.
    pub async fn rescued_between(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<ProduceTotal>, StorageError> {
        self.with_connection(move |conn| rescued_by_produce(conn, from, until))
            .await
    }

    pub async fn farm(&self, producer_id: i64) -> Result<Farm, StorageError> {
        self.with_connection(move |conn| select_farm(conn, producer_id))
            .await
    }

    /// How the farm is told; `None` stops it, and what waits is not sent.
    pub async fn set_farm_notify_by(
        &self,
        producer_id: i64,
        notify_by: Option<Channel>,
    ) -> Result<Farm, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            tx.execute(
                "UPDATE producers SET notify_by = ?2 WHERE id = ?1",
                (producer_id, notify_by.map(Channel::code)),
            )?;
            if notify_by.is_none() {
                tx.execute(
                    "UPDATE messages SET status = 'stopped',
                            last_error = 'messages arrêtés à la demande de la ferme'
                     WHERE producer_id = ?1 AND status = 'waiting'",
                    [producer_id],
                )?;
            }
            let farm = select_farm(&tx, producer_id)?;
            tx.commit()?;
            Ok(farm)
        })
        .await
    }

    /// Keeps a re-encoded photo until a lot takes it; forgets the account's photos that no
    /// lot took within a day.
    pub async fn save_photo(
        &self,
        account_id: i64,
        jpeg: Vec<u8>,
        (width, height): (u32, u32),
        now: DateTime<Utc>,
    ) -> Result<i64, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            tx.execute(
                "DELETE FROM lot_photos WHERE lot_id IS NULL AND created_at < ?1",
                [to_db_time(now - chrono::Duration::days(1))],
            )?;
            let pending: i64 = tx.query_row(
                "SELECT count(*) FROM lot_photos WHERE lot_id IS NULL AND account_id = ?1",
                [account_id],
                |row| row.get(0),
            )?;
            if pending >= MAX_PENDING_PHOTOS {
                return Err(StorageError::conflict(
                    Some("photos"),
                    "Trop de photos en attente : enregistrez d'abord votre lot.",
                ));
            }
            tx.execute(
                "INSERT INTO lot_photos (account_id, jpeg, width, height, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                (account_id, jpeg, width, height, to_db_time(now)),
            )?;
            let id = tx.last_insert_rowid();
            tx.commit()?;
            Ok(id)
        })
        .await
    }

    pub async fn photo(&self, id: i64) -> Result<Option<StoredPhoto>, StorageError> {
        self.with_connection(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT jpeg, account_id FROM lot_photos WHERE id = ?1",
                    [id],
                    |row| {
                        Ok(StoredPhoto {
                            jpeg: row.get(0)?,
                            account_id: row.get(1)?,
                        })
                    },
                )
                .optional()?)
        })
        .await
    }
}

/// Why a transition is refused, in words that help: who got there first, or what the lot is.
fn refusal(lot: &Lot, target: LotStatus) -> StorageError {
    let message = match (&lot.reservation, lot.status, target) {
        (Some(reservation), LotStatus::Reserved, LotStatus::Reserved) => format!(
            "Ce lot vient d'être réservé par {} (collecte le {}).",
            if reservation.by.is_empty() {
                "quelqu'un d'autre"
            } else {
                &reservation.by
            },
            date_phrase(Lang::Fr, reservation.collect_on, reservation.collect_on)
        ),
        (_, current, LotStatus::Withdrawn) if current != LotStatus::Published => format!(
            "Ce lot est déjà {} : il ne peut plus être retiré. Appelez l'équipe.",
            current.label_fr()
        ),
        (_, current, target) => format!(
            "Ce lot est {} : il ne peut pas passer à « {} ».",
            current.label_fr(),
            target.label_fr()
        ),
    };
    StorageError::conflict(None, message)
}

/// The columns a farmer's draft fills, in one place for the INSERT and the UPDATE.
pub(super) const DRAFT_COLUMNS: &str = "produce, variety, grams, crate_count, crate_grams, grade, \
     pickup_address, pickup_commune, available_from, available_until, price_cents_per_kg, note";
pub(super) const DRAFT_VALUES: &str =
    ":produce, :variety, :grams, :crate_count, :crate_grams, :grade, \
     :pickup_address, :pickup_commune, :available_from, :available_until, :price, :note";

/// Runs `sql` with a draft's values (`DRAFT_VALUES`) and the statement's own `extra` ones.
pub(super) fn execute_with_draft(
    conn: &Connection,
    sql: &str,
    lot: &LotDraft,
    extra: &[(&str, &dyn ToSql)],
) -> Result<(), StorageError> {
    let crates = crates(lot.quantity);
    let grade = lot.grade.code();
    let draft: [(&str, &dyn ToSql); 12] = [
        (":produce", &lot.produce),
        (":variety", &lot.variety),
        (":grams", &lot.quantity.total_grams()),
        (":crate_count", &crates.map(|(count, _)| count)),
        (":crate_grams", &crates.map(|(_, grams_each)| grams_each)),
        (":grade", &grade),
        (":pickup_address", &lot.pickup_address),
        (":pickup_commune", &lot.pickup_commune),
        (":available_from", &lot.available_from),
        (":available_until", &lot.available_until),
        (":price", &price_cents(lot.price)),
        (":note", &lot.note),
    ];
    let params: Vec<(&str, &dyn ToSql)> = draft.iter().chain(extra).copied().collect();
    conn.execute(sql, params.as_slice())?;
    Ok(())
}

fn crates(quantity: Quantity) -> Option<(u32, u32)> {
    match quantity {
        Quantity::Crates { count, grams_each } => Some((count, grams_each)),
        Quantity::Grams { .. } => None,
    }
}

fn price_cents(price: Price) -> Option<u32> {
    match price {
        Price::PerKg { cents } => Some(cents),
        Price::Gift => None,
    }
}

/// What creating and editing a lot share, once its row is written: its photos, the farm's
/// address if asked, the event in its history; returns the lot as saved.
fn finish_farmer_save(
    conn: &Connection,
    id: i64,
    farmer: Farmer,
    lot: &LotDraft,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<Lot, StorageError> {
    attach_photos(conn, id, farmer.account_id, &lot.photo_ids)?;
    if lot.save_as_farm_address {
        conn.execute(
            "UPDATE producers SET address = ?2, commune = ?3 WHERE id = ?1",
            (farmer.producer_id, &lot.pickup_address, &lot.pickup_commune),
        )?;
    }
    let account = Some(farmer.account_id);
    record_event(conn, id, account, LotStatus::Published, detail, now)?;
    select_lot(conn, id)
}
