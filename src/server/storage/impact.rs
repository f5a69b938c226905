//! The impact figures, counted from the records themselves (lots, batches, workshops,
//! attendance, the ledger) for each month of a period: nothing is kept aside to drift.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use super::lots::rescued_by_produce;
use super::{to_db_time, Storage, StorageError};
use crate::api::impact::{CommuneTotal, Figures, Impact};
use crate::domain::impact::months_between;
use crate::domain::time::start_of_local_day;

/// The instants a span of Paris days runs between, as stored.
fn bounds(first: NaiveDate, until: NaiveDate) -> (String, String) {
    (
        to_db_time(start_of_local_day(first)),
        to_db_time(start_of_local_day(until)),
    )
}

/// The figures of the days `first..until`; `now` decides which confirmed workshops are over.
fn figures(
    conn: &Connection,
    name: String,
    first: NaiveDate,
    until: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Figures, StorageError> {
    let (from, to) = bounds(first, until);
    let (rescued_grams, producers): (u64, u32) = conn.query_row(
        "SELECT coalesce(sum(collected_grams), 0), count(DISTINCT producer_id) FROM lots
         WHERE collected_at >= ?1 AND collected_at < ?2 AND collected_grams IS NOT NULL",
        (&from, &to),
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let jars_produced: u64 = conn.query_row(
        "SELECT coalesce(sum(j.jars), 0) FROM batches b JOIN batch_jars j ON j.batch_id = b.id
         WHERE b.conforming = 1 AND b.made_on >= ?1 AND b.made_on < ?2",
        (first, until),
        |row| row.get(0),
    )?;
    let workshops_held: u32 = conn.query_row(
        "SELECT count(*) FROM workshops
         WHERE starts_at >= ?1 AND starts_at < ?2
           AND (status = 'done' OR (status = 'confirmed' AND ends_at <= ?3))",
        (&from, &to, to_db_time(now)),
        |row| row.get(0),
    )?;
    // A person: an account, or a resident's phone number.
    let participants: u32 = conn.query_row(
        "SELECT count(DISTINCT coalesce('compte ' || s.account_id, 'tel ' || s.phone))
         FROM signups s JOIN workshops w ON w.id = s.workshop_id
         WHERE s.attended = 1 AND s.cancelled_at IS NULL
           AND w.starts_at >= ?1 AND w.starts_at < ?2",
        (&from, &to),
        |row| row.get(0),
    )?;
    // Volunteering credits and their corrections, and the undoing of counter credits.
    let volunteering_minutes: i64 = conn.query_row(
        "SELECT coalesce(sum(x.amount), 0)
         FROM ledger_entries e
         JOIN ledger_postings x ON x.entry_id = e.id
              AND x.book = 'participant' AND x.unit = 'tictac'
         LEFT JOIN ledger_entries undone ON undone.id = e.reverses_id
         WHERE e.at >= ?1 AND e.at < ?2
           AND (e.kind = 'volunteering' OR undone.kind = 'volunteering')",
        (&from, &to),
        |row| row.get(0),
    )?;
    let tictac_in_circulation: i64 = conn.query_row(
        "SELECT coalesce(sum(x.amount), 0)
         FROM ledger_postings x JOIN ledger_entries e ON e.id = x.entry_id
         WHERE x.unit = 'tictac' AND x.book IN ('participant', 'centre') AND e.at < ?1",
        [&to],
        |row| row.get(0),
    )?;
    Ok(Figures {
        month: name,
        rescued_grams,
        jars_produced,
        workshops_held,
        participants,
        volunteering_minutes,
        producers,
        tictac_in_circulation,
    })
}

impl Storage {
    /// The figures of each month of `du..=au`, and of the whole period.
    pub async fn impact(
        &self,
        du: NaiveDate,
        au: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Impact, StorageError> {
        self.with_connection(move |conn| {
            let months = months_between(du, au)
                .into_iter()
                .map(|span| figures(conn, span.month, span.first, span.until, now))
                .collect::<Result<Vec<_>, _>>()?;
            let until = au.succ_opt().unwrap_or(au);
            let totals = figures(conn, "total".into(), du, until, now)?;
            let rescued_by_produce =
                rescued_by_produce(conn, start_of_local_day(du), start_of_local_day(until))?;
            Ok(Impact {
                du,
                au,
                months,
                totals,
                rescued_by_produce,
            })
        })
        .await
    }

    /// Kilos rescued in `du..=au` by the commune of the farms, heaviest first.
    pub async fn rescued_by_commune(
        &self,
        du: NaiveDate,
        au: NaiveDate,
    ) -> Result<Vec<CommuneTotal>, StorageError> {
        self.with_connection(move |conn| {
            let (from, to) = bounds(du, au.succ_opt().unwrap_or(au));
            let mut statement = conn.prepare_cached(
                "SELECT p.commune, sum(l.collected_grams), count(DISTINCT p.id)
                 FROM lots l JOIN producers p ON p.id = l.producer_id
                 WHERE l.collected_at >= ?1 AND l.collected_at < ?2
                   AND l.collected_grams IS NOT NULL
                 GROUP BY p.commune
                 ORDER BY 2 DESC, p.commune",
            )?;
            let rows = statement
                .query_map((&from, &to), |row| {
                    Ok(CommuneTotal {
                        commune: row.get(0)?,
                        grams: row.get(1)?,
                        producers: row.get(2)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            Ok(rows)
        })
        .await
    }
}
