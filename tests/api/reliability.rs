//! What a crash or a backup does to the data, with the real binary: every write the server
//! acknowledged survives a SIGKILL, the ledger still balances and SQLite's integrity check
//! passes; a backup taken under write load is a consistent database that a server restores.

use crate::common;

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::Connection;
use serde_json::{json, Value};

use common::drifted_balances;
use common::process::{log_in, request, Server};

/// What the write load got acknowledged: the keys of the ledger entries answered 201, and
/// the sign-ups answered 201.
#[derive(Default)]
struct Acknowledged {
    ledger_keys: Vec<String>,
    signup_ids: Vec<i64>,
}

struct Load {
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<Acknowledged>>,
}

static NEXT: AtomicU64 = AtomicU64::new(0);

fn get_json(address: &str, path: &str, session: &str) -> Value {
    let answer = request(address, "GET", path, None, Some(session)).expect("an answer");
    assert_eq!(answer.status, 200, "{path}: {}", answer.body);
    serde_json::from_str(&answer.body).unwrap()
}

/// Three threads crediting one minute at a time to Samia at the counter, and one signing
/// residents up (without an account) to the upcoming workshops, until stopped or until the
/// server stops answering.
fn start_load(address: &str, session: &str) -> Load {
    let samia = get_json(address, "/api/v1/wallets?q=100003", session)[0]["member"]["account_id"]
        .as_i64()
        .unwrap();
    let centre = get_json(address, "/api/v1/centres", session)[0]["id"]
        .as_i64()
        .unwrap();
    let workshops: Vec<i64> = get_json(address, "/api/v1/workshops", session)["workshops"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["status"] != "cancelled")
        .map(|w| w["id"].as_i64().unwrap())
        .collect();
    let stop = Arc::new(AtomicBool::new(false));
    let mut threads = Vec::new();
    for _ in 0..3 {
        let (address, session, stop) = (address.to_string(), session.to_string(), stop.clone());
        threads.push(std::thread::spawn(move || {
            let mut acknowledged = Acknowledged::default();
            while !stop.load(Ordering::Relaxed) {
                let key = format!("load-{:016}", NEXT.fetch_add(1, Ordering::Relaxed));
                let body = json!({"idempotency_key": key, "operation": {
                    "type": "volunteering", "participant_id": samia, "centre_id": centre,
                    "minutes": 1, "note": "charge"}});
                match request(
                    &address,
                    "POST",
                    "/api/v1/ledger",
                    Some(&body),
                    Some(&session),
                ) {
                    Some(answer) if answer.status == 201 => acknowledged.ledger_keys.push(key),
                    Some(answer) => panic!("{}: {}", answer.status, answer.body),
                    None => break,
                }
            }
            acknowledged
        }));
    }
    let (address, stop_signups) = (address.to_string(), stop.clone());
    threads.push(std::thread::spawn(move || {
        let mut acknowledged = Acknowledged::default();
        'load: while !stop_signups.load(Ordering::Relaxed) {
            for workshop in &workshops {
                let n = NEXT.fetch_add(1, Ordering::Relaxed);
                let body =
                    json!({"first_name": "Charge", "phone": format!("07{:08}", n % 100_000_000)});
                let path = format!("/api/v1/workshops/{workshop}/signups");
                match request(&address, "POST", &path, Some(&body), None) {
                    Some(answer) if answer.status == 201 => {
                        let receipt: Value = serde_json::from_str(&answer.body).unwrap();
                        acknowledged
                            .signup_ids
                            .push(receipt["signup_id"].as_i64().unwrap());
                    }
                    // Full workshops say so; anything else is a failure.
                    Some(answer) if answer.status == 409 => {}
                    Some(answer) => panic!("{}: {}", answer.status, answer.body),
                    None => break 'load,
                }
            }
        }
        acknowledged
    }));
    Load { stop, threads }
}

impl Load {
    fn finish(self) -> Acknowledged {
        self.stop.store(true, Ordering::Relaxed);
        let mut all = Acknowledged::default();
        for thread in self.threads {
            let part = thread.join().expect("a load thread");
            all.ledger_keys.extend(part.ledger_keys);
            all.signup_ids.extend(part.signup_ids);
        }
        all
    }
}

fn integrity(conn: &Connection) -> String {
    conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap()
}

/// Units whose postings do not sum to zero (none, in a sound ledger).
fn unbalanced_units(conn: &Connection) -> Vec<(String, i64)> {
    let mut statement = conn
        .prepare(
            "SELECT unit || coalesce(':' || recipe_id || ':' || jar_ml, ''), sum(amount)
             FROM ledger_postings GROUP BY unit, recipe_id, jar_ml HAVING sum(amount) <> 0",
        )
        .unwrap();
    let rows = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    rows
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

fn samia_tictac(conn: &Connection) -> i64 {
    count(
        conn,
        "SELECT coalesce(sum(amount), 0) FROM ledger_postings
         WHERE book = 'participant' AND unit = 'tictac'
           AND book_id = (SELECT id FROM accounts WHERE member_number = '100003')",
    )
}

#[test]
fn every_acknowledged_write_survives_a_sigkill() {
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("bocal.sqlite");
    let server = Server::start(&database, true);
    let session = log_in(&server.address, "100002", "animation");
    let load = start_load(&server.address, &session);
    std::thread::sleep(Duration::from_millis(1500));
    // Killed mid-way: requests are in flight.
    assert!(!server.kill().success());
    let acknowledged = load.finish();
    assert!(
        acknowledged.ledger_keys.len() >= 20,
        "the load ran: {} entries",
        acknowledged.ledger_keys.len()
    );

    // The server starts again on the same file (SQLite recovers its write-ahead log).
    let server = Server::start(&database, false);
    let session = log_in(&server.address, "100002", "animation");
    let conn = Connection::open(&database).unwrap();
    assert_eq!(integrity(&conn), "ok");
    let mut missing = Vec::new();
    for key in &acknowledged.ledger_keys {
        let found = count(
            &conn,
            &format!("SELECT count(*) FROM ledger_entries WHERE idempotency_key = '{key}'"),
        );
        if found != 1 {
            missing.push(key.clone());
        }
    }
    assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");
    println!(
        "killed under load: {} ledger entries and {} sign-ups acknowledged, all found",
        acknowledged.ledger_keys.len(),
        acknowledged.signup_ids.len()
    );
    for id in &acknowledged.signup_ids {
        assert_eq!(
            count(
                &conn,
                &format!("SELECT count(*) FROM signups WHERE id = {id}")
            ),
            1,
            "sign-up {id} acknowledged but lost"
        );
    }
    assert!(
        unbalanced_units(&conn).is_empty(),
        "{:?}",
        unbalanced_units(&conn)
    );
    assert_eq!(drifted_balances(&conn), Vec::<String>::new());
    // The wallet the server reads agrees with the ledger on disk.
    let rows = get_json(&server.address, "/api/v1/wallets?q=100003", &session);
    assert_eq!(rows[0]["tictac"].as_i64().unwrap(), samia_tictac(&conn));
    assert!(samia_tictac(&conn) >= 270 + acknowledged.ledger_keys.len() as i64);
    assert!(server.terminate().success());
}

fn backup(database: &Path, copy: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_bocal-server"))
        .arg("--database")
        .arg(database)
        .arg("backup")
        .arg(copy)
        .env("RUST_LOG", "warn")
        .output()
        .expect("bocal-server runs")
}

#[test]
fn a_backup_taken_under_write_load_is_consistent_and_restores() {
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("bocal.sqlite");
    let copy = folder.path().join("copies/bocal-copy.sqlite");
    let server = Server::start(&database, true);
    let session = log_in(&server.address, "100002", "animation");
    let load = start_load(&server.address, &session);
    std::thread::sleep(Duration::from_millis(500));
    let output = backup(&database, &copy);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::thread::sleep(Duration::from_millis(500));
    let acknowledged = load.finish();
    assert!(server.terminate().success());

    // A second backup to the same file is refused: a copy is never overwritten.
    let again = backup(&database, &copy);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("existe déjà"));

    let live = Connection::open(&database).unwrap();
    let saved = Connection::open(&copy).unwrap();
    assert_eq!(integrity(&saved), "ok");
    assert!(unbalanced_units(&saved).is_empty());
    // The copy is the ledger as it was at one instant: the first n entries, exactly.
    let in_copy = count(&saved, "SELECT count(*) FROM ledger_entries");
    let in_live = count(&live, "SELECT count(*) FROM ledger_entries");
    assert!(in_copy < in_live, "writes went on after the backup");
    assert_eq!(count(&saved, "SELECT max(id) FROM ledger_entries"), in_copy);
    let rows = |conn: &Connection| -> Vec<(i64, String, String, String)> {
        let mut statement = conn
            .prepare(
                "SELECT e.id, e.idempotency_key, e.at,
                        (SELECT group_concat(book || coalesce(book_id, '') || unit || amount, ',')
                         FROM ledger_postings x WHERE x.entry_id = e.id)
                 FROM ledger_entries e WHERE e.id <= ?1 ORDER BY e.id",
            )
            .unwrap();
        let rows = statement
            .query_map([in_copy], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        rows
    };
    assert_eq!(rows(&saved), rows(&live));
    println!("backup under load: {in_copy} of {in_live} entries, identical to the live ones");
    assert!(acknowledged.ledger_keys.len() as i64 >= in_live - in_copy);

    // Restored (the copy put in place of a database), a server serves it as it was.
    let restored = folder.path().join("restored.sqlite");
    std::fs::copy(&copy, &restored).unwrap();
    let server = Server::start(&restored, false);
    let session = log_in(&server.address, "100002", "animation");
    let rows = get_json(&server.address, "/api/v1/wallets?q=100003", &session);
    assert_eq!(rows[0]["tictac"].as_i64().unwrap(), samia_tictac(&saved));
    assert!(server.terminate().success());
}
