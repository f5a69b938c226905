//! Refusals of what names no record, or says too little, before anything is written.

use rusqlite::{Connection, OptionalExtension};

use crate::domain::ledger::{Product, UNDO_REASON_CHARS};
use crate::domain::validation::FieldError;
use crate::server::storage::StorageError;

fn require(exists: bool, message: &str) -> Result<(), StorageError> {
    if exists {
        Ok(())
    } else {
        Err(StorageError::NotFound(message.to_string()))
    }
}

pub(super) fn check_participant(conn: &Connection, account_id: i64) -> Result<(), StorageError> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM accounts WHERE id = ?1 AND role <> 'producer')",
        [account_id],
        |row| row.get(0),
    )?;
    require(exists, "Ce compte n'existe pas.")
}

pub(super) fn check_centre(conn: &Connection, centre_id: i64) -> Result<(), StorageError> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM centres WHERE id = ?1)",
        [centre_id],
        |row| row.get(0),
    )?;
    require(exists, "Ce centre n'existe pas.")
}

/// A product is a recipe in one of the jar sizes of its current version.
pub(in crate::server::storage) fn check_product(
    conn: &Connection,
    product: Product,
) -> Result<(), StorageError> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (
             SELECT 1 FROM recipes r
             JOIN recipe_versions v ON v.recipe_id = r.id AND v.version = r.current_version,
                  json_each(v.content, '$.jar_sizes_ml') size
             WHERE r.id = ?1 AND size.value = ?2)",
        (product.recipe_id, product.jar_ml),
        |row| row.get(0),
    )?;
    if exists {
        Ok(())
    } else {
        Err(StorageError::Invalid(FieldError::new(
            "product",
            "Cette recette n'existe pas dans cette taille de bocal.",
        )))
    }
}

pub(in crate::server::storage) fn jar_price(
    conn: &Connection,
    product: Product,
) -> Result<Option<i64>, StorageError> {
    Ok(conn
        .query_row(
            "SELECT tictac FROM jar_prices WHERE recipe_id = ?1 AND jar_ml = ?2",
            (product.recipe_id, product.jar_ml),
            |row| row.get(0),
        )
        .optional()?)
}

pub(super) fn check_reason(reason: &str) -> Result<String, StorageError> {
    let reason = reason.trim();
    if !UNDO_REASON_CHARS.contains(&reason.chars().count()) {
        return Err(StorageError::Invalid(FieldError::new(
            "reason",
            format!(
                "Donnez la raison ({} à {} caractères).",
                UNDO_REASON_CHARS.start(),
                UNDO_REASON_CHARS.end()
            ),
        )));
    }
    Ok(reason.to_string())
}
