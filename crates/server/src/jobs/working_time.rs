//! A team's working time: the hours its clock runs (`Mon-Fri 09:00-17:00` in its time zone, or
//! around the clock), stopped on its holidays. A response target is counted in it, so a message
//! that came in on Friday evening is not forgotten by Saturday morning.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// When a team's clock runs.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkingTime {
    pub zone: Tz,
    /// `None`: every hour of every day that is not a holiday.
    pub hours: Option<WorkingHours>,
    pub holidays: Vec<NaiveDate>,
}

/// The same hours on some days of the week, such as `Mon-Fri 09:00-17:00`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingHours {
    days: [bool; 7],
    open: NaiveTime,
    close: NaiveTime,
}

/// How far ahead a span is looked for before giving up on the hours (a year of holidays).
const MAX_DAYS: usize = 800;

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

impl WorkingHours {
    /// Days (`Mon-Fri`, `Mon,Wed,Fri`, `Sat`) and hours (`09:00-17:00`), or why not.
    pub fn parse(text: &str) -> Result<WorkingHours, String> {
        let form = "write days and hours such as Mon-Fri 09:00-17:00";
        let (days, hours) = text
            .trim()
            .split_once(' ')
            .ok_or_else(|| format!("{text:?}: {form}"))?;
        let mut chosen = [false; 7];
        for part in days.split(',') {
            let (first, last) = part.split_once('-').unwrap_or((part, part));
            let (first, last) = (day_index(first), day_index(last));
            let (Some(first), Some(last)) = (first, last) else {
                return Err(format!("{part:?} is not a day or range of days: {form}"));
            };
            let mut day = first;
            loop {
                chosen[day] = true;
                if day == last {
                    break;
                }
                day = (day + 1) % 7;
            }
        }
        let (open, close) = parse_span(hours, form)?;
        if open >= close {
            return Err(format!("{hours:?}: the day must end after it starts"));
        }
        Ok(WorkingHours {
            days: chosen,
            open,
            close,
        })
    }

    fn runs_on(&self, day: NaiveDate) -> bool {
        self.days[day.weekday().num_days_from_monday() as usize]
    }
}

/// Written back the way [`WorkingHours::parse`] reads it.
impl std::fmt::Display for WorkingHours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = (0..7)
            .filter(|&d| self.days[d])
            .map(|d| &DAYS[d][..3])
            .collect();
        let (open, close) = (self.open.format("%H:%M"), self.close.format("%H:%M"));
        write!(f, "{} {open}-{close}", names.join(","))
    }
}

/// Monday as 0: a day's name, or its first three letters or more, in any case.
fn day_index(name: &str) -> Option<usize> {
    let name = name.trim().to_ascii_lowercase();
    DAYS.iter()
        .position(|day| name.len() >= 3 && day.to_ascii_lowercase().starts_with(&name))
}

impl WorkingTime {
    /// The moment `span` of working time after `start` has passed. With no working hour in
    /// sight (every day a holiday) the span is counted around the clock.
    pub fn add(&self, start: DateTime<Utc>, span: Duration) -> DateTime<Utc> {
        let mut left = span;
        let mut day = start.with_timezone(&self.zone).date_naive();
        for _ in 0..MAX_DAYS {
            if let Some((open, close)) = self.window(day) {
                let from = open.max(start);
                if close > from {
                    if left <= close - from {
                        return from + left;
                    }
                    left -= close - from;
                }
            }
            let Some(next) = day.succ_opt() else { break };
            day = next;
        }
        start + span
    }

    /// The stretch of `day` the clock runs, in UTC.
    fn window(&self, day: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        if self.holidays.contains(&day) {
            return None;
        }
        match &self.hours {
            None => Some((
                self.at(day, NaiveTime::MIN),
                self.at(day.succ_opt()?, NaiveTime::MIN),
            )),
            Some(hours) if hours.runs_on(day) => {
                Some((self.at(day, hours.open), self.at(day, hours.close)))
            }
            Some(_) => None,
        }
    }

    fn at(&self, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        instant(self.zone, day, time)
    }
}

/// Two times of day `HH:MM-HH:MM`, or why not (`form` says how to write them).
pub(super) fn parse_span(text: &str, form: &str) -> Result<(NaiveTime, NaiveTime), String> {
    let (first, second) = text
        .trim()
        .split_once('-')
        .ok_or_else(|| format!("{text:?}: {form}"))?;
    let time = |t: &str| {
        NaiveTime::parse_from_str(t.trim(), "%H:%M")
            .map_err(|_| format!("{t:?} is not a time such as 09:00"))
    };
    Ok((time(first)?, time(second)?))
}

/// `time` on local `day` in `zone`; a time a clock change skips is read an hour later.
pub(super) fn instant(zone: Tz, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let local = day.and_time(time);
    zone.from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            let later = local + Duration::hours(1);
            zone.from_local_datetime(&later).earliest()
        })
        .map_or_else(|| local.and_utc(), |at| at.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin_office() -> WorkingTime {
        WorkingTime {
            zone: "Europe/Berlin".parse().unwrap(),
            hours: Some(WorkingHours::parse("Mon-Fri 09:00-17:00").unwrap()),
            holidays: vec![NaiveDate::from_ymd_opt(2026, 12, 24).unwrap()],
        }
    }

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn around_the_clock_a_day_is_a_day_except_holidays() {
        let always = WorkingTime {
            zone: Tz::UTC,
            hours: None,
            holidays: vec![NaiveDate::from_ymd_opt(2026, 12, 25).unwrap()],
        };
        let start = utc("2026-12-22T10:00:00Z");
        assert_eq!(
            always.add(start, Duration::hours(24)),
            utc("2026-12-23T10:00:00Z")
        );
        let before_holiday = utc("2026-12-24T10:00:00Z");
        assert_eq!(
            always.add(before_holiday, Duration::hours(24)),
            utc("2026-12-26T10:00:00Z")
        );
    }

    #[test]
    fn office_hours_skip_nights_weekends_and_holidays() {
        let office = berlin_office();
        // Friday 18 Dec 16:00 Berlin (15:00 UTC): one hour on Friday, seven on Monday.
        let friday = utc("2026-12-18T15:00:00Z");
        assert_eq!(
            office.add(friday, Duration::hours(8)),
            utc("2026-12-21T15:00:00Z")
        );
        // Saturday night: the clock starts on Monday at 09:00 Berlin.
        let saturday = utc("2026-12-19T22:00:00Z");
        assert_eq!(
            office.add(saturday, Duration::hours(1)),
            utc("2026-12-21T09:00:00Z")
        );
        // Wednesday 23 Dec 16:00: Thursday 24 is a holiday, so the rest is on Friday.
        let wednesday = utc("2026-12-23T15:00:00Z");
        assert_eq!(
            office.add(wednesday, Duration::hours(2)),
            utc("2026-12-25T09:00:00Z")
        );
    }

    #[test]
    fn hours_are_read_and_written_back() {
        let hours = WorkingHours::parse("mon-fri 08:30-16:00").unwrap();
        assert_eq!(hours.to_string(), "Mon,Tue,Wed,Thu,Fri 08:30-16:00");
        assert_eq!(
            WorkingHours::parse("Sat,Sun 10:00-14:00")
                .unwrap()
                .to_string(),
            "Sat,Sun 10:00-14:00"
        );
        assert_eq!(
            WorkingHours::parse("Fri-Mon 10:00-14:00")
                .unwrap()
                .to_string(),
            "Mon,Fri,Sat,Sun 10:00-14:00"
        );
        for (bad, says) in [
            ("weekdays 9-5", "\"weekdays\" is not a day"),
            ("Mon-Fri 17:00-09:00", "must end after it starts"),
            ("Mon-Fri 9am-5pm", "\"9am\" is not a time"),
            ("Mon-Fri", "write days and hours"),
        ] {
            let error = WorkingHours::parse(bad).unwrap_err();
            assert!(error.contains(says), "{bad}: {error}");
        }
    }
}
