//! What animators change: saved places, workshops and their status.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction};

use super::audit;
use super::messages::tell;
use super::signups::promote_waiting;
use super::{
    to_db_time, workshop_from_row, write_transaction, Storage, StorageError, WORKSHOP_SELECT,
};
use crate::api::workshops::{PlaceChoice, PlaceDraft, SavedWorkshop, Series};
use crate::domain::notify::Notice;
use crate::domain::recurrence::following_days;
use crate::domain::time::local_date;
use crate::domain::validation::FieldError;
use crate::domain::{Place, Workshop, WorkshopKind, WorkshopStatus};

/// A workshop as validated by the handler: instants computed, texts trimmed, place checked.
pub struct WorkshopRecord {
    pub title: String,
    pub kind: WorkshopKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: PlaceChoice,
    pub centre_id: i64,
    pub capacity: u32,
    pub description: String,
}

fn place_exists_error() -> StorageError {
    StorageError::conflict(
        Some("place_name"),
        "Un lieu de ce nom existe déjà dans cette commune : choisissez-le dans la liste.",
    )
}

fn insert_place(tx: &Transaction<'_>, place: &PlaceDraft) -> Result<i64, StorageError> {
    let inserted = tx.execute(
        "INSERT INTO places (name, address, postcode, commune, latitude, longitude)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (name, commune) DO NOTHING",
        (
            &place.name,
            &place.address,
            &place.postcode,
            &place.commune,
            place.latitude,
            place.longitude,
        ),
    )?;
    if inserted == 0 {
        return Err(place_exists_error());
    }
    Ok(tx.last_insert_rowid())
}

/// The place a draft names: the saved one (which must exist) or a new one, saved now.
fn resolve_place(
    tx: &Transaction<'_>,
    choice: &PlaceChoice,
    actor_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, StorageError> {
    match choice {
        PlaceChoice::Saved { id } => {
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM places WHERE id = ?1)",
                [id],
                |row| row.get(0),
            )?;
            if !exists {
                return Err(StorageError::conflict(
                    Some("place"),
                    "Ce lieu n'existe plus : choisissez-en un autre.",
                ));
            }
            Ok(*id)
        }
        PlaceChoice::New(place) => {
            let id = insert_place(tx, place)?;
            audit(
                tx,
                actor_id,
                "lieu créé",
                &format!("lieu {id} ({})", place.name),
                "",
                now,
            )?;
            Ok(id)
        }
    }
}

fn check_centre(tx: &Transaction<'_>, centre_id: i64) -> Result<(), StorageError> {
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM centres WHERE id = ?1)",
        [centre_id],
        |row| row.get(0),
    )?;
    if exists {
        Ok(())
    } else {
        Err(StorageError::conflict(
            Some("centre_id"),
            "Ce centre n'existe pas.",
        ))
    }
}

/// A workshop can be edited unless it is cancelled, and not below the places already taken.
fn check_editable(current: &Workshop, capacity: u32) -> Result<(), StorageError> {
    if current.is_cancelled() {
        return Err(StorageError::conflict(
            None,
            "Cet atelier est annulé : remettez-le au programme avant de le modifier.",
        ));
    }
    if capacity < current.signed_up {
        return Err(StorageError::conflict(
            Some("capacity"),
            format!(
                "{} personnes sont déjà inscrites : la capacité ne peut pas descendre en dessous.",
                current.signed_up
            ),
        ));
    }
    Ok(())
}

fn select_workshop(conn: &Connection, id: i64) -> Result<Workshop, StorageError> {
    conn.prepare_cached(&format!("{WORKSHOP_SELECT} WHERE w.id = ?1"))?
        .query_row([id], workshop_from_row)
        .optional()?
        .ok_or_else(|| StorageError::NotFound("Cet atelier n'existe pas.".into()))
}

/// Writes `current`'s new status, audited; a cancellation tells the people signed up.
fn change_status(
    tx: &Transaction<'_>,
    current: &Workshop,
    status: WorkshopStatus,
    actor_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    tx.execute(
        "UPDATE workshops SET status = ?1, revision = revision + 1 WHERE id = ?2",
        (status.code(), current.id),
    )?;
    let subject = format!("atelier {} ({})", current.id, current.title);
    let detail = format!("{} → {}", current.status.code(), status.code());
    audit(tx, actor_id, "état de l'atelier", &subject, &detail, now)?;
    if status == WorkshopStatus::Cancelled {
        let event = format!("cancelled:{}", current.revision + 1);
        tell(tx, current, None, Notice::Cancelled, &event, now)?;
    }
    Ok(())
}

/// The workshops of `workshop`'s series, in order; only itself when it does not repeat.
fn series_of(conn: &Connection, workshop: &Workshop) -> Result<Vec<Workshop>, StorageError> {
    let mut statement = conn.prepare_cached(&format!(
        "{WORKSHOP_SELECT}
         WHERE w.id = ?1
            OR w.series_id = (SELECT series_id FROM workshops WHERE id = ?1)
         ORDER BY w.starts_at"
    ))?;
    let rows = statement.query_map([workshop.id], workshop_from_row)?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Inserts `record` as a new planned workshop at `place_id`; returns its id.
fn insert_workshop(
    tx: &Transaction<'_>,
    record: &WorkshopRecord,
    place_id: i64,
) -> Result<i64, StorageError> {
    tx.execute(
        "INSERT INTO workshops (title, kind, status, starts_at, ends_at, place_id, centre_id,
                                capacity, description)
         VALUES (?1, ?2, 'planned', ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![
            record.title,
            record.kind.code(),
            to_db_time(record.starts_at),
            to_db_time(record.ends_at),
            place_id,
            record.centre_id,
            record.capacity,
            record.description,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Makes workshops `ids` one series, headed by `head` (the series' id is its first workshop's).
fn set_series(tx: &Transaction<'_>, head: i64, ids: &[i64]) -> Result<(), StorageError> {
    tx.execute(
        "UPDATE workshops SET series_id = ?1 WHERE id IN (SELECT value FROM json_each(?2))",
        (head, serde_json::to_string(ids).expect("ids serialise")),
    )?;
    Ok(())
}

/// Writes `record` over workshop `id`, at `place_id`.
fn update_workshop(
    tx: &Transaction<'_>,
    id: i64,
    record: &WorkshopRecord,
    place_id: i64,
) -> Result<(), StorageError> {
    let (starts_at, ends_at) = (to_db_time(record.starts_at), to_db_time(record.ends_at));
    let kind = record.kind.code();
    let params: Vec<(&str, &dyn rusqlite::ToSql)> = vec![
        (":title", &record.title),
        (":kind", &kind),
        (":starts_at", &starts_at),
        (":ends_at", &ends_at),
        (":place_id", &place_id),
        (":centre_id", &record.centre_id),
        (":capacity", &record.capacity),
        (":description", &record.description),
        (":id", &id),
    ];
    tx.execute(
        "UPDATE workshops SET title = :title, kind = :kind, starts_at = :starts_at,
                ends_at = :ends_at, place_id = :place_id, centre_id = :centre_id,
                capacity = :capacity, description = :description, revision = revision + 1
         WHERE id = :id",
        params.as_slice(),
    )?;
    Ok(())
}

/// What follows an edit of `before`: its people are told if it moved (hours or place), and a
/// raised capacity lets people in from the waiting list.
fn after_edit(
    tx: &Transaction<'_>,
    before: &Workshop,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let after = select_workshop(tx, before.id)?;
    if after.is_moved_from(before) {
        let event = format!("moved:{}", after.revision);
        tell(tx, &after, None, Notice::Moved, &event, now)?;
    }
    promote_waiting(tx, before.id, now)
}

/// Other live workshops that need the truck during `workshop`.
fn overlapping(conn: &Connection, workshop: &Workshop) -> Result<Vec<Workshop>, StorageError> {
    let mut statement = conn.prepare_cached(&format!(
        "{WORKSHOP_SELECT}
         WHERE w.id <> ?1 AND w.status <> 'cancelled' AND w.starts_at < ?3 AND w.ends_at > ?2
         ORDER BY w.starts_at"
    ))?;
    let rows = statement.query_map(
        (
            workshop.id,
            to_db_time(workshop.starts_at),
            to_db_time(workshop.ends_at),
        ),
        workshop_from_row,
    )?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

impl Storage {
    /// Saved places, by commune then name.
    pub async fn places(&self) -> Result<Vec<Place>, StorageError> {
        self.with_connection(|conn| {
            let mut statement = conn.prepare_cached(
                "SELECT id, name, address, postcode, commune, latitude, longitude FROM places
                 ORDER BY commune, name",
            )?;
            let rows = statement.query_map([], |row| {
                Ok(Place {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    address: row.get(2)?,
                    postcode: row.get(3)?,
                    commune: row.get(4)?,
                    latitude: row.get(5)?,
                    longitude: row.get(6)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
    }

    /// Saves a new place (`id` None) or corrects one; returns its id.
    pub async fn save_place(
        &self,
        id: Option<i64>,
        place: PlaceDraft,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<i64, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let (id, action) = match id {
                None => (insert_place(&tx, &place)?, "lieu créé"),
                Some(id) => {
                    let exists: bool = tx.query_row(
                        "SELECT EXISTS (SELECT 1 FROM places WHERE id = ?1)",
                        [id],
                        |row| row.get(0),
                    )?;
                    if !exists {
                        return Err(StorageError::NotFound("Ce lieu n'existe pas.".into()));
                    }
                    let clash: bool = tx.query_row(
                        "SELECT EXISTS (SELECT 1 FROM places
                         WHERE name = ?1 AND commune = ?2 AND id <> ?3)",
                        (&place.name, &place.commune, id),
                        |row| row.get(0),
                    )?;
                    if clash {
                        return Err(place_exists_error());
                    }
                    tx.execute(
                        "UPDATE places SET name = ?1, address = ?2, postcode = ?3, commune = ?4,
                                           latitude = ?5, longitude = ?6
                         WHERE id = ?7",
                        (
                            &place.name,
                            &place.address,
                            &place.postcode,
                            &place.commune,
                            place.latitude,
                            place.longitude,
                            id,
                        ),
                    )?;
                    (id, "lieu modifié")
                }
            };
            audit(
                &tx,
                actor_id,
                action,
                &format!("lieu {id} ({})", place.name),
                "",
                now,
            )?;
            tx.commit()?;
            Ok(id)
        })
        .await
    }

    /// Creates a workshop (`id` None, planned) or edits one, in one transaction with its new
    /// place if it has one and the audit entry; answers with the workshops it overlaps.
    pub async fn save_workshop(
        &self,
        id: Option<i64>,
        record: WorkshopRecord,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<SavedWorkshop, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let before = match id {
                Some(id) => {
                    let before = select_workshop(&tx, id)?;
                    check_editable(&before, record.capacity)?;
                    Some(before)
                }
                None => None,
            };
            check_centre(&tx, record.centre_id)?;
            let place_id = resolve_place(&tx, &record.place, actor_id, now)?;
            let (id, action) = match id {
                None => (insert_workshop(&tx, &record, place_id)?, "atelier créé"),
                Some(id) => {
                    update_workshop(&tx, id, &record, place_id)?;
                    (id, "atelier modifié")
                }
            };
            let subject = format!("atelier {id} ({})", record.title);
            audit(&tx, actor_id, action, &subject, "", now)?;
            if let Some(before) = before {
                after_edit(&tx, &before, now)?;
            }
            tx.commit()?;
            let workshop = select_workshop(conn, id)?;
            let overlaps = overlapping(conn, &workshop)?;
            Ok(SavedWorkshop {
                workshop,
                overlaps,
                series: Vec::new(),
            })
        })
        .await
    }

    /// Creates a repeated workshop, one workshop per occurrence (`records`, in order), all in
    /// one transaction with their place and one audit entry; answers with the first, the others
    /// and every workshop the truck is already due at meanwhile. `keep` false: a preview, and
    /// nothing is written.
    pub async fn create_series(
        &self,
        records: Vec<WorkshopRecord>,
        keep: bool,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<SavedWorkshop, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let Some(first) = records.first() else {
                return Err(StorageError::Invalid(FieldError::new(
                    "repeat",
                    "Aucune date dans cette série.",
                )));
            };
            check_centre(&tx, first.centre_id)?;
            // A new place is saved once, for every occurrence.
            let place_id = resolve_place(&tx, &first.place, actor_id, now)?;
            let mut ids = Vec::with_capacity(records.len());
            for record in &records {
                ids.push(insert_workshop(&tx, record, place_id)?);
            }
            set_series(&tx, ids[0], &ids)?;
            let mut series = Vec::with_capacity(ids.len());
            let mut overlaps: Vec<Workshop> = Vec::new();
            for id in &ids {
                let workshop = select_workshop(&tx, *id)?;
                for other in overlapping(&tx, &workshop)? {
                    if !ids.contains(&other.id) && !overlaps.iter().any(|o| o.id == other.id) {
                        overlaps.push(other);
                    }
                }
                series.push(workshop);
            }
            let last = series.last().map(|w| local_date(w.starts_at));
            let subject = format!("atelier {} ({})", ids[0], first.title);
            let detail = format!(
                "{} ateliers, jusqu'au {}",
                ids.len(),
                last.map(|day| day.format("%d/%m/%Y").to_string())
                    .unwrap_or_default()
            );
            audit(
                &tx,
                actor_id,
                "série d'ateliers créée",
                &subject,
                &detail,
                now,
            )?;
            if keep {
                tx.commit()?;
            }
            // Not kept: dropping the transaction rolls it back.
            let workshop = series.remove(0);
            overlaps.sort_by_key(|other| other.starts_at);
            Ok(SavedWorkshop {
                workshop,
                overlaps,
                series,
            })
        })
        .await
    }

    pub async fn set_workshop_status(
        &self,
        id: i64,
        status: WorkshopStatus,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Workshop, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let current = select_workshop(&tx, id)?;
            if !current.status.can_become(status) {
                return Err(StorageError::conflict(
                    Some("status"),
                    "Ce changement d'état n'est pas possible pour cet atelier.",
                ));
            }
            change_status(&tx, &current, status, actor_id, now)?;
            tx.commit()?;
            select_workshop(conn, id)
        })
        .await
    }

    /// The occurrences of the series workshop `id` belongs to, in order (only itself when it
    /// does not repeat).
    pub async fn workshop_series(&self, id: i64) -> Result<Series, StorageError> {
        self.with_connection(move |conn| {
            let workshop = select_workshop(conn, id)?;
            Ok(Series {
                occurrences: series_of(conn, &workshop)?,
            })
        })
        .await
    }

    /// Edits workshop `id` and the later occurrences of its series ("this one and the
    /// following") in one transaction: `record_for(day, stored start)` gives each its record,
    /// on its own day shifted as `id` moves to `new_day`. They become a series of their own,
    /// headed by `id` (`recurrence::following_days`); a cancelled one changes series but is
    /// not edited. Each one's people are told if it moved, as for one edit. Answers with the
    /// new series.
    pub async fn edit_following(
        &self,
        id: i64,
        new_day: NaiveDate,
        record_for: impl Fn(NaiveDate, DateTime<Utc>) -> Result<WorkshopRecord, FieldError>
            + Send
            + 'static,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Series, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let workshop = select_workshop(&tx, id)?;
            let series = series_of(&tx, &workshop)?;
            let days: Vec<(i64, NaiveDate)> = series
                .iter()
                .map(|w| (w.id, local_date(w.starts_at)))
                .collect();
            let following = following_days(&days, id, new_day).map_err(StorageError::Invalid)?;
            let mut place_id = None;
            for (other_id, day) in &following {
                let before = series
                    .iter()
                    .find(|w| w.id == *other_id)
                    .expect("the occurrence is of the series");
                if before.is_cancelled() && *other_id != id {
                    continue;
                }
                // A refusal about a later occurrence names its day.
                let on_day = |message: String| match *other_id == id {
                    true => message,
                    false => format!("Atelier du {} : {message}", day.format("%d/%m/%Y")),
                };
                let record = record_for(*day, before.starts_at).map_err(|error| {
                    StorageError::Invalid(FieldError::new(error.field, on_day(error.message)))
                })?;
                check_editable(before, record.capacity).map_err(|error| match error {
                    StorageError::Conflict { field, message } => StorageError::Conflict {
                        field,
                        message: on_day(message),
                    },
                    other => other,
                })?;
                if place_id.is_none() {
                    check_centre(&tx, record.centre_id)?;
                    // A new place is saved once, for every occurrence.
                    place_id = Some(resolve_place(&tx, &record.place, actor_id, now)?);
                }
                let place_id = place_id.expect("resolved above");
                update_workshop(&tx, *other_id, &record, place_id)?;
                after_edit(&tx, before, now)?;
            }
            let ids: Vec<i64> = following.iter().map(|(id, _)| *id).collect();
            set_series(&tx, id, &ids)?;
            let subject = format!("atelier {id} ({})", workshop.title);
            let detail = format!(
                "{} ateliers à partir du {}",
                ids.len(),
                new_day.format("%d/%m/%Y")
            );
            audit(
                &tx,
                actor_id,
                "série d'ateliers modifiée",
                &subject,
                &detail,
                now,
            )?;
            tx.commit()?;
            Ok(Series {
                occurrences: series_of(conn, &workshop)?,
            })
        })
        .await
    }

    /// Cancels workshop `id` and every later occurrence of its series not yet cancelled, in
    /// one transaction; the people signed up to each are told, as for one cancellation.
    pub async fn cancel_following(
        &self,
        id: i64,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Series, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let workshop = select_workshop(&tx, id)?;
            let following: Vec<Workshop> = series_of(&tx, &workshop)?
                .into_iter()
                .filter(|other| other.starts_at >= workshop.starts_at)
                .filter(|other| other.status.can_become(WorkshopStatus::Cancelled))
                .collect();
            if following.is_empty() {
                return Err(StorageError::conflict(
                    Some("status"),
                    "Plus rien à annuler dans cette série à partir de cet atelier.",
                ));
            }
            for other in &following {
                change_status(&tx, other, WorkshopStatus::Cancelled, actor_id, now)?;
            }
            tx.commit()?;
            Ok(Series {
                occurrences: series_of(conn, &workshop)?,
            })
        })
        .await
    }
}
