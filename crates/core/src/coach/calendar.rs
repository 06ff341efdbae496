//! Explicit dates and hours in an agent's words: "3 March", "3rd of March", "March 3rd",
//! "12/03" (day/month), "2026-03-12", "3pm", "15:00", "noon". Used by [`super::when`].

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::when::{Tok, day_span, hm, word};

/// The months by their full names, lower case.
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month(w: &str) -> Option<u32> {
    const SHORT: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let m = MONTHS.iter().position(|m| *m == w).or_else(|| {
        SHORT
            .iter()
            .position(|m| *m == w || (w == "sept" && *m == "sep"))
    })?;
    Some(m as u32 + 1)
}

fn day_of_month(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(char::is_alphabetic);
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// An explicit date at token `i`: "3 March", "3rd of March", "March 3rd", "12/03", "12/03/2026", "2026-03-12".
/// Without a year, the next such date on or after today. Returns the date and its last token.
pub(super) fn date_at(toks: &[Tok<'_>], i: usize, today: NaiveDate) -> Option<(NaiveDate, usize)> {
    let w = word(toks, i);
    let upcoming = |m: u32, d: u32| {
        let this_year = NaiveDate::from_ymd_opt(today.year(), m, d)?;
        if this_year >= today {
            Some(this_year)
        } else {
            NaiveDate::from_ymd_opt(today.year() + 1, m, d)
        }
    };
    if let Some(d) = day_of_month(w) {
        let of = usize::from(word(toks, i + 1) == "of");
        return month(word(toks, i + 1 + of)).and_then(|m| Some((upcoming(m, d)?, i + 1 + of)));
    }
    if let Some(m) = month(w).filter(|_| w != "may" || day_of_month(word(toks, i + 1)).is_some()) {
        return day_of_month(word(toks, i + 1)).and_then(|d| Some((upcoming(m, d)?, i + 1)));
    }
    let iso_like = w.len() == 10 && w.as_bytes()[4] == b'-';
    if let Some(d) = iso_like
        .then(|| NaiveDate::parse_from_str(toks[i].raw, "%Y-%m-%d").ok())
        .flatten()
    {
        return Some((d, i));
    }
    let parts: Vec<&str> = w.split('/').collect();
    let (d, m) = match parts[..] {
        [d, m] | [d, m, _] => (d.parse().ok()?, m.parse().ok()?),
        _ => return None,
    };
    let date = match parts.get(2).and_then(|y| y.parse::<i32>().ok()) {
        Some(y) => NaiveDate::from_ymd_opt(if y < 100 { 2000 + y } else { y }, m, d)?,
        None => upcoming(m, d)?,
    };
    Some((date, i))
}

/// An hour written as a bare number after "at", "by", "before" or "until" ("pay today at 12",
/// "by 5"), read as the hour of a working day it most likely means: 12 is noon, 1 to 7 the
/// afternoon or evening, 8 to 11 the morning. A number followed by a unit ("at 12 months") is
/// not an hour.
fn bare_hour(toks: &[Tok<'_>], i: usize) -> Option<NaiveTime> {
    let before = i.checked_sub(1).map_or("", |k| word(toks, k));
    if !matches!(before, "at" | "by" | "before" | "until" | "till") {
        return None;
    }
    let unit = |w: &str| {
        w.starts_with(|c: char| c.is_alphabetic())
            && !matches!(
                w,
                "today" | "tonight" | "tomorrow" | "o" | "or" | "and" | "i" | "we" | "the" | "on"
            )
    };
    if unit(word(toks, i + 1)) {
        return None;
    }
    let h: u32 = word(toks, i).parse().ok()?;
    let h = match h {
        12 => 12,
        1..=7 => h + 12,
        8..=11 => h,
        _ => return None,
    };
    Some(hm((h, 0)))
}

/// An hour of the day at token `i`: "3pm", "3 pm", "3:30pm", "7.30am", "15:00", "noon", "midday",
/// "first thing".
pub(super) fn hour_at(toks: &[Tok<'_>], i: usize) -> Option<(NaiveTime, (usize, usize))> {
    let w = word(toks, i);
    match w {
        "noon" | "midday" | "lunchtime" => return Some((hm((12, 0)), day_span(toks, i, i))),
        "first" if word(toks, i + 1) == "thing" => {
            return Some((hm((10, 0)), day_span(toks, i, i + 1)));
        }
        _ => {}
    }
    let (clock, suffix, last) = match w.find(|c: char| c.is_alphabetic()) {
        Some(k) => (&w[..k], &w[k..], i),
        None if matches!(word(toks, i + 1), "am" | "pm") => (w, word(toks, i + 1), i + 1),
        None => (w, "", i),
    };
    // A dot is a time only with am or pm after it: "at £12.50" is a price.
    let split = match clock.split_once(':') {
        None if !suffix.is_empty() => clock.split_once('.'),
        colon => colon,
    };
    let (h, m) = match split {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None if !suffix.is_empty() => (clock.parse::<u32>().ok()?, 0),
        None => return bare_hour(toks, i).map(|t| (t, day_span(toks, i, i))),
    };
    let h = match suffix {
        "am" if h == 12 => 0,
        "am" if h <= 12 => h,
        "pm" if h < 12 => h + 12,
        "pm" if h == 12 => 12,
        // "3:30" in working hours is the afternoon, as for a bare hour.
        "" if (1..=7).contains(&h) => h + 12,
        "" if h < 24 => h,
        _ => return None,
    };
    Some((NaiveTime::from_hms_opt(h, m, 0)?, day_span(toks, i, last)))
}
