//! What the app knows about its connection and its own version, from the browser and from the
//! service worker (public/sw.js, whose news public/register-sw.js turns into window events):
//! whether it is offline and since when the data shown dates, when stored data was refreshed
//! behind the page, and whether a new build waits.

use std::cell::Cell;
use std::future::Future;
use std::time::Duration;

use chrono::{DateTime, Utc};
use gloo_net::http::Request;
use leptos::ev::Custom;
use leptos::prelude::*;

use crate::api::paths;
use crate::app::client::{self, Heard};

#[derive(Clone, Copy)]
pub struct Connection {
    /// The browser says so, or a read just failed.
    offline: RwSignal<bool>,
    /// When the oldest stored answer shown since the network last answered was read.
    stored_at: RwSignal<Option<DateTime<Utc>>>,
    /// Bumped when stored data changed: the pages' resources read it again.
    generation: RwSignal<u64>,
    /// Bumped each time the network answers again (after a failure, or the browser's "online"):
    /// what waits in the outbox goes then.
    returns: RwSignal<u64>,
    update_ready: RwSignal<bool>,
}

thread_local! {
    // The client reads and writes it between awaits, outside any component. The app is one
    // thread; the signals live as long as the app.
    static CONNECTION: Cell<Option<Connection>> = const { Cell::new(None) };
    // Whether a check of the server waits (see `check_back_later`), and how long the next one
    // will wait.
    static CHECK_WAITING: Cell<bool> = const { Cell::new(false) };
    static CHECK_DELAY: Cell<Duration> = const { Cell::new(FIRST_CHECK) };
}

// The network failed while the browser says it is online: a connection still coming back (the
// browser can say "online" before the service worker reaches the server), a captive portal,
// the server restarting. No "online" event will follow, and a page that reads nothing more
// would keep its banner: the app asks the server itself, less and less often.
const FIRST_CHECK: Duration = Duration::from_secs(2);
const LAST_CHECK: Duration = Duration::from_secs(60);

/// Called once at the app's start.
pub fn provide_connection() {
    let online = window().navigator().on_line();
    let update_ready = document()
        .document_element()
        .and_then(|html| html.get_attribute("data-update-ready"))
        .is_some();
    let connection = Connection {
        offline: RwSignal::new(!online),
        stored_at: RwSignal::new(None),
        generation: RwSignal::new(0),
        returns: RwSignal::new(0),
        update_ready: RwSignal::new(update_ready),
    };
    CONNECTION.with(|cell| cell.set(Some(connection)));
    client::on_every_answer(heard);
    provide_context(connection);

    window_event_listener(Custom::<web_sys::Event>::new("online"), move |_| {
        checks_start_over();
        connection.back_online();
    });
    window_event_listener(Custom::<web_sys::Event>::new("offline"), move |_| {
        connection.offline.set(true)
    });
    window_event_listener(
        Custom::<web_sys::Event>::new("bocal:unreachable"),
        move |_| connection.went_unreachable(),
    );
    // A read behind the page got through (a failure may have been told just before the
    // connection came back), unless the browser itself says it is offline.
    window_event_listener(
        Custom::<web_sys::Event>::new("bocal:reachable"),
        move |_| {
            if window().navigator().on_line() {
                connection.network_answered();
            }
        },
    );
    window_event_listener(
        Custom::<web_sys::Event>::new("bocal:data-updated"),
        move |_| connection.refresh(),
    );
    window_event_listener(
        Custom::<web_sys::Event>::new("bocal:update-ready"),
        move |_| connection.update_ready.set(true),
    );
}

pub fn use_connection() -> Connection {
    expect_context::<Connection>()
}

impl Connection {
    /// `Some(when the data shown was stored)` while offline; `Some(None)` offline with nothing
    /// stored shown; `None` online.
    pub fn offline_data_from(&self) -> Option<Option<DateTime<Utc>>> {
        self.offline.get().then(|| self.stored_at.get())
    }

    pub fn update_ready(&self) -> bool {
        self.update_ready.get()
    }

    /// Counts the times the network answered again: the browser's "online", the server
    /// answering the app's own check, or a read getting through after a failure. An effect
    /// that reads it runs each time.
    pub fn returns(&self) -> u64 {
        self.returns.get()
    }

    /// The browser says it is online, or the server answered the app's own check: the banner
    /// goes, the pages read their data again, fresh, and what waits is sent.
    fn back_online(&self) {
        self.offline.set(false);
        self.stored_at.set(None);
        self.refresh();
        self.returns.update(|n| *n += 1);
    }

    /// A read got its answer from the network: if the app thought it was offline, the banner
    /// goes and what waits is sent.
    fn network_answered(&self) {
        if self.offline.get_untracked() {
            self.offline.set(false);
            self.returns.update(|n| *n += 1);
        }
    }

    fn refresh(&self) {
        self.generation.update(|n| *n += 1);
    }

    /// A read got no answer from the network.
    fn went_unreachable(&self) {
        self.offline.set(true);
        if window().navigator().on_line() {
            self.check_back_later();
        }
    }

    /// Asks the server, after a while, whether it answers again; once at a time, twice as long
    /// each time. The delay starts over when the browser says "online", or when the network
    /// answered before the check was due, not when the check itself succeeds: when a send
    /// keeps failing while the server answers (a photo too big for a weak link), it is then
    /// tried again less and less often, not every two seconds.
    fn check_back_later(&self) {
        if CHECK_WAITING.replace(true) {
            return;
        }
        let delay = CHECK_DELAY.get();
        CHECK_DELAY.set((delay * 2).min(LAST_CHECK));
        let connection = *self;
        set_timeout(
            move || leptos::task::spawn_local(connection.check_back()),
            delay,
        );
    }

    async fn check_back(self) {
        let still_needed = self.offline.get_untracked() && window().navigator().on_line();
        // Back online meanwhile, or the browser knows it is offline (its "online" event will say).
        if !still_needed {
            CHECK_WAITING.set(false);
            checks_start_over();
            return;
        }
        let answered = server_answers().await;
        CHECK_WAITING.set(false);
        if answered {
            self.back_online();
        } else if window().navigator().on_line() {
            self.check_back_later();
        }
    }

    /// Asks the waiting service worker to take over; the page then reloads on the new build.
    pub fn apply_update(&self) {
        if let Ok(event) = web_sys::Event::new("bocal:apply-update") {
            let _ = window().dispatch_event(&event);
        }
    }
}

/// A resource of data the service worker may refresh behind the page (public pages, the
/// wallet): read again when it did, and when the connection comes back. Forms do not use it: a
/// re-read would reset what someone is typing.
pub fn refreshed_resource<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> LocalResource<T>
where
    T: 'static,
    Fut: Future<Output = T> + 'static,
{
    let generation = use_connection().generation;
    LocalResource::new(move || {
        generation.track();
        fetch()
    })
}

fn checks_start_over() {
    CHECK_DELAY.set(FIRST_CHECK);
}

/// What the client heard, for the banner: an answer fresh from the network, one stored by the
/// service worker at some time, or none at all. Registered with the client at start.
fn heard(answer: Heard) {
    let Some(connection) = CONNECTION.with(Cell::get) else {
        return;
    };
    match answer {
        Heard::FromServer => {
            connection.network_answered();
            connection.stored_at.set(None);
        }
        Heard::Stored(stored_at) => connection.stored_at.update(|oldest| {
            if oldest.is_none_or(|oldest| stored_at < oldest) {
                *oldest = Some(stored_at);
            }
        }),
        Heard::Nothing => connection.went_unreachable(),
    }
}

/// Whether the server answers now (the service worker never stores this check): for the
/// banner, which checks now and then once reads fail.
async fn server_answers() -> bool {
    Request::get(paths::HEALTH)
        .send()
        .await
        .is_ok_and(|response| response.ok())
}
