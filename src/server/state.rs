//! What every handler, page and task shares: the storage, the clock, how people are told, who
//! runs this Bocal, and the brakes. The ground floor of the server: it imports nothing that
//! stands above it.

use std::sync::Arc;

use crate::api::operator::Operator;
use crate::server::clock::Clock;
use crate::server::notifications::Notifications;
use crate::server::security::proxies::TrustedProxies;
use crate::server::security::throttle::LoginThrottle;
use crate::server::storage::Storage;

#[derive(Clone)]
pub struct AppState {
    pub storage: Storage,
    /// Every request's "now" (see `clock`).
    pub clock: Clock,
    /// How people are told (the sender reads it; the message log says what is missing).
    pub notifications: Arc<Notifications>,
    /// Rung when a request wrote messages, so that they leave now rather than at the sender's
    /// next round.
    sender_wake: Arc<tokio::sync::Notify>,
    pub login_throttle: Arc<LoginThrottle>,
    /// Reverse proxies whose `X-Forwarded-For` gives the client's address.
    pub trusted_proxies: Arc<TrustedProxies>,
    /// Who runs this Bocal (`--config`).
    pub operator: Arc<Operator>,
}

impl AppState {
    /// The production state: the system clock.
    pub fn new(storage: Storage) -> AppState {
        AppState::with_clock(storage, Clock::system())
    }

    pub fn with_clock(storage: Storage, clock: Clock) -> AppState {
        AppState {
            storage,
            clock,
            notifications: Arc::default(),
            sender_wake: Arc::default(),
            login_throttle: Arc::default(),
            trusted_proxies: Arc::default(),
            operator: Arc::new(Operator::unconfigured()),
        }
    }

    pub fn with_operator(mut self, operator: Operator) -> AppState {
        self.operator = Arc::new(operator);
        self
    }

    pub fn wake_sender(&self) {
        self.sender_wake.notify_one();
    }

    /// Waits for `wake_sender`.
    pub async fn sender_woken(&self) {
        self.sender_wake.notified().await
    }

    pub fn with_notifications(mut self, notifications: Notifications) -> AppState {
        self.notifications = Arc::new(notifications);
        self
    }

    pub fn with_trusted_proxies(mut self, proxies: TrustedProxies) -> AppState {
        self.trusted_proxies = Arc::new(proxies);
        self
    }
}
