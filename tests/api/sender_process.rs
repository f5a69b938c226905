//! The sender in the real binary: killed (SIGKILL) while it sends, the server restarted on the
//! same database sends what was left, and every message reaches the gateway; a message is sent
//! again only if it was in flight at the kill, under the same id, for the gateway to drop.

use crate::common::process::{request, Server};

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// A slow SMS gateway on loopback (plain HTTP/1.1 in a thread): it takes 150 ms to accept each
/// message, so that a kill lands while the sender is busy. It counts the requests per id.
fn slow_gateway() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/sms", listener.local_addr().unwrap());
    let ids = Arc::new(Mutex::new(Vec::new()));
    let seen = ids.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream);
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            if reader.read_exact(&mut body).is_err() {
                continue;
            }
            std::thread::sleep(Duration::from_millis(150));
            let Ok(body) = serde_json::from_slice::<Value>(&body) else {
                continue;
            };
            seen.lock()
                .unwrap()
                .push(body["id"].as_str().unwrap_or_default().to_string());
            let _ = reader
                .get_mut()
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
    });
    (url, ids)
}

#[test]
fn messages_survive_a_sigkill_of_the_sender_and_none_is_sent_twice_but_the_one_in_flight() {
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("bocal.sqlite");
    let (url, ids) = slow_gateway();
    let flags = ["--sms-gateway-url", url.as_str()];
    let server = Server::start_with(&database, true, &flags);
    // An upcoming demo workshop with room for twelve.
    let workshop = {
        let answer = request(&server.address, "GET", "/api/v1/workshops", None, None).unwrap();
        let list: Value = serde_json::from_str(&answer.body).unwrap();
        let room = |w: &&Value| w["capacity"].as_i64().unwrap() - w["signed_up"].as_i64().unwrap();
        list["workshops"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["status"] != "cancelled" && room(w) >= 12)
            .map(|w| w["id"].as_i64().unwrap())
            .expect("the demo has an upcoming workshop with twelve places left")
    };
    let mut signed_up = 0;
    for n in 0..12 {
        let body = json!({"first_name": "Yasmine", "phone": format!("06{:08}", 55_000_000 + n), "notify_by": "sms"});
        let path = format!("/api/v1/workshops/{workshop}/signups");
        let answer = request(&server.address, "POST", &path, Some(&body), None).unwrap();
        if answer.status == 201 {
            signed_up += 1;
        }
    }
    assert_eq!(signed_up, 12);
    // Kill while the sender is half-way: some accepted, some not yet sent.
    let deadline = Instant::now() + Duration::from_secs(20);
    while ids.lock().unwrap().len() < signed_up / 2 {
        assert!(Instant::now() < deadline, "the sender sent nothing");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!server.kill().success());
    let before_restart = ids.lock().unwrap().len();
    assert!(
        before_restart < signed_up,
        "everything was sent before the kill"
    );

    let server = Server::start_with(&database, false, &flags);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let distinct: std::collections::HashSet<String> =
            ids.lock().unwrap().iter().cloned().collect();
        if distinct.len() == signed_up {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "after the restart, {} of {signed_up} messages reached the gateway",
            distinct.len()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // Let a wrongly repeated sending show up, then stop.
    std::thread::sleep(Duration::from_millis(500));
    assert!(server.terminate().success());
    let mut per_id: HashMap<String, usize> = HashMap::new();
    for id in ids.lock().unwrap().iter() {
        *per_id.entry(id.clone()).or_default() += 1;
    }
    let repeated: Vec<_> = per_id.iter().filter(|(_, count)| **count > 1).collect();
    assert!(
        repeated.len() <= 1 && repeated.iter().all(|(_, count)| **count == 2),
        "sent more than once: {repeated:?}"
    );
}
