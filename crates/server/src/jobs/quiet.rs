//! Quiet hours: a stretch of each day (`22:00-07:00`, in the user's time zone) in which mail
//! and webhook posts to them wait; the console is never held back.

use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Tz;

use super::working_time::{instant, parse_span};

/// A daily stretch from `start` to `end`, past midnight when `end` comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    start: NaiveTime,
    end: NaiveTime,
}

impl QuietHours {
    /// `HH:MM-HH:MM`, or why not.
    pub fn parse(text: &str) -> Result<QuietHours, String> {
        let form = "write a start and an end such as 22:00-07:00";
        let (start, end) = parse_span(text, form)?;
        if start == end {
            return Err(format!("{text:?}: the start and the end must differ"));
        }
        Ok(QuietHours { start, end })
    }

    /// When the quiet hours around `now` end in `zone`; `None` when `now` is not in them.
    pub fn end_after(&self, now: DateTime<Utc>, zone: Tz) -> Option<DateTime<Utc>> {
        let local = now.with_timezone(&zone);
        let time = local.time();
        let quiet = if self.start < self.end {
            self.start <= time && time < self.end
        } else {
            time >= self.start || time < self.end
        };
        if !quiet {
            return None;
        }
        let mut day = local.date_naive();
        if time >= self.end {
            day = day.succ_opt()?;
        }
        Some(instant(zone, day, self.end))
    }
}

impl std::fmt::Display for QuietHours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}-{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn quiet_hours_past_midnight_end_the_next_morning() {
        let night = QuietHours::parse("22:00-07:00").unwrap();
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        // 23:30 and 06:00 Berlin in winter (UTC+1): both end at 07:00 Berlin, 06:00 UTC.
        let late = utc("2026-12-07T22:30:00Z");
        assert_eq!(
            night.end_after(late, berlin),
            Some(utc("2026-12-08T06:00:00Z"))
        );
        let early = utc("2026-12-08T05:00:00Z");
        assert_eq!(
            night.end_after(early, berlin),
            Some(utc("2026-12-08T06:00:00Z"))
        );
        assert_eq!(night.end_after(utc("2026-12-08T06:00:00Z"), berlin), None);
        assert_eq!(night.end_after(utc("2026-12-08T12:00:00Z"), berlin), None);
        let lunch = QuietHours::parse("12:00-13:30").unwrap();
        assert_eq!(
            lunch.end_after(utc("2026-12-08T12:15:00Z"), Tz::UTC),
            Some(utc("2026-12-08T13:30:00Z"))
        );
        assert_eq!(lunch.to_string(), "12:00-13:30");
        for (bad, says) in [
            ("10pm-7am", "is not a time"),
            ("22:00", "start and an end"),
            ("08:00-08:00", "must differ"),
        ] {
            let error = QuietHours::parse(bad).unwrap_err();
            assert!(error.contains(says), "{bad}: {error}");
        }
    }
}
