//! The `bocal-server` binary itself: flags, database creation, demo loading, graceful shutdown.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    address: String,
}

impl Server {
    /// Starts the binary on a free port and waits for the line that gives its URL.
    fn start(database: &Path, demo: bool) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bocal-server"));
        command
            .args(["--addr", "127.0.0.1:0", "--dist", "no-such-dist"])
            .arg("--database")
            .arg(database)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if demo {
            command.arg("--demo");
        }
        let mut child = command.spawn().expect("bocal-server starts");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let address = line
            .trim()
            .strip_prefix("Bocal est prêt : http://")
            .and_then(|rest| rest.strip_suffix('/'))
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .to_string();
        Server { child, address }
    }

    /// A plain HTTP/1.1 GET; returns the status line and the body.
    fn get(&self, path: &str) -> (String, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap();
        (head.lines().next().unwrap().to_string(), body.to_string())
    }

    /// SIGTERM, then wait (bounded) for the process to exit.
    fn terminate(mut self) -> ExitStatus {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success());
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "bocal-server did not stop after SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn workshop_count(body: &str) -> usize {
    let list: serde_json::Value = serde_json::from_str(body).unwrap();
    list["workshops"].as_array().unwrap().len()
}

#[test]
fn creates_its_database_loads_demo_data_once_and_stops_cleanly_on_sigterm() {
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("new/folder/bocal.sqlite");

    let server = Server::start(&database, true);
    assert!(database.is_file(), "database file and folder created");
    let (status, body) = server.get("/api/v1/health");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("\"ok\""), "{body}");
    let (_, body) = server.get("/api/v1/workshops?from=2000-01-01");
    let first_count = workshop_count(&body);
    assert!(first_count >= 15, "{first_count} demo workshops");
    assert!(server.terminate().success(), "graceful exit on SIGTERM");

    // A second start with --demo finds data and adds none.
    let server = Server::start(&database, true);
    let (_, body) = server.get("/api/v1/workshops?from=2000-01-01");
    assert_eq!(workshop_count(&body), first_count);
    assert!(server.terminate().success());
}

#[test]
fn without_demo_the_calendar_is_empty() {
    let folder = tempfile::tempdir().unwrap();
    let server = Server::start(&folder.path().join("bocal.sqlite"), false);
    let (status, body) = server.get("/api/v1/workshops");
    assert!(status.contains("200"), "{status}");
    assert_eq!(workshop_count(&body), 0);
    assert!(server.terminate().success());
}
