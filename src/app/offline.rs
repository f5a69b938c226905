//! What the app knows about its connection and its own version, from the browser and from the
//! service worker (public/sw.js, whose news public/register-sw.js turns into window events):
//! whether it is offline and since when the data shown dates, when stored data was refreshed
//! behind the page, and whether a new build waits.

use std::cell::Cell;
use std::future::Future;

use chrono::{DateTime, Utc};
use leptos::ev::Custom;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Connection {
    /// The browser says so, or a read just failed.
    offline: RwSignal<bool>,
    /// When the oldest stored answer shown since the network last answered was read.
    stored_at: RwSignal<Option<DateTime<Utc>>>,
    /// Bumped when stored data changed: the pages' resources read it again.
    generation: RwSignal<u64>,
    update_ready: RwSignal<bool>,
}

thread_local! {
    // The client reads and writes it between awaits, outside any component. The app is one
    // thread; the signals live as long as the app.
    static CONNECTION: Cell<Option<Connection>> = const { Cell::new(None) };
}

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
        update_ready: RwSignal::new(update_ready),
    };
    CONNECTION.with(|cell| cell.set(Some(connection)));
    provide_context(connection);

    let refresh = move || connection.generation.update(|n| *n += 1);
    window_event_listener(Custom::<web_sys::Event>::new("online"), move |_| {
        connection.offline.set(false);
        connection.stored_at.set(None);
        refresh();
    });
    window_event_listener(Custom::<web_sys::Event>::new("offline"), move |_| {
        connection.offline.set(true)
    });
    window_event_listener(
        Custom::<web_sys::Event>::new("bocal:unreachable"),
        move |_| connection.offline.set(true),
    );
    // A read behind the page got through (a failure may have been told just before the
    // connection came back), unless the browser itself says it is offline.
    window_event_listener(
        Custom::<web_sys::Event>::new("bocal:reachable"),
        move |_| {
            if window().navigator().on_line() {
                connection.offline.set(false);
            }
        },
    );
    window_event_listener(
        Custom::<web_sys::Event>::new("bocal:data-updated"),
        move |_| refresh(),
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

/// The client saw an answer: fresh from the network, or stored by the service worker at
/// `stored_at`.
pub fn saw_answer(stored_at: Option<DateTime<Utc>>) {
    let Some(connection) = CONNECTION.with(Cell::get) else {
        return;
    };
    match stored_at {
        None => {
            connection.offline.set(false);
            connection.stored_at.set(None);
        }
        Some(stored_at) => connection.stored_at.update(|oldest| {
            if oldest.is_none_or(|oldest| stored_at < oldest) {
                *oldest = Some(stored_at);
            }
        }),
    }
}

/// The client got no answer at all.
pub fn saw_no_answer() {
    if let Some(connection) = CONNECTION.with(Cell::get) {
        connection.offline.set(true);
    }
}
