//! Where the server reads the time. Every "now" of a request (is this workshop over, is this
//! lot's window closed, is this reversal the same day, has this session been idle too long)
//! comes from the `Clock` in `AppState`, so that tests can say what time it is.
//!
//! There is deliberately no flag or setting that changes it: a production server always reads
//! the system clock. The in-process tests build the app with `Clock::starting_at`; the tests
//! that start the `bocal-server` binary pin its system clock from outside (libfaketime).

use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Utc};

#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// `None`: the system clock. `Some`: a chosen instant, and the moment it was chosen.
    pinned: Option<Arc<(DateTime<Utc>, Instant)>>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock { pinned: None }
    }

    /// A clock that reads `instant` now and then runs at the pace of real time (requests
    /// still see time pass: a session's last use, a retry's delay).
    pub fn starting_at(instant: DateTime<Utc>) -> Clock {
        Clock {
            pinned: Some(Arc::new((instant, Instant::now()))),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &self.pinned {
            None => Utc::now(),
            Some(pinned) => {
                let (start, started) = **pinned;
                start + chrono::Duration::from_std(started.elapsed()).unwrap_or_default()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_pinned_clock_starts_at_its_instant_and_runs_forward() {
        let instant = Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap();
        let clock = Clock::starting_at(instant);
        let first = clock.now();
        assert!(first >= instant && first - instant < chrono::Duration::seconds(5));
        assert!(clock.clone().now() >= first);
    }

    #[test]
    fn the_system_clock_reads_the_system_time() {
        let before = Utc::now();
        let read = Clock::system().now();
        assert!(read >= before && read - before < chrono::Duration::seconds(5));
    }
}
