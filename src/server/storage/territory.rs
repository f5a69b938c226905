//! The communes the cannery serves (its territory), as its administrators picked them.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction};

use super::audit;
use super::{to_db_time, write_transaction, Storage, StorageError};
use crate::api::territory::Commune;

fn commune_from_row(row: &Row<'_>) -> rusqlite::Result<Commune> {
    let postcodes: String = row.get(3)?;
    Ok(Commune {
        insee_code: row.get(0)?,
        name: row.get(1)?,
        departement: row.get(2)?,
        postcodes: postcodes
            .split(',')
            .filter(|postcode| !postcode.is_empty())
            .map(str::to_string)
            .collect(),
    })
}

fn territory(conn: &Connection) -> Result<Vec<Commune>, StorageError> {
    let mut statement = conn.prepare_cached(
        "SELECT insee_code, name, departement, postcodes FROM territory_communes
         ORDER BY name, insee_code",
    )?;
    let communes = statement.query_map([], commune_from_row)?;
    Ok(communes.collect::<Result<Vec<_>, _>>()?)
}

/// Adds `communes` (those already there are left as they are); returns how many were new.
pub(super) fn add_communes(
    tx: &Transaction<'_>,
    communes: &[Commune],
    now: DateTime<Utc>,
) -> Result<u32, StorageError> {
    let mut added = 0;
    for commune in communes {
        added += tx.execute(
            "INSERT INTO territory_communes (insee_code, name, departement, postcodes, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (insee_code) DO NOTHING",
            (
                &commune.insee_code,
                &commune.name,
                &commune.departement,
                commune.postcodes.join(","),
                to_db_time(now),
            ),
        )? as u32;
    }
    Ok(added)
}

impl Storage {
    /// The territory's communes, by name.
    pub async fn territory(&self) -> Result<Vec<Commune>, StorageError> {
        self.with_connection(|conn| territory(conn)).await
    }

    /// Adds communes of the official list to the territory, in one transaction, audited with
    /// `what` ("CA Valence Romans Agglo"); returns how many were new and the territory after.
    pub async fn add_to_territory(
        &self,
        communes: Vec<Commune>,
        what: String,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(u32, Vec<Commune>), StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let added = add_communes(&tx, &communes, now)?;
            if added > 0 {
                audit(
                    &tx,
                    actor_id,
                    "communes ajoutées au territoire",
                    "territoire",
                    &format!("{what} : {added} commune(s)"),
                    now,
                )?;
            }
            let after = territory(&tx)?;
            tx.commit()?;
            Ok((added, after))
        })
        .await
    }

    /// Takes a commune out of the territory (its places and their history stay as they are).
    pub async fn remove_from_territory(
        &self,
        insee_code: String,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<Commune>, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let name: Option<String> = tx
                .query_row(
                    "DELETE FROM territory_communes WHERE insee_code = ?1 RETURNING name",
                    [&insee_code],
                    |row| row.get(0),
                )
                .optional()?;
            let Some(name) = name else {
                return Err(StorageError::NotFound(
                    "Cette commune n'est pas dans le territoire.".into(),
                ));
            };
            audit(
                &tx,
                actor_id,
                "commune retirée du territoire",
                "territoire",
                &format!("{name} ({insee_code})"),
                now,
            )?;
            let after = territory(&tx)?;
            tx.commit()?;
            Ok(after)
        })
        .await
    }
}
