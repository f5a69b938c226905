//! The real `bocal-server` binary in a child process, and plain HTTP/1.1 requests to it: for
//! the tests of what only a process shows (start-up, signals, a crash, a backup beside it).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

pub struct Server {
    child: Child,
    /// What the server printed after its first line.
    stdout: BufReader<ChildStdout>,
    pub address: String,
}

/// An answer: status code, headers (lowercase names) and body.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Server {
    /// Starts the binary on a free port and waits for the line that gives its URL.
    pub fn start(database: &Path, demo: bool) -> Server {
        Server::start_with(database, demo, &[])
    }

    /// The same, with more flags.
    pub fn start_with(database: &Path, demo: bool, flags: &[&str]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bocal-server"));
        command.env("RUST_LOG", "warn").stderr(Stdio::null());
        Server::spawn(command, database, demo, flags)
    }

    /// The same, with environment variables.
    pub fn start_with_env(database: &Path, flags: &[&str], environment: &[(&str, &str)]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bocal-server"));
        command
            .env("RUST_LOG", "warn")
            .envs(environment.iter().copied())
            .stderr(Stdio::null());
        Server::spawn(command, database, false, flags)
    }

    /// The same, its log (at the level it has in production) written to `log`.
    pub fn start_logging(database: &Path, demo: bool, flags: &[&str], log: &Path) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bocal-server"));
        command
            .env_remove("RUST_LOG")
            .stderr(std::fs::File::create(log).unwrap());
        Server::spawn(command, database, demo, flags)
    }

    fn spawn(mut command: Command, database: &Path, demo: bool, flags: &[&str]) -> Server {
        pin_clock(&mut command);
        command
            .args(["--addr", "127.0.0.1:0", "--dist", "no-such-dist"])
            .arg("--database")
            .arg(database)
            .stdout(Stdio::piped());
        if demo {
            command.arg("--demo");
        }
        command.args(flags);
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
        Server {
            child,
            stdout,
            address,
        }
    }

    /// Stops the server with SIGTERM; what it printed after its first line.
    pub fn terminate_and_read(mut self) -> String {
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let mut rest = String::new();
        self.stdout.read_to_string(&mut rest).unwrap();
        self.child.wait().unwrap();
        rest
    }

    /// A plain HTTP/1.1 GET; returns the status line and the body.
    pub fn get(&self, path: &str) -> (String, String) {
        let answer = request(&self.address, "GET", path, None, None).expect("the server answers");
        (format!("HTTP/1.1 {}", answer.status), answer.body)
    }

    /// SIGTERM, then wait (bounded) for the process to exit.
    pub fn terminate(self) -> ExitStatus {
        self.signal("-TERM")
    }

    /// SIGKILL: the process dies at once, as in a crash or a power cut of the process.
    pub fn kill(self) -> ExitStatus {
        self.signal("-KILL")
    }

    fn signal(mut self, signal: &str) -> ExitStatus {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill")
            .args([signal, &pid])
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
                "bocal-server did not stop after {signal}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Sets the child's system clock to the tests' clock (`super::now()`) with libfaketime, preloaded
/// into the process (the `faketime` wrapper would fork, and signals would reach the wrapper).
/// The server has no flag of its own for this, on purpose. Monotonic time stays real.
fn pin_clock(command: &mut Command) {
    let library = std::fs::read_dir("/usr/lib")
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path().join("faketime/libfaketimeMT.so.1"))
        .find(|path| path.is_file())
        .expect("libfaketime is installed (scripts/setup installs Debian's faketime)");
    command
        .env("LD_PRELOAD", library)
        .env("TZ", "UTC")
        .env(
            "FAKETIME",
            super::now().format("@%Y-%m-%d %H:%M:%S").to_string(),
        )
        .env("FAKETIME_DONT_FAKE_MONOTONIC", "1");
}

/// Runs a command of the binary (`create-admin`, `backup`…) on `database`, to its end.
pub fn run_command(database: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bocal-server"));
    pin_clock(&mut command);
    command
        .env("RUST_LOG", "warn")
        .arg("--database")
        .arg(database)
        .args(args)
        .output()
        .expect("bocal-server runs")
}

/// One HTTP/1.1 request on a fresh connection, as the web app sends it (state-changing ones
/// carry Bocal's request header). `None` when the connection fails or breaks (a killed
/// server).
pub fn request(
    address: &str,
    method: &str,
    path: &str,
    json: Option<&serde_json::Value>,
    session: Option<&str>,
) -> Option<Answer> {
    request_with(address, method, path, json, session, &[])
}

/// The same, with more headers (a proxy's `X-Forwarded-For`).
pub fn request_with(
    address: &str,
    method: &str,
    path: &str,
    json: Option<&serde_json::Value>,
    session: Option<&str>,
    headers: &[(&str, &str)],
) -> Option<Answer> {
    let mut stream = TcpStream::connect(address).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let body = json.map(|json| json.to_string()).unwrap_or_default();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    if json.is_some() {
        head.push_str("Content-Type: application/json\r\nX-Bocal-Request: 1\r\n");
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    if let Some(token) = session {
        head.push_str(&format!("Cookie: bocal_session={token}\r\n"));
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(body.as_bytes()).ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let response = String::from_utf8_lossy(&response).to_string();
    let (head, body) = response.split_once("\r\n\r\n")?;
    let mut lines = head.lines();
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    Some(Answer {
        status,
        headers,
        body: body.to_string(),
    })
}

/// Logs in; returns the session token.
pub fn log_in(address: &str, login: &str, password: &str) -> String {
    let answer = request(
        address,
        "POST",
        "/api/v1/session",
        Some(&serde_json::json!({"login": login, "password": password})),
        None,
    )
    .expect("the server answers");
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer
        .headers
        .iter()
        .filter(|(name, _)| name == "set-cookie")
        .find_map(|(_, value)| value.strip_prefix("bocal_session="))
        .and_then(|rest| rest.split(';').next())
        .expect("a session cookie")
        .to_string()
}
