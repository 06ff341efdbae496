//! Time words in an agent's sentence ("tomorrow afternoon", "by Friday", "within 24 hours",
//! "on 3 March", "12/03", "at 3pm"), resolved against the time the message was sent.
//!
//! A due time is the latest moment that still keeps the promise. A working day ends at 17:00
//! local time, so "by Friday" is Friday 17:00; mornings end at 12:00 and evenings at 21:00. A day
//! already past its default hour ("today" sent at 18:30) runs to 23:59. Weekday names mean the
//! next such day after today; "next week" means its Friday, and "the weekend" this week's
//! Friday (a weekend day is itself); "now" and "right away" mean the
//! send time. Numeric dates are day/month.
//! Local time is the conversation's fixed UTC offset.

use chrono::{
    DateTime, Datelike, Days, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Weekday,
};

use super::calendar::{date_at, hour_at};
use super::conversation::{Timestamp, UtcOffset};
use super::phrases::dot_between_digits;

/// When a promise is due, as far as the words say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    At(Timestamp),
    /// A time was hinted but not given ("soon", "ASAP", "shortly").
    Vague,
}

/// Time words found in a text, with their byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimePhrase {
    pub start: usize,
    pub end: usize,
    pub due: Due,
    /// A day was named without an hour or a part of the day ("by Friday", "tomorrow"), so
    /// `due` is that day's default hour.
    pub day_only: bool,
    /// An hour of today was named that is already past when the text is sent ("by 5pm today"
    /// at 20:40), so `due` is the end of today.
    pub passed: bool,
}

const END_OF_BUSINESS: (u32, u32) = (17, 0);
const MORNING: (u32, u32) = (12, 0);
const EVENING: (u32, u32) = (21, 0);

/// The first time phrase in `text`: a day and an hour combine ("Friday at 10am"); a hint such as
/// "soon" counts only when nothing firmer is there.
pub fn find(text: &str, sent_at: Timestamp, offset: UtcOffset) -> Option<TimePhrase> {
    let now = sent_at.local(offset);
    let toks = tokens(text);
    let mut day = (0..toks.len()).find_map(|i| day_at(&toks, i, now));
    let mut hour = (0..toks.len())
        .find_map(|i| hour_at(&toks, i))
        .map(|h| until(&toks, h));
    // A day and an hour in different clauses belong to different things ("the tracking number
    // by 4pm, and it will arrive Thursday"): the first one stands alone.
    if let (Some((_, d)), Some((_, h))) = (&day, &hour)
        && apart(text, *d, *h)
    {
        if d.0 < h.0 {
            hour = None;
        } else {
            day = None;
        }
    }
    let span = |a: (usize, usize), b: Option<(usize, usize)>| {
        b.map_or(a, |b| (a.0.min(b.0), a.1.max(b.1)))
    };
    let day_only = matches!((&day, &hour), (Some((Found::Day(_, _, true), _)), None));
    let (found, (start, end)) = match (day, hour) {
        (Some((Found::Instant(t), s)), _) => (Some(t), s),
        (Some((Found::Day(d, default, _), s)), h) => (
            at_local(now, d, h.map_or(default, |h| h.0)),
            span(s, h.map(|h| h.1)),
        ),
        (None, Some((h, s))) => {
            let today = at_local(now, now.date_naive(), h);
            let t = today
                .filter(|t| *t >= now)
                .or_else(|| at_local(now, now.date_naive() + Days::new(1), h));
            (t, s)
        }
        (None, None) => {
            let (start, end) = (0..toks.len()).find_map(|i| vague_at(&toks, i))?;
            return Some(TimePhrase {
                start,
                end,
                due: Due::Vague,
                day_only: false,
                passed: false,
            });
        }
    };
    let t = found?;
    let passed = t < now && t.date_naive() == now.date_naive();
    Some(TimePhrase {
        start,
        end,
        due: Due::At(Timestamp(if passed { end_of(now) } else { t }.timestamp())),
        day_only,
        passed: passed && !day_only,
    })
}

/// Whether the spans `a` and `b` of `text` lie in different clauses: a semicolon between them,
/// or a comma followed by a word that starts a new clause.
fn apart(text: &str, a: (usize, usize), b: (usize, usize)) -> bool {
    let (from, to) = if a.0 < b.0 { (a.1, b.0) } else { (b.1, a.0) };
    let Some(between) = text.get(from..to) else {
        return false;
    };
    const JOINS: &[&str] = &["and", "but", "then", "so", "which", "while", "whereas"];
    between.contains(';')
        || between.split(',').skip(1).any(|rest| {
            let next = rest.split_whitespace().next().unwrap_or("");
            JOINS.contains(&next.to_lowercase().as_str())
        })
}

/// "between 2pm and 6pm", "from 8 to 12": a window is kept until its end, so the later hour is
/// the due time, and the span takes in both.
fn until(toks: &[Tok<'_>], first: (NaiveTime, (usize, usize))) -> (NaiveTime, (usize, usize)) {
    let (t, (start, end)) = first;
    let Some(last) = toks.iter().position(|k| k.end == end) else {
        return first;
    };
    if !matches!(word(toks, last + 1), "and" | "to" | "until" | "till") {
        return first;
    }
    match hour_at(toks, last + 2) {
        Some((later, (_, to))) if later > t => (later, (start, to)),
        _ => first,
    }
}

enum Found {
    Instant(DateTime<FixedOffset>),
    /// A day at an hour; `true` when the hour is only the default (no part of the day named).
    Day(NaiveDate, NaiveTime, bool),
}

pub(super) struct Tok<'a> {
    pub(super) w: String,
    pub(super) raw: &'a str,
    pub(super) start: usize,
    pub(super) end: usize,
}

fn tokens(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        // "7.30am": a dot between digits is part of a time.
        let time_dot = dot_between_digits(text, i);
        let inner =
            c.is_alphanumeric() || ((matches!(c, ':' | '/' | '-') || time_dot) && start.is_some());
        match (inner, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let raw = text[s..i].trim_end_matches([':', '/', '-']);
                out.push(Tok {
                    w: raw.to_lowercase(),
                    raw,
                    start: s,
                    end: s + raw.len(),
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

pub(super) fn word<'a>(toks: &'a [Tok<'_>], i: usize) -> &'a str {
    toks.get(i).map_or("", |t| t.w.as_str())
}

pub(super) fn hm(h: (u32, u32)) -> NaiveTime {
    NaiveTime::from_hms_opt(h.0, h.1, 0).expect("valid default hour")
}

fn at_local(
    now: DateTime<FixedOffset>,
    d: NaiveDate,
    t: NaiveTime,
) -> Option<DateTime<FixedOffset>> {
    now.timezone().from_local_datetime(&d.and_time(t)).single()
}

fn end_of(now: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    at_local(
        now,
        now.date_naive(),
        NaiveTime::from_hms_opt(23, 59, 0).expect("valid"),
    )
    .unwrap_or(now)
}

/// A part of the day right after a day word: "tomorrow morning", "Friday afternoon".
fn part_of_day(toks: &[Tok<'_>], i: usize) -> Option<(u32, u32)> {
    match word(toks, i) {
        "morning" => Some(MORNING),
        "afternoon" => Some(END_OF_BUSINESS),
        "evening" | "night" => Some(EVENING),
        _ => None,
    }
}

pub(super) fn day_span(toks: &[Tok<'_>], i: usize, last: usize) -> (usize, usize) {
    (toks[i].start, toks[last].end)
}

/// A day (or an exact instant) starting at token `i`.
fn day_at(
    toks: &[Tok<'_>],
    i: usize,
    now: DateTime<FixedOffset>,
) -> Option<(Found, (usize, usize))> {
    let today = now.date_naive();
    let w = word(toks, i);
    let with_part = |date: NaiveDate, default: (u32, u32), last: usize| {
        let part = part_of_day(toks, last + 1);
        let (hour, last) = part.map_or((default, last), |p| (p, last + 1));
        Some((
            Found::Day(date, hm(hour), part.is_none()),
            day_span(toks, i, last),
        ))
    };
    match w {
        "now" | "immediately" => Some((Found::Instant(now), day_span(toks, i, i))),
        "right" | "straight" if word(toks, i + 1) == "away" => {
            Some((Found::Instant(now), day_span(toks, i, i + 1)))
        }
        "today" | "eod" | "cob" => with_part(today, END_OF_BUSINESS, i),
        "tonight" => with_part(today, EVENING, i),
        "this" if part_of_day(toks, i + 1).is_some() => with_part(today, END_OF_BUSINESS, i),
        "tomorrow" => with_part(today + Days::new(1), END_OF_BUSINESS, i),
        "end" | "close" if word(toks, i + 1) == "of" => {
            let j = i + 2 + usize::from(word(toks, i + 2) == "the");
            match word(toks, j) {
                "day" | "business" | "today" => with_part(today, END_OF_BUSINESS, j),
                "week" => with_part(friday(today, 0), END_OF_BUSINESS, j),
                "next" if word(toks, j + 1) == "week" => {
                    with_part(friday(today, 1), END_OF_BUSINESS, j + 1)
                }
                _ => None,
            }
        }
        // "by the weekend" is kept until the working week ends.
        "the" | "this" if word(toks, i + 1) == "weekend" => {
            with_part(friday(today, 0), END_OF_BUSINESS, i + 1)
        }
        "this" | "next" if word(toks, i + 1) == "week" => with_part(
            friday(today, u64::from(w == "next")),
            END_OF_BUSINESS,
            i + 1,
        ),
        "in" | "within" => duration_at(toks, i, now),
        // A cadence in minutes or hours ("every 15 minutes", "every hour"): the first update is
        // due one span from now.
        "every" if word(toks, i + 1) == "hour" => Some((
            Found::Instant(now + Duration::hours(1)),
            day_span(toks, i, i + 1),
        )),
        "every" => duration_at(toks, i, now).filter(|(f, _)| matches!(f, Found::Instant(_))),
        _ => weekday(w)
            .map(|wd| with_part(next_weekday(today, wd), END_OF_BUSINESS, i))
            .unwrap_or_else(|| {
                date_at(toks, i, today).and_then(|(d, last)| with_part(d, END_OF_BUSINESS, last))
            }),
    }
}

/// The Friday of this week (`weeks_ahead` 0) or a later one; a weekend day gets itself.
fn friday(today: NaiveDate, weeks_ahead: u64) -> NaiveDate {
    let from_monday = u64::from(today.weekday().num_days_from_monday());
    if weeks_ahead == 0 && from_monday > 4 {
        return today;
    }
    today - Days::new(from_monday) + Days::new(4 + 7 * weeks_ahead)
}

fn next_weekday(today: NaiveDate, wd: Weekday) -> NaiveDate {
    let ahead = (7 + wd.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    today + Days::new(if ahead == 0 { 7 } else { u64::from(ahead) })
}

/// The day of the week `w` names, in lower case ("friday").
pub(super) fn weekday(w: &str) -> Option<Weekday> {
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .position(|d| *d == w)
    .and_then(|i| Weekday::try_from(i as u8).ok())
}

fn number(w: &str) -> Option<u64> {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    w.parse()
        .ok()
        .or_else(|| WORDS.iter().position(|n| *n == w).map(|n| n as u64))
}

/// "in 2 hours", "within 24 hours", "within the next 3 working days", "in a couple of days", "within the hour".
fn duration_at(
    toks: &[Tok<'_>],
    i: usize,
    now: DateTime<FixedOffset>,
) -> Option<(Found, (usize, usize))> {
    let mut j = i + 1;
    if word(toks, j) == "the" {
        j += 1;
        if matches!(word(toks, j), "hour" | "day") {
            let found = if word(toks, j) == "hour" {
                Found::Instant(now + Duration::hours(1))
            } else {
                Found::Day(now.date_naive(), hm(END_OF_BUSINESS), true)
            };
            return Some((found, day_span(toks, i, j)));
        }
        if word(toks, j) == "next" {
            j += 1;
        }
    }
    let (n, unit_at) = match (word(toks, j), word(toks, j + 1), word(toks, j + 2)) {
        ("a" | "couple", "couple", "of") => (2, j + 3),
        ("couple", "of", _) => (2, j + 2),
        ("a", "few", _) | ("few", _, _) => (3, j + 1 + usize::from(word(toks, j) == "a")),
        ("a" | "an", _, _) => (1, j + 1),
        (w, _, _) => {
            let digits = w.trim_end_matches(char::is_alphabetic);
            match (number(w), number(digits), &w[digits.len()..]) {
                (Some(n), _, _) => (n, j + 1),
                (None, Some(n), "h" | "hr" | "hrs") => {
                    return Some((
                        Found::Instant(now + Duration::hours(n as i64)),
                        day_span(toks, i, j),
                    ));
                }
                _ => return None,
            }
        }
    };
    let working = matches!(word(toks, unit_at), "working" | "business");
    let unit_at = unit_at + usize::from(working);
    let found = match word(toks, unit_at).trim_end_matches('s') {
        "minute" | "min" => Found::Instant(now + Duration::minutes(n as i64)),
        "hour" | "hr" => Found::Instant(now + Duration::hours(n as i64)),
        "day" if working => Found::Day(
            add_working_days(now.date_naive(), n),
            hm(END_OF_BUSINESS),
            true,
        ),
        "day" => Found::Day(now.date_naive() + Days::new(n), hm(END_OF_BUSINESS), true),
        "week" => Found::Day(
            now.date_naive() + Days::new(7 * n),
            hm(END_OF_BUSINESS),
            true,
        ),
        _ => return None,
    };
    Some((found, day_span(toks, i, unit_at)))
}

fn add_working_days(mut d: NaiveDate, n: u64) -> NaiveDate {
    let mut left = n;
    while left > 0 {
        d = d + Days::new(1);
        if d.weekday().num_days_from_monday() < 5 {
            left -= 1;
        }
    }
    d
}

/// Whether "soon" after the words `before` (the nearer last) and before `after` is no vague
/// time: it ties a step to an event ("as soon as the courier confirms"), or it closes a
/// farewell ("speak soon", "see you again soon", "get well soon"), which promises nothing. "As
/// soon as possible" and "as soon as I can" are vague phrases of their own, matched whole from
/// their first word.
pub(super) fn soon_no_promise(before: [&str; 2], word: &str, after: &str) -> bool {
    let farewell = matches!(
        before,
        [_, "speak" | "talk" | "chat" | "well"] | ["see" | "from", "you"] | ["you" | "us", "again"]
    );
    word == "soon" && (before[1] == "as" && after == "as" || farewell)
}

fn vague_at(toks: &[Tok<'_>], i: usize) -> Option<(usize, usize)> {
    let before = |back: usize| i.checked_sub(back).map_or("", |k| word(toks, k));
    if soon_no_promise([before(2), before(1)], word(toks, i), word(toks, i + 1)) {
        return None;
    }
    super::lists::words("vague").iter().find_map(|phrase| {
        let n = phrase.split(' ').count();
        let matches = phrase
            .split(' ')
            .enumerate()
            .all(|(k, p)| word(toks, i + k) == p);
        matches.then(|| day_span(toks, i, i + n - 1))
    })
}
