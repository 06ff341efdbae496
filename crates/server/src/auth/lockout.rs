//! How long a sign-in must wait after wrong passwords: a budget per account and address with
//! growing delays, and a larger one per address. Never a lock for good: every failure stops
//! counting after the window, and a success clears the account's count at that address.

use chrono::{DateTime, Utc};
use defuse_storage::LoginFailures;

use crate::settings::RateLimitSettings;

/// The longest doubling counted, so the delay never overflows (it is capped well before).
const MAX_DOUBLINGS: i64 = 30;

/// Seconds to wait before trying again, or `None` when a try is allowed now.
pub fn wait(
    limits: &RateLimitSettings,
    failures: LoginFailures,
    now: DateTime<Utc>,
) -> Option<u64> {
    let by_pair = pair_wait(limits, failures, now);
    let by_address = (failures.by_address >= i64::from(limits.login_per_address))
        .then_some(limits.window_seconds);
    by_pair.max(by_address).filter(|&seconds| seconds > 0)
}

/// The account at this address: the first delay once its budget is spent, doubled for each
/// further failure, up to the window, counted from the latest failure.
fn pair_wait(
    limits: &RateLimitSettings,
    failures: LoginFailures,
    now: DateTime<Utc>,
) -> Option<u64> {
    let over = failures.by_account_and_address - i64::from(limits.login_per_account_and_address);
    let last = failures.last_by_account_and_address?;
    if over < 0 {
        return None;
    }
    let delay = limits
        .first_delay_seconds
        .saturating_mul(1 << over.min(MAX_DOUBLINGS))
        .min(limits.window_seconds);
    let waited = (now - last).num_seconds().max(0) as u64;
    Some(delay.saturating_sub(waited))
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;

    fn limits() -> RateLimitSettings {
        RateLimitSettings {
            login_per_account_and_address: 3,
            login_per_address: 10,
            first_delay_seconds: 30,
            window_seconds: 900,
        }
    }

    fn failures(pair: i64, seconds_ago: i64, address: i64, now: DateTime<Utc>) -> LoginFailures {
        LoginFailures {
            by_account_and_address: pair,
            last_by_account_and_address: (pair > 0).then(|| now - Duration::seconds(seconds_ago)),
            by_address: address,
        }
    }

    #[test]
    fn the_wait_starts_at_the_budget_and_doubles_with_each_further_failure() {
        let now = Utc::now();
        let waits: Vec<_> = (0..=9)
            .map(|pair| wait(&limits(), failures(pair, 0, pair, now), now))
            .collect();
        assert_eq!(
            waits,
            [
                None,
                None,
                None,
                Some(30),
                Some(60),
                Some(120),
                Some(240),
                Some(480),
                Some(900),
                Some(900)
            ]
        );
    }

    #[test]
    fn the_wait_counts_from_the_latest_failure_and_ends() {
        let now = Utc::now();
        assert_eq!(wait(&limits(), failures(4, 45, 4, now), now), Some(15));
        assert_eq!(wait(&limits(), failures(4, 60, 4, now), now), None);
        assert_eq!(
            wait(&limits(), failures(40, 900, 4, now), now),
            None,
            "never for good"
        );
    }

    #[test]
    fn an_address_trying_many_accounts_waits_out_the_window() {
        let now = Utc::now();
        assert_eq!(wait(&limits(), failures(1, 0, 10, now), now), Some(900));
        assert_eq!(wait(&limits(), failures(1, 0, 9, now), now), None);
    }
}
