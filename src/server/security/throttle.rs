//! Brute-force brake on logins: failures are counted per login typed and per client address,
//! over a sliding window. Counting the login as typed (not the account) gives unknown logins
//! exactly the same treatment as real ones.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Failures allowed for one login within the window.
pub const PER_LOGIN: usize = 5;
/// Failures allowed from one address within the window (a counter's shared connection makes
/// honest mistakes too, hence more).
pub const PER_ADDRESS: usize = 30;

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl LoginThrottle {
    /// How long to wait before trying again, if either counter is full.
    pub fn wait(&self, login: &str, address: &str, now: Instant) -> Option<Duration> {
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        [
            (login_key(login), PER_LOGIN),
            (address_key(address), PER_ADDRESS),
        ]
        .into_iter()
        .filter_map(|(key, limit)| {
            let recent: Vec<&Instant> = failures
                .get(&key)?
                .iter()
                .filter(|at| now.duration_since(**at) < WINDOW)
                .collect();
            // The oldest failure that still counts decides when a try is free again.
            (recent.len() >= limit)
                .then(|| WINDOW - now.duration_since(*recent[recent.len() - limit]))
        })
        .max()
    }

    pub fn record_failure(&self, login: &str, address: &str, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for key in [login_key(login), address_key(address)] {
            let times = failures.entry(key).or_default();
            times.retain(|at| now.duration_since(*at) < WINDOW);
            times.push(now);
        }
        // Forget what no longer counts, so the map stays small.
        if failures.len() > 10_000 {
            failures.retain(|_, times| times.iter().any(|at| now.duration_since(*at) < WINDOW));
        }
    }

    /// A successful login clears its login's count (not the address's).
    pub fn forget_login(&self, login: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.remove(&login_key(login));
    }
}

fn login_key(login: &str) -> String {
    format!("login:{login}")
}

fn address_key(address: &str) -> String {
    format!("address:{address}")
}

/// "Réessayez dans 12 minutes."
pub fn wait_message(wait: Duration) -> String {
    let minutes = wait.as_secs().div_ceil(60).max(1);
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Trop de tentatives de connexion. Réessayez dans {minutes} {unit}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_login_is_braked_after_five_failures_for_fifteen_minutes() {
        let throttle = LoginThrottle::default();
        let start = Instant::now();
        for second in 0..PER_LOGIN as u64 {
            assert_eq!(throttle.wait("482913", "10.0.0.1", start), None);
            throttle.record_failure("482913", "10.0.0.1", start + Duration::from_secs(second));
        }
        let now = start + Duration::from_secs(60);
        let wait = throttle.wait("482913", "10.0.0.2", now).unwrap();
        assert_eq!(wait, WINDOW - Duration::from_secs(60));
        assert_eq!(
            wait_message(wait),
            "Trop de tentatives de connexion. Réessayez dans 14 minutes."
        );
        // Another login from the same address is still free.
        assert_eq!(throttle.wait("0612345678", "10.0.0.1", now), None);
        // Once the window has passed, so has the brake.
        assert_eq!(
            throttle.wait(
                "482913",
                "10.0.0.1",
                start + WINDOW + Duration::from_secs(1)
            ),
            None
        );
    }

    #[test]
    fn an_address_is_braked_after_many_failures_on_any_logins() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for attempt in 0..PER_ADDRESS {
            throttle.record_failure(&format!("login{attempt}"), "10.0.0.9", now);
        }
        assert!(throttle.wait("someone-new", "10.0.0.9", now).is_some());
        assert!(throttle.wait("someone-new", "10.0.0.8", now).is_none());
    }

    #[test]
    fn success_clears_the_login_count() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..PER_LOGIN {
            throttle.record_failure("482913", "10.0.0.1", now);
        }
        throttle.forget_login("482913");
        assert_eq!(throttle.wait("482913", "10.0.0.3", now), None);
    }
}
