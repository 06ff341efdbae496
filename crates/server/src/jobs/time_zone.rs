//! Users' time zones: IANA names checked when a user sets theirs, and times shown in them.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// The zone named `name` (such as `Europe/Berlin`), or why not.
pub fn parse_time_zone(name: &str) -> Result<Tz, String> {
    name.trim()
        .parse::<Tz>()
        .map_err(|_| format!("{name:?} is not an IANA time zone such as Europe/Berlin"))
}

/// `at` as a reader in `zone` writes it: `Mon 5 Jan 10:00 Europe/Berlin`; UTC for an
/// unknown zone.
pub fn local_time(at: DateTime<Utc>, zone: &str) -> String {
    let zone = parse_time_zone(zone).unwrap_or(Tz::UTC);
    let local = at.with_timezone(&zone).format("%a %-d %b %H:%M");
    format!("{local} {}", zone.name())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn times_are_shown_in_the_readers_zone() {
        let at = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
        assert_eq!(
            local_time(at, "Europe/Berlin"),
            "Mon 5 Jan 10:00 Europe/Berlin"
        );
        assert_eq!(
            local_time(at, "America/New_York"),
            "Mon 5 Jan 04:00 America/New_York"
        );
        assert_eq!(local_time(at, "Mars/Olympus"), "Mon 5 Jan 09:00 UTC");
        assert!(
            parse_time_zone("Mars/Olympus")
                .unwrap_err()
                .contains("Mars/Olympus")
        );
    }
}
