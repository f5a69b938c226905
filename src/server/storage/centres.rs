//! The cannery's centres: the open ones offered in every form, all of them in the settings.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::audit;
use super::{to_db_time, write_transaction, Storage, StorageError};
use crate::api::accounts::CentreOption;
use crate::api::centres::{CentreDraft, CentreSettings};

const SETTINGS_SELECT: &str = "
    SELECT id, name, address, postcode, commune, phone, opening_hours, closed_at IS NOT NULL
    FROM centres";

fn settings_from_row(row: &Row<'_>) -> rusqlite::Result<CentreSettings> {
    Ok(CentreSettings {
        id: row.get(0)?,
        name: row.get(1)?,
        address: row.get(2)?,
        postcode: row.get(3)?,
        commune: row.get(4)?,
        phone: row.get(5)?,
        opening_hours: row.get(6)?,
        closed: row.get(7)?,
    })
}

/// Refuses a centre that does not exist (404) or is closed (409): what new accounts, counter
/// operations and stock are recorded at (their history at a closed centre stays readable).
pub(super) fn check_open_centre(conn: &Connection, centre_id: i64) -> Result<(), StorageError> {
    let closed: Option<bool> = conn
        .query_row(
            "SELECT closed_at IS NOT NULL FROM centres WHERE id = ?1",
            [centre_id],
            |row| row.get(0),
        )
        .optional()?;
    match closed {
        None => Err(StorageError::NotFound("Ce centre n'existe pas.".into())),
        Some(true) => Err(StorageError::conflict(
            Some("centre_id"),
            "Ce centre est fermé : choisissez-en un autre.",
        )),
        Some(false) => Ok(()),
    }
}

/// A name another centre has, said rather than a database error.
fn check_name_free(
    conn: &Connection,
    name: &str,
    except_id: Option<i64>,
) -> Result<(), StorageError> {
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM centres WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2)",
        (name, except_id),
        |row| row.get(0),
    )?;
    if taken {
        return Err(StorageError::conflict(
            Some("name"),
            "Un centre porte déjà ce nom.",
        ));
    }
    Ok(())
}

fn select_settings(conn: &Connection, id: i64) -> Result<CentreSettings, StorageError> {
    let mut statement = conn.prepare_cached(&format!("{SETTINGS_SELECT} WHERE id = ?1"))?;
    statement
        .query_row([id], settings_from_row)
        .optional()?
        .ok_or_else(|| StorageError::NotFound("Ce centre n'existe pas.".into()))
}

impl Storage {
    /// The open centres, by name: what every form offers.
    pub async fn centres(&self) -> Result<Vec<CentreOption>, StorageError> {
        self.with_connection(|conn| {
            let mut statement = conn.prepare_cached(
                "SELECT id, name FROM centres WHERE closed_at IS NULL ORDER BY name",
            )?;
            let rows = statement.query_map([], |row| {
                Ok(CentreOption {
                    id: row.get(0)?,
                    name: row.get(1)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
    }

    /// Every centre, open ones first, by name.
    pub async fn centre_settings(&self) -> Result<Vec<CentreSettings>, StorageError> {
        self.with_connection(|conn| {
            let mut statement = conn.prepare_cached(&format!(
                "{SETTINGS_SELECT} ORDER BY closed_at IS NOT NULL, name"
            ))?;
            let rows = statement.query_map([], settings_from_row)?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
    }

    /// A new centre (`draft` checked), audited.
    pub async fn create_centre(
        &self,
        draft: CentreDraft,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<CentreSettings, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            check_name_free(&tx, &draft.name, None)?;
            tx.execute(
                "INSERT INTO centres (name, address, postcode, commune, phone, opening_hours)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                (
                    &draft.name,
                    &draft.address,
                    &draft.postcode,
                    &draft.commune,
                    &draft.phone,
                    &draft.opening_hours,
                ),
            )?;
            let id = tx.last_insert_rowid();
            audit(
                &tx,
                actor_id,
                "centre créé",
                &format!("centre {id}"),
                &draft.name,
                now,
            )?;
            tx.commit()?;
            select_settings(conn, id)
        })
        .await
    }

    /// Corrects a centre (`draft` checked), audited. Its history follows it: accounts, stock
    /// and ledger point at the centre, not at its name.
    pub async fn update_centre(
        &self,
        id: i64,
        draft: CentreDraft,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<CentreSettings, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            select_settings(&tx, id)?;
            check_name_free(&tx, &draft.name, Some(id))?;
            tx.execute(
                "UPDATE centres SET name = ?1, address = ?2, postcode = ?3, commune = ?4,
                                    phone = ?5, opening_hours = ?6
                 WHERE id = ?7",
                (
                    &draft.name,
                    &draft.address,
                    &draft.postcode,
                    &draft.commune,
                    &draft.phone,
                    &draft.opening_hours,
                    id,
                ),
            )?;
            audit(
                &tx,
                actor_id,
                "centre modifié",
                &format!("centre {id}"),
                &draft.name,
                now,
            )?;
            tx.commit()?;
            select_settings(conn, id)
        })
        .await
    }

    /// Closes a centre (`closed`) or opens it again, audited; the same twice changes nothing.
    pub async fn set_centre_closed(
        &self,
        id: i64,
        closed: bool,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<CentreSettings, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let centre = select_settings(&tx, id)?;
            if centre.closed != closed {
                tx.execute(
                    "UPDATE centres SET closed_at = ?1 WHERE id = ?2",
                    (closed.then(|| to_db_time(now)), id),
                )?;
                let action = if closed {
                    "centre fermé"
                } else {
                    "centre rouvert"
                };
                audit(
                    &tx,
                    actor_id,
                    action,
                    &format!("centre {id}"),
                    &centre.name,
                    now,
                )?;
            }
            tx.commit()?;
            select_settings(conn, id)
        })
        .await
    }
}
