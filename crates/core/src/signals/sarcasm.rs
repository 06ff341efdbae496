//! Sarcasm: whether the table's praise phrases stand in a bad situation, and what fixed phrases
//! miss: "... NOT!", scare quotes around what the company promised ('your "express"
//! delivery', '"soon". great.'), praise standing as a sentence of its own ("Delayed again.
//! Great."), and the "/s" marker.
//!
//! Praise is only sarcasm when the same or the next clause says something went wrong, and never
//! when the message weighs good against bad ("great staff, but the parcel is late"). What went
//! wrong can be a word ("lost", "broken") or a phrase the table already found: having to chase,
//! or a long wait ("wonderful service, three hours to get a reply").

use std::ops::Range;

use super::Hit;
use super::scan::{Scan, is_negator};
use crate::lexicon;
use crate::types::{Signal, SignalKind};

/// Words that say a service went wrong, beyond what the valence lexicon marks as negative.
#[rustfmt::skip]
const WENT_WRONG: &[&str] = &[
    "lost", "late", "delayed", "delay", "broken", "broke", "damaged", "missing", "wrong",
    "cancelled", "canceled", "refused", "declined", "ignored", "waiting", "waited", "hold", "again",
    "never", "nobody", "nothing", "overcharged", "crashed", "crashing", "crashes", "failed",
    "fails", "stuck", "disconnected", "useless", "hung", "nowhere", "weeks", "months", "deleted",
    "wiped", "erased", "smashed", "cracked", "leaking", "twice", "gone", "ate", "eaten", "removed",
    "disappeared", "vanished", "rebuild", "rebuilding", "redo", "redoing",
];

/// Whether the lower-case `word` says that something went wrong: a failure word, a negation
/// or a word the valence lexicon marks as clearly negative ("pay", at -0.4, is not).
pub(crate) fn tells_of_trouble(word: &str) -> bool {
    WENT_WRONG.contains(&word)
        || is_negator(word)
        || lexicon::valence(word).is_some_and(|v| v <= -1.0)
}

/// Words that weigh good against bad, or apologise, which sarcasm does not do.
const CONTRAST: &[&str] = &[
    "but",
    "however",
    "although",
    "though",
    "usually",
    "normally",
    "except",
    "apart",
    "sorry",
    "apologies",
    "apologise",
    "apologize",
];

/// Thanks in the message: praise beside thanks is meant.
const GRATEFUL: &[&str] = &[
    "thanks",
    "thank",
    "cheers",
    "grateful",
    "appreciate",
    "appreciated",
];

/// Words that, in scare quotes, mock what was promised.
#[rustfmt::skip]
const PROMISES: &[&str] = &[
    "service", "support", "help", "helpful", "express", "priority", "premium", "care", "guaranteed",
    "fast", "quick", "free", "professional", "expert", "experts", "team", "resolved", "fixed",
    "refund", "next", "day", "customer", "secure", "instant", "genuine", "tracked",
    "insured", "delivered", "shipped", "dispatched", "sorted", "working", "processed", "completed",
    "closed", "urgent", "escalated", "finished", "done", "complete", "upgrade", "upgraded",
    "improved", "new", "soon", "shortly", "asap", "promptly", "immediately",
];

/// Per token, what it weighs in the mood around praise in place of its own valence (see
/// [`negative_context`]): a hit that says the client had to chase or wait counts as trouble, and
/// praise that is itself under suspicion ("Oh brilliant. Love that your update ate my
/// templates.") counts for nothing.
fn overrides(scan: &Scan, hits: &[Hit], praise: &[Hit]) -> Vec<Option<f32>> {
    let mut marked = vec![None; scan.tokens.len()];
    for h in praise {
        marked[h.first..=h.last].fill(Some(0.0));
    }
    for h in hits
        .iter()
        .filter(|h| h.kind == SignalKind::RepeatedContact)
    {
        marked[h.first..=h.last].fill(Some(-2.0));
    }
    marked
}

/// Whether the clauses around tokens `first..=last` (the one before, the same, the next) say that
/// something went wrong, clearly more than anything went well, in a message that neither weighs
/// good against bad nor thanks anyone. `weighs` is what [`overrides`] marked.
fn negative_context(scan: &Scan, first: usize, last: usize, weighs: &[Option<f32>]) -> bool {
    let mixed = scan
        .contrast
        .get_or_init(|| (0..scan.words.len()).any(|i| weighs_or_thanks(scan, i)));
    if *mixed {
        return false;
    }
    let (start, end) = (
        scan.around(first, 25, 1).start,
        scan.around(last, 25, 1).end,
    );
    let mood: f32 = (start..end)
        .filter(|&i| i < first || i > last)
        .map(|i| weighs[i].unwrap_or_else(|| mood(scan, i)))
        .sum();
    mood <= -1.0
}

/// "but", "usually", or thanks that are not themselves sarcastic ("thanks for nothing", "wow,
/// thanks") and are given (not quoted back, not asked about).
fn weighs_or_thanks(scan: &Scan, i: usize) -> bool {
    let w = scan.w(i);
    // "thanks for nothing", "wow, thanks".
    let sarcastic = || {
        let n1 = scan.next_word(i);
        let n2 = n1.and_then(|n| scan.next_word(n));
        let mocked = [n1, n2]
            .into_iter()
            .flatten()
            .any(|n| scan.w(n) == "nothing");
        let p1 = scan.prev_word(i);
        let p2 = p1
            .filter(|&p| scan.w(p) == ",")
            .and_then(|p| scan.prev_word(p));
        let exclaimed = [p1, p2]
            .into_iter()
            .flatten()
            .any(|p| matches!(scan.w(p), "wow" | "oh" | "gee" | "gosh"));
        mocked || exclaimed
    };
    // Thanks quoted back at us ('"Thanks for the feedback" lol') or offered in a question ("should
    // I thank you personally for ...") thank no one.
    let not_given = || {
        let at = scan.tokens[i].start;
        let quoted = scan.quotes.iter().any(|&(s, e)| s <= at && at < e);
        let p1 = scan.prev_word(i);
        let p2 = p1.and_then(|p| scan.prev_word(p));
        let asked = p1.is_some_and(|p| scan.w(p) == "i")
            && p2.is_some_and(|p| matches!(scan.w(p), "should" | "shall" | "must" | "do"));
        quoted || asked
    };
    // "But sure, ..." opens a jab, it weighs nothing.
    let jab = || {
        let next = scan.next_word(i).map(|n| scan.w(n));
        w == "but" && next.is_some_and(|n| matches!(n, "sure" | "yeah" | "hey" | "oh"))
    };
    (CONTRAST.contains(&w) && !jab()) || (GRATEFUL.contains(&w) && !sarcastic() && !not_given())
}

/// How a word weighs in the mood around praise: a failure counts -2, other words their valence
/// (only half of a strongly positive one, none of a mildly positive one: sarcasm borrows positive
/// words), flipped after a negation.
fn mood(scan: &Scan, i: usize) -> f32 {
    let w = scan.w(i);
    let next_is = |f: fn(&str) -> bool| scan.next_word(i).is_some_and(|n| f(scan.w(n)));
    if WENT_WRONG.contains(&w) || (w == "still" && next_is(|n| is_negator(n) || n == "waiting")) {
        return -2.0;
    }
    if is_negator(w) {
        return 0.0;
    }
    let v = lexicon::valence(w).map_or(0.0, |v| match v {
        v if v >= 2.5 => v / 2.0,
        v if v > 0.0 => 0.0,
        v => v,
    });
    let negated = scan.prev_word(i).is_some_and(|p| is_negator(scan.w(p)));
    if negated { -0.5 * v } else { v }
}

/// Adds the phrase hits in `pending` (praise that [`super::phrases::find`] found) that stand in
/// a negative context, and sarcasm hits for "... NOT!" and for scare quotes. `out` must hold the
/// other phrase hits already: a chase or a wait among them counts as something gone wrong.
pub(super) fn find(scan: &Scan, pending: Vec<Hit>, out: &mut Vec<Hit>) {
    let weighs = overrides(scan, out, &pending);
    out.extend(
        pending
            .into_iter()
            .filter(|h| negative_context(scan, h.first, h.last, &weighs)),
    );
    let hit = |first, last| Hit {
        kind: SignalKind::Sarcasm,
        first,
        last,
        targeted: false,
    };
    for i in 0..scan.tokens.len() {
        if let Some(praise) = praise_then_not(scan, i) {
            out.push(hit(praise, i));
        }
        if bare_praise(scan, i) && negative_context(scan, i, i, &weighs) {
            out.push(hit(i, i));
        }
    }
    for &(s, e) in &scan.quotes {
        let first = scan.tokens.partition_point(|t| t.start < s);
        let last = scan.tokens.partition_point(|t| t.end <= e);
        let inside = first..last;
        let title = |i: usize| scan.text[scan.tokens[i].start..].starts_with(char::is_uppercase);
        let name = inside.len() > 1 && inside.clone().all(title);
        let mocking =
            inside.len() <= 3 && !name && inside.clone().any(|i| PROMISES.contains(&scan.w(i)));
        let praised_after = (last..scan.tokens.len())
            .find(|&j| scan.tokens[j].is_word())
            .is_some_and(|j| bare_praise(scan, j));
        let mocked = mocking && (praised_after || negative_context(scan, first, last - 1, &weighs))
            || !name && delight_before(scan, (s, e), first..last);
        if mocked {
            // The span takes in the quotation marks, which are the writer's own: not quoted speech.
            out.push(hit(
                first.saturating_sub(1),
                last.min(scan.tokens.len() - 1),
            ));
        }
    }
}

/// Mock delight that opens on the agent's words and leaves them standing: 'Oh wonderful, "a
/// little longer".', 'Wonderful. "Checking with the courier."' (not 'Oh wonderful, "Hamlet" is
/// back in stock'). `(s, e)` is the quotation in the text, `inside` its tokens.
fn delight_before(scan: &Scan, (s, e): (usize, usize), inside: Range<usize>) -> bool {
    let words_inside = inside.clone().filter(|&i| scan.tokens[i].is_word()).count();
    if words_inside > 4 {
        return false;
    }
    let word_before = |j: usize| (0..j).rev().find(|&k| scan.tokens[k].is_word());
    let praised_before = word_before(inside.start.saturating_sub(1)).is_some_and(|j| {
        BARE_PRAISE.contains(&scan.w(j))
            && (bare_praise(scan, j)
                || word_before(j).is_some_and(|k| matches!(scan.w(k), "oh" | "wow" | "ah")))
    });
    // A full stop inside the quotation ends the sentence too: '"Checking with the courier."'.
    let ends_inside = scan.text[s..e]
        .trim_end_matches(['"', '\'', '”', '’'])
        .ends_with(['.', '!', '?']);
    let stands_alone = || {
        ends_inside
            || (inside.end..scan.tokens.len())
                .find(|&j| {
                    scan.tokens[j].is_word()
                        || scan.text[scan.tokens[j].start..].starts_with(['.', '!', '?'])
                })
                .is_none_or(|j| !scan.tokens[j].is_word())
    };
    praised_before && stands_alone()
}

/// Praise words that can make a sentence of their own: "Delayed again. *Great.*"
#[rustfmt::skip]
const BARE_PRAISE: &[&str] = &[
    "great", "brilliant", "lovely", "perfect", "wonderful", "fantastic", "marvellous", "super",
    "amazing", "excellent", "terrific", "splendid",
];

/// The word at `i` is praise standing as a sentence of its own: after the start or a full stop,
/// question or exclamation mark, and before the end or a full stop or exclamation mark.
fn bare_praise(scan: &Scan, i: usize) -> bool {
    let ends = |t: Option<&crate::text::Token>, marks: &[char]| {
        t.is_none_or(|t| !t.is_word() && t.norm.starts_with(marks))
    };
    let before = i.checked_sub(1).map(|p| &scan.tokens[p]);
    BARE_PRAISE.contains(&scan.w(i))
        && ends(before, &['.', '!', '?'])
        && ends(scan.tokens.get(i + 1), &['.', '!'])
}

/// "Great service... NOT!": a clause-final "not" after a pause, with praise just before it.
/// Returns the token of the praise.
fn praise_then_not(scan: &Scan, i: usize) -> Option<usize> {
    let t = &scan.tokens[i];
    if scan.w(i) != "not" || scan.next_word(i).is_some_and(|n| scan.w(n) != ".") {
        return None;
    }
    let pause = i
        .checked_sub(1)
        .is_some_and(|p| matches!(scan.w(p), "." | "," | "-" | ""))
        || scan.text[t.start..t.end] == *"NOT";
    if !pause {
        return None;
    }
    (i.saturating_sub(8)..i).find(|&p| lexicon::valence(scan.w(p)).is_some_and(|v| v >= 1.5))
}

/// Adds a sarcasm signal for each "/s" marker standing on its own.
pub(super) fn slash_s(scan: &Scan, out: &mut Vec<Signal>) {
    let text = scan.text;
    for (at, _) in text.match_indices("/s") {
        let before = text[..at].chars().next_back();
        let after = text[at + 2..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            out.push(Signal {
                kind: SignalKind::Sarcasm,
                start: at,
                end: at + 2,
                targeted: false,
                quoted: false,
            });
        }
    }
}
