//! Who is logged in, for every page: asked once at start-up (`GET /api/v1/me`), updated at
//! login, logout and password change.

use leptos::prelude::*;

use crate::api::accounts::Me;
use crate::app::client::{self, ClientError};
use crate::app::local_store;
use crate::domain::Role;

/// Set on this device at login (to the account's role), removed at logout. The session cookie
/// is HttpOnly, so the app cannot see it; without this hint every visitor's first page would
/// ask the server for a session they do not have.
const LOGGED_IN_HINT: &str = "bocal.logged_in";

#[derive(Clone, Copy)]
pub struct Session {
    /// `None` until the first answer, then `Some(None)` when nobody is logged in.
    account: RwSignal<Option<Option<Me>>>,
}

impl Session {
    /// The logged-in account; `None` while unknown or logged out.
    pub fn me(&self) -> Option<Me> {
        self.account.get().flatten()
    }

    /// Whether the start-up check has answered.
    pub fn is_known(&self) -> bool {
        self.account.with(Option::is_some)
    }

    pub fn is_staff(&self) -> bool {
        self.account.with(|account| {
            account
                .as_ref()
                .and_then(Option::as_ref)
                .is_some_and(|me| me.role.is_staff())
        })
    }

    /// The role of who is logged in; while the start-up check is under way, the role this
    /// device last saw logged in. The header draws its links from it at once: drawn only once
    /// the server answered, they moved the page down (a layout shift of 0.28 in Lighthouse).
    pub fn expected_role(&self) -> Option<Role> {
        match self.account.get() {
            Some(me) => me.map(|me| me.role),
            None => local_store::get(LOGGED_IN_HINT).and_then(|code| Role::from_code(&code)),
        }
    }

    pub fn set(&self, me: Option<Me>) {
        match &me {
            Some(me) => local_store::set(LOGGED_IN_HINT, me.role.code()),
            None => local_store::remove(LOGGED_IN_HINT),
        }
        self.account.set(Some(me));
    }

    /// Asks the server again (after a 401, or a change made elsewhere).
    pub fn refresh(&self) {
        let session = *self;
        leptos::task::spawn_local(async move {
            match client::me().await {
                Ok(me) => session.set(Some(me)),
                Err(ClientError::Unauthenticated(_)) => session.set(None),
                // Offline: keep what we knew; a page that needs the server says so itself.
                Err(_) => session.account.update(|known| {
                    known.get_or_insert(None);
                }),
            }
        });
    }
}

pub fn provide_session() {
    let session = Session {
        account: RwSignal::new(None),
    };
    if local_store::get(LOGGED_IN_HINT).is_some() {
        session.refresh();
    } else {
        session.account.set(Some(None));
    }
    provide_context(session);
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
