//! What the API test files share: the real router on a temporary SQLite file and a fake dist
//! folder, and requests sent in-process, with or without a session cookie.

pub mod mail_receiver;
pub mod process;
pub mod sms_gateway;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde::Serialize;

use bocal::api::accounts::{REQUEST_HEADER, REQUEST_HEADER_VALUE, SESSION_COOKIE};
use bocal::server::clock::Clock;
use bocal::server::notifications::Notifications;
use bocal::server::storage::{Seed, Storage};
use bocal::server::{router, AppState};

pub const PRECOMPRESSED: &[u8] = b"precompressed brotli bytes";
/// Like Trunk's: one inline loader script, and the loading page's slot for the first answer.
pub const INDEX_HTML: &str = "<!doctype html><title>Bocal</title><main><div id=\"first-answer\"></div></main><script type=\"module\">start()</script>";

/// Where a test app's database lives, in its temporary folder.
const DATABASE_FILE: &str = "db/bocal.sqlite";

pub struct TestApp {
    pub router: Router,
    pub storage: Storage,
    state: AppState,
    _folder: tempfile::TempDir,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub content_type: String,
    pub cache_control: Option<String>,
    pub content_encoding: Option<String>,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "not the expected JSON ({error}), status {}: {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }

    /// The value of the session cookie this response sets, if it sets one.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .find_map(|cookie| cookie.strip_prefix(&format!("{SESSION_COOKIE}=")))
            .map(|rest| rest.split(';').next().unwrap_or_default().to_string())
    }
}

/// One request: method, path, optional JSON body, optional session token. State-changing
/// requests carry Bocal's request header, as the app's own calls do.
pub struct Call {
    pub method: Method,
    pub uri: String,
    pub body: Option<serde_json::Value>,
    pub session: Option<String>,
    pub headers: Vec<(String, String)>,
    /// A raw body and its content type (a photo upload).
    pub raw: Option<(String, Vec<u8>)>,
    /// Leave out Bocal's request header (to test the cross-site guard).
    pub bare: bool,
}

impl Call {
    pub fn new(method: Method, uri: impl Into<String>) -> Call {
        Call {
            method,
            uri: uri.into(),
            body: None,
            session: None,
            headers: Vec::new(),
            raw: None,
            bare: false,
        }
    }

    pub fn json(mut self, body: impl Serialize) -> Call {
        self.body = Some(serde_json::to_value(body).unwrap());
        self
    }

    pub fn bytes(mut self, content_type: &str, body: Vec<u8>) -> Call {
        self.raw = Some((content_type.into(), body));
        self
    }

    pub fn session(mut self, token: Option<&str>) -> Call {
        self.session = token.map(str::to_string);
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Call {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn bare(mut self) -> Call {
        self.bare = true;
        self
    }
}

/// The instant every test runs at, whatever the wall clock says: `BOCAL_TEST_NOW` (RFC 3339),
/// to try an awkward moment, or by default a Wednesday morning while a demo workshop is under
/// way (it runs from 9 h 30 to 12 h). The end-to-end tests read the same variable.
pub const DEFAULT_TEST_NOW: &str = "2026-12-02T10:00:00+01:00";

/// The tests' clock: pinned at `BOCAL_TEST_NOW`, then running at the pace of real time. The
/// app under test reads this same clock.
pub fn clock() -> &'static Clock {
    static CLOCK: std::sync::OnceLock<Clock> = std::sync::OnceLock::new();
    CLOCK.get_or_init(|| Clock::starting_at(pinned_instant()))
}

/// `BOCAL_TEST_NOW`, or `DEFAULT_TEST_NOW`.
pub fn pinned_instant() -> chrono::DateTime<chrono::Utc> {
    let text = std::env::var("BOCAL_TEST_NOW").unwrap_or_else(|_| DEFAULT_TEST_NOW.into());
    chrono::DateTime::parse_from_rfc3339(&text)
        .unwrap_or_else(|error| panic!("BOCAL_TEST_NOW={text:?} is not RFC 3339: {error}"))
        .to_utc()
}

/// Now, as the app under test sees it.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    clock().now()
}

/// Today in Paris, as the app under test sees it.
pub fn today() -> chrono::NaiveDate {
    bocal::domain::time::local_date(now())
}

/// The demo data, dated from the tests' today, with one account of each role.
pub fn demo() -> TestApp {
    TestApp::start(&bocal::server::demo::demo_seed(today()))
}

/// The demo data with one workshop only, "Confitures de coings", confirmed, in two days at the
/// tests' hour, with `capacity` places (id 1); no ledger nor batches.
pub fn one_workshop_seed(capacity: u32) -> Seed {
    let demo = bocal::server::demo::demo_seed(today());
    let starts_at = now() + chrono::Duration::days(2);
    let workshop = bocal::domain::Workshop {
        title: "Confitures de coings".into(),
        starts_at,
        ends_at: starts_at + chrono::Duration::hours(3),
        capacity,
        status: bocal::domain::WorkshopStatus::Confirmed,
        ..demo.workshops[0].clone()
    };
    Seed {
        workshops: vec![workshop],
        ledger: vec![],
        batches: vec![],
        ..demo
    }
}

/// The demo account of `role`: (member number, password).
pub fn credentials(role: bocal::domain::Role) -> (String, String) {
    let account = bocal::server::demo::demo_accounts()
        .into_iter()
        .find(|account| account.role == role)
        .unwrap();
    (account.member_number, account.password)
}

/// Logs in as the demo account of `role`; returns the session token.
pub async fn log_in_as(app: &TestApp, role: bocal::domain::Role) -> String {
    let (login, password) = credentials(role);
    app.log_in(&login, &password).await
}

impl TestApp {
    /// A fresh database with `seed`, and a dist folder with an index.html and one hashed asset.
    pub fn start(seed: &Seed) -> TestApp {
        TestApp::start_with(seed, Notifications::default())
    }

    /// The same, telling people through `notifications` (no sender runs: a test calls
    /// `sender::send_due` at the instant it chooses).
    pub fn start_with(seed: &Seed, notifications: Notifications) -> TestApp {
        let folder = tempfile::tempdir().unwrap();
        let storage = Storage::open(&folder.path().join(DATABASE_FILE)).unwrap();
        storage.insert_seed(seed, now()).unwrap();
        let dist = folder.path().join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("index.html"), INDEX_HTML).unwrap();
        std::fs::write(
            dist.join("bocal-0123456789abcdef.js"),
            "console.log('bocal')",
        )
        .unwrap();
        // Stands for the brotli copy that scripts/precompress writes.
        std::fs::write(dist.join("bocal-0123456789abcdef.js.br"), PRECOMPRESSED).unwrap();
        let state = AppState::with_clock(storage.clone(), clock().clone())
            .with_notifications(notifications)
            .with_operator(bocal::server::demo::demo_operator());
        TestApp {
            router: router(state.clone(), &dist),
            storage,
            state,
            _folder: folder,
        }
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The SQLite file, to read it as bytes.
    pub fn database_file(&self) -> std::path::PathBuf {
        self._folder.path().join(DATABASE_FILE)
    }

    pub async fn get(&self, uri: &str) -> TestResponse {
        self.get_with(uri, "").await
    }

    pub async fn get_with(&self, uri: &str, accept_encoding: &str) -> TestResponse {
        self.call(Call::new(Method::GET, uri).header("accept-encoding", accept_encoding))
            .await
    }

    pub async fn call(&self, call: Call) -> TestResponse {
        let mut request = Request::builder()
            .method(call.method.clone())
            .uri(&call.uri);
        let unsafe_method = !matches!(call.method, Method::GET | Method::HEAD);
        if unsafe_method && !call.bare {
            request = request.header(REQUEST_HEADER, REQUEST_HEADER_VALUE);
        }
        if let Some(token) = &call.session {
            request = request.header(header::COOKIE, format!("{SESSION_COOKIE}={token}"));
        }
        for (name, value) in &call.headers {
            request = request.header(name.as_str(), value.as_str());
        }
        let body = match (&call.body, call.raw) {
            (Some(json), _) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Body::from(serde_json::to_vec(json).unwrap())
            }
            (None, Some((content_type, bytes))) => {
                request = request.header(header::CONTENT_TYPE, content_type);
                Body::from(bytes)
            }
            (None, None) => Body::empty(),
        };
        let response = tower::ServiceExt::oneshot(self.router.clone(), request.body(body).unwrap())
            .await
            .unwrap();
        let headers = response.headers().clone();
        let header_text = |name| {
            headers
                .get(name)
                .map(|v: &axum::http::HeaderValue| v.to_str().unwrap().to_string())
        };
        TestResponse {
            status: response.status(),
            content_type: header_text(header::CONTENT_TYPE).unwrap_or_default(),
            cache_control: header_text(header::CACHE_CONTROL),
            content_encoding: header_text(header::CONTENT_ENCODING),
            body: response
                .into_body()
                .collect()
                .await
                .unwrap()
                .to_bytes()
                .to_vec(),
            headers,
        }
    }

    /// Logs in and returns the session token.
    pub async fn log_in(&self, login: &str, password: &str) -> String {
        let response = self
            .call(
                Call::new(Method::POST, bocal::api::paths::SESSION)
                    .json(serde_json::json!({ "login": login, "password": password })),
            )
            .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text());
        response.session_cookie().expect("a session cookie")
    }
}

/// The id a one-row query finds, `?1` bound to `name`.
pub fn id_of(app: &TestApp, sql: &str, name: &str) -> i64 {
    app.storage
        .connection()
        .unwrap()
        .query_row(sql, [name], |row| row.get(0))
        .unwrap()
}

/// The rows of a table, to show that a refused request wrote nothing.
pub fn count(app: &TestApp, table: &str) -> i64 {
    app.storage
        .connection()
        .unwrap()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .unwrap()
}

static KEYS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A fresh idempotency key (unique within a test run).
pub fn new_key() -> String {
    let n = KEYS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("test-key-{n:012}")
}

/// Asserts the status of a refused request and reads its error body.
pub fn refusal(response: &TestResponse, status: StatusCode) -> bocal::api::ErrorBody {
    assert_eq!(response.status, status, "{}", response.text());
    response.json()
}

/// Running balances (`ledger_balances`, kept by a trigger) that differ from their book's
/// postings summed, both ways round: none in a sound ledger.
pub fn drifted_balances(conn: &rusqlite::Connection) -> Vec<String> {
    let mut statement = conn
        .prepare(
            "WITH summed AS (
                 SELECT book, coalesce(book_id, 0) AS book_id, unit,
                        coalesce(recipe_id, 0) AS recipe_id, coalesce(jar_ml, 0) AS jar_ml,
                        coalesce(batch_id, 0) AS batch_id, sum(amount) AS amount
                 FROM ledger_postings GROUP BY 1, 2, 3, 4, 5, 6),
             running AS (
                 SELECT book, book_id, unit, recipe_id, jar_ml, batch_id, amount
                 FROM ledger_balances)
             SELECT 'postings ' || book || ':' || book_id || ':' || unit || ':' || amount
             FROM (SELECT * FROM summed EXCEPT SELECT * FROM running)
             UNION ALL
             SELECT 'running ' || book || ':' || book_id || ':' || unit || ':' || amount
             FROM (SELECT * FROM running EXCEPT SELECT * FROM summed)",
        )
        .unwrap();
    let rows = statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<Vec<String>, _>>()
        .unwrap();
    rows
}
