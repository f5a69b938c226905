//! The season's produce as the cannery's administrators keep it (migration 0024): what the lot
//! form suggests and what makes a recipe "de saison". A produce that a lot or a recipe names is
//! retired, never deleted.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::{audit, to_db_time, write_transaction, Storage, StorageError};
use crate::api::produce::{Produce, ProduceDraft};
use crate::domain::lot::season_fr;
use crate::domain::recipe::same_produce;
use crate::domain::text::fold;

/// Months as stored: bit 0 for January to bit 11 for December.
fn months_mask(months: &[u32]) -> i64 {
    months.iter().map(|month| 1i64 << (month - 1)).sum()
}

fn months_of(mask: i64) -> Vec<u32> {
    (1..=12)
        .filter(|month| mask & (1 << (month - 1)) != 0)
        .collect()
}

fn produce_from_row(row: &Row<'_>) -> rusqlite::Result<Produce> {
    Ok(Produce {
        id: row.get(0)?,
        name: row.get(1)?,
        months: months_of(row.get(2)?),
        retired: row.get::<_, Option<String>>(3)?.is_some(),
        in_use: false,
    })
}

/// The names lots and recipes (any version) give their produce.
fn names_in_use(conn: &Connection) -> Result<Vec<String>, StorageError> {
    let mut statement = conn.prepare_cached(
        "SELECT produce FROM lots
         UNION SELECT json_extract(content, '$.main_produce') FROM recipe_versions",
    )?;
    let names = statement.query_map([], |row| row.get::<_, Option<String>>(0))?;
    Ok(names
        .filter_map(Result::transpose)
        .collect::<Result<_, _>>()?)
}

/// The list by name as a French reader orders it ("Pêches" before "Poires"), retired ones
/// with the rest when `with_retired`. `in_use` is left false: only the settings need it
/// (`mark_in_use`), not the lot form and the recipes, which read this list on every visit.
fn produce_list(conn: &Connection, with_retired: bool) -> Result<Vec<Produce>, StorageError> {
    let mut statement = conn.prepare_cached(
        "SELECT id, name, months, retired_at FROM produce WHERE ?1 OR retired_at IS NULL",
    )?;
    let mut list = statement
        .query_map([with_retired], produce_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    list.sort_by_cached_key(|produce| (fold(&produce.name), produce.id));
    Ok(list)
}

/// Marks each produce that a lot or a recipe names.
fn mark_in_use(conn: &Connection, list: &mut [Produce]) -> Result<(), StorageError> {
    let in_use = names_in_use(conn)?;
    for produce in list {
        produce.in_use = in_use.iter().any(|name| same_produce(name, &produce.name));
    }
    Ok(())
}

/// The produce the list offers (not retired): the farmer's lot form, the recipes' season.
pub(super) fn offered_produce(conn: &Connection) -> Result<Vec<Produce>, StorageError> {
    produce_list(conn, false)
}

fn one_produce(conn: &Connection, id: i64) -> Result<Produce, StorageError> {
    let mut produce = conn
        .query_row(
            "SELECT id, name, months, retired_at FROM produce WHERE id = ?1",
            [id],
            produce_from_row,
        )
        .optional()?
        .ok_or_else(|| StorageError::NotFound("Ce produit n'existe pas.".into()))?;
    mark_in_use(conn, std::slice::from_mut(&mut produce))?;
    Ok(produce)
}

/// Refuses a name the list already has ("tomate" when "Tomates" is there), but `except`'s own.
fn check_unique(conn: &Connection, name: &str, except: Option<i64>) -> Result<(), StorageError> {
    let taken = produce_list(conn, true)?
        .into_iter()
        .find(|other| Some(other.id) != except && same_produce(&other.name, name));
    match taken {
        Some(other) => Err(StorageError::conflict(
            Some("name"),
            format!("« {} » est déjà dans la liste.", other.name),
        )),
        None => Ok(()),
    }
}

impl Storage {
    /// Every produce of the list, retired ones included (admins).
    pub async fn produce_settings(&self) -> Result<Vec<Produce>, StorageError> {
        self.with_connection(|conn| {
            let mut list = produce_list(conn, true)?;
            mark_in_use(conn, &mut list)?;
            Ok(list)
        })
        .await
    }

    /// The produce offered (not retired).
    pub async fn offered_produce(&self) -> Result<Vec<Produce>, StorageError> {
        self.with_connection(|conn| offered_produce(conn)).await
    }

    /// A new produce (checked draft), audited.
    pub async fn create_produce(
        &self,
        draft: ProduceDraft,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Produce, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            check_unique(&tx, &draft.name, None)?;
            tx.execute(
                "INSERT INTO produce (name, months) VALUES (?1, ?2)",
                (&draft.name, months_mask(&draft.months)),
            )?;
            let produce = one_produce(&tx, tx.last_insert_rowid())?;
            let detail = format!("{} ({})", produce.name, season_fr(&produce.months));
            audit(
                &tx,
                actor_id,
                "produit ajouté",
                "produits de saison",
                &detail,
                now,
            )?;
            tx.commit()?;
            Ok(produce)
        })
        .await
    }

    /// A produce's name or months corrected (checked draft), audited. Lots and recipes keep
    /// the name they were written with.
    pub async fn update_produce(
        &self,
        id: i64,
        draft: ProduceDraft,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Produce, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let before = one_produce(&tx, id)?;
            check_unique(&tx, &draft.name, Some(id))?;
            tx.execute(
                "UPDATE produce SET name = ?2, months = ?3 WHERE id = ?1",
                (id, &draft.name, months_mask(&draft.months)),
            )?;
            let produce = one_produce(&tx, id)?;
            let detail = format!(
                "{} ({}) devient {} ({})",
                before.name,
                season_fr(&before.months),
                produce.name,
                season_fr(&produce.months)
            );
            audit(
                &tx,
                actor_id,
                "produit modifié",
                "produits de saison",
                &detail,
                now,
            )?;
            tx.commit()?;
            Ok(produce)
        })
        .await
    }

    /// Retires a produce (offered nowhere) or offers it again; audited.
    pub async fn set_produce_retired(
        &self,
        id: i64,
        retired: bool,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Produce, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let before = one_produce(&tx, id)?;
            tx.execute(
                "UPDATE produce SET retired_at = ?2 WHERE id = ?1",
                (id, retired.then(|| to_db_time(now))),
            )?;
            if before.retired != retired {
                let action = if retired {
                    "produit retiré"
                } else {
                    "produit proposé à nouveau"
                };
                audit(
                    &tx,
                    actor_id,
                    action,
                    "produits de saison",
                    &before.name,
                    now,
                )?;
            }
            let produce = one_produce(&tx, id)?;
            tx.commit()?;
            Ok(produce)
        })
        .await
    }

    /// Deletes a produce that no lot and no recipe names; one in use is refused (retire it).
    pub async fn delete_produce(
        &self,
        id: i64,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let produce = one_produce(&tx, id)?;
            if produce.in_use {
                return Err(StorageError::conflict(
                    None,
                    format!(
                        "Des lots ou des recettes nomment « {} » : retirez-le de la liste \
                         plutôt que de le supprimer.",
                        produce.name
                    ),
                ));
            }
            let deleted = tx
                .query_row(
                    "DELETE FROM produce WHERE id = ?1 RETURNING id",
                    [id],
                    |row| row.get::<_, i64>(0),
                )
                .optional()?;
            if deleted.is_some() {
                audit(
                    &tx,
                    actor_id,
                    "produit supprimé",
                    "produits de saison",
                    &produce.name,
                    now,
                )?;
            }
            tx.commit()?;
            Ok(())
        })
        .await
    }
}
