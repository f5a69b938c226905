//! Which batch's jars the counter hands out: the batch scanned on the label, otherwise the
//! oldest batch of that product in the centre's stock (jars without a batch first: they are the
//! oldest of all). A recalled batch's jars are never handed out.

use rusqlite::{Connection, OptionalExtension};

use crate::domain::ledger::{jars_phrase, BatchProduct, Product};
use crate::server::storage::StorageError;

/// The jars of `product` to hand out at `centre_id`, `count` of them.
pub(super) fn jars_to_hand_out(
    conn: &Connection,
    centre_id: i64,
    product: Product,
    scanned_batch: Option<i64>,
    count: i64,
) -> Result<BatchProduct, StorageError> {
    match scanned_batch {
        Some(batch_id) => {
            check_batch_of(conn, batch_id, product)?;
            if let Some(number) = recalled_number(conn, batch_id)? {
                return Err(StorageError::conflict(
                    None,
                    format!("Lot {number} rappelé : ses bocaux ne doivent pas être remis."),
                ));
            }
            Ok(BatchProduct::new(product, Some(batch_id)))
        }
        None => oldest_batch_with(conn, centre_id, product, count),
    }
}

/// `batch_id` must be a batch of `product`'s recipe that was made in its jar size.
pub(super) fn check_batch_of(
    conn: &Connection,
    batch_id: i64,
    product: Product,
) -> Result<(), StorageError> {
    let found: Option<(i64, String, bool)> = conn
        .query_row(
            "SELECT b.recipe_id, b.number,
                    EXISTS (SELECT 1 FROM batch_jars j WHERE j.batch_id = b.id AND j.jar_ml = ?2)
             FROM batches b WHERE b.id = ?1",
            (batch_id, product.jar_ml),
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    match found {
        None => Err(StorageError::NotFound(
            "Ce lot de fabrication n'existe pas.".into(),
        )),
        Some((recipe_id, number, has_size)) if recipe_id != product.recipe_id || !has_size => {
            Err(StorageError::conflict(
                Some("product"),
                format!("Le lot {number} n'est pas de ce produit."),
            ))
        }
        Some(_) => Ok(()),
    }
}

/// The number of batch `batch_id` if it was recalled.
fn recalled_number(conn: &Connection, batch_id: i64) -> Result<Option<String>, StorageError> {
    Ok(conn
        .query_row(
            "SELECT b.number FROM batch_recalls r JOIN batches b ON b.id = r.batch_id
             WHERE r.batch_id = ?1",
            [batch_id],
            |row| row.get(0),
        )
        .optional()?)
}

/// The oldest batch the centre holds at least `count` jars of. One operation takes its jars
/// from one batch, so that each entry names the batch its jars came from; when no batch holds
/// enough, the counter is told to hand them out batch by batch.
fn oldest_batch_with(
    conn: &Connection,
    centre_id: i64,
    product: Product,
    count: i64,
) -> Result<BatchProduct, StorageError> {
    let mut statement = conn.prepare_cached(
        "SELECT nullif(s.batch_id, 0), b.number, s.amount
         FROM ledger_balances s LEFT JOIN batches b ON b.id = s.batch_id
         WHERE s.book = 'centre' AND s.book_id = ?1 AND s.unit = 'jars'
           AND s.recipe_id = ?2 AND s.jar_ml = ?3 AND s.amount > 0
           AND s.batch_id NOT IN (SELECT batch_id FROM batch_recalls)
         ORDER BY s.batch_id <> 0, b.made_on, b.number",
    )?;
    let held: Vec<(Option<i64>, Option<String>, i64)> = statement
        .query_map((centre_id, product.recipe_id, product.jar_ml), |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    if let Some((batch, _, _)) = held.iter().find(|(_, _, jars)| *jars >= count) {
        return Ok(BatchProduct::new(product, *batch));
    }
    let total: i64 = held.iter().map(|(_, _, jars)| jars).sum();
    if held.len() < 2 || total < count {
        // Not enough in stock at all: the ledger's rules say how many there are.
        let batch = held.first().and_then(|(batch, _, _)| *batch);
        return Ok(BatchProduct::new(product, batch));
    }
    let batches: Vec<String> = held
        .iter()
        .map(|(_, number, jars)| match number {
            Some(number) => format!("lot {number} : {}", jars_phrase(*jars)),
            None => format!("sans lot : {}", jars_phrase(*jars)),
        })
        .collect();
    Err(StorageError::conflict(
        Some("count"),
        format!(
            "Aucun lot n'a {count} bocaux ({}). Remettez-les lot par lot.",
            batches.join(", ")
        ),
    ))
}
