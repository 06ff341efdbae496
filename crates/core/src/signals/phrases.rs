//! Phrase rules: a small pattern language, expanded once into one Aho-Corasick automaton over
//! the normalised key of a message (see [`super::scan`]), and the gates that keep each phrase precise.
//!
//! Patterns are written in the language of [`super::pattern`].
//! A rule can be a whole phrase, or a head that needs a tail of its group a few words later in
//! the same clause ("I want" ... "refund"). A rule can also need company: it stands only beside
//! another signal of given kinds elsewhere in the message ("which office are you in?" is
//! harassment only beside an advance).

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::Hit;
use super::pattern::{expand, substitute};
use super::scan::Scan;
use super::{personal, table};
use crate::types::SignalKind;

/// How a rule's phrase takes part in a match.
#[derive(Clone, Copy)]
pub(super) enum Role {
    Whole,
    /// Needs a tail of the group within this many words after it.
    Head(Group, u8),
    /// Only completes a head; never a signal alone.
    Tail(Group),
}

/// Which heads and tails belong together.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Group {
    DemandObject,
    ContactCount,
    ContactAgain,
    PassedAround,
    Pressing,
    Violence,
    ComeDown,
    Blamed,
    /// A long wait and what for: "three hours" ... "to get a reply".
    Waited,
    /// Time spent on hold: "forty minutes" ... "on hold".
    OnHold,
    /// What it took: "took" ... "five emails".
    Took,
}

impl Group {
    /// The signal spans only the tail: the deadline in "I need it *tomorrow*" is "tomorrow".
    fn tail_only(self) -> bool {
        self == Group::Pressing
    }
}

/// Extra conditions a phrase must meet in its context.
#[derive(Clone, Copy)]
pub(super) struct Gate {
    /// No negation just before ("not your fault").
    no_neg: bool,
    /// Starts its clause, possibly after "just", "so", "now" (imperatives: "fix it").
    clause_start: bool,
    /// Ends its clause, or is followed by "or", "please" ("refund me *immediately* or ...").
    clause_end: bool,
    /// No past-tense word earlier in the clause ("I ordered it before Christmas").
    not_past: bool,
    /// The message around it says something went wrong (sarcasm from a positive phrase); judged
    /// after the other phrases, which can say so too (see [`super::sarcasm`]).
    neg_context: bool,
    /// One of these words elsewhere in the clause.
    cue: &'static [&'static str],
    /// One of these words earlier in the clause or in the one before ("they promised a call.
    /// *That was Monday*").
    cue_before: &'static [&'static str],
    prev_not: &'static [&'static str],
    next_not: &'static [&'static str],
    /// Stands only beside another signal of one of these kinds elsewhere in the message.
    company: &'static [SignalKind],
}

/// One phrase rule of the table.
pub(super) struct Rule {
    pat: &'static str,
    kind: SignalKind,
    role: Role,
    gate: Gate,
    targeted: bool,
}

/// A phrase rule for `kind`; refine it with the builder methods.
pub(super) const fn rule(pat: &'static str, kind: SignalKind) -> Rule {
    let gate = Gate {
        no_neg: false,
        clause_start: false,
        clause_end: false,
        not_past: false,
        neg_context: false,
        cue: &[],
        cue_before: &[],
        prev_not: &[],
        next_not: &[],
        company: &[],
    };
    Rule {
        pat,
        kind,
        role: Role::Whole,
        gate,
        targeted: false,
    }
}

impl Rule {
    pub const fn head(mut self, group: Group, gap: u8) -> Rule {
        self.role = Role::Head(group, gap);
        self
    }
    pub const fn tail(mut self, group: Group) -> Rule {
        self.role = Role::Tail(group);
        self
    }
    pub const fn no_neg(mut self) -> Rule {
        self.gate.no_neg = true;
        self
    }
    pub const fn clause_start(mut self) -> Rule {
        self.gate.clause_start = true;
        self
    }
    pub const fn clause_end(mut self) -> Rule {
        self.gate.clause_end = true;
        self
    }
    pub const fn not_past(mut self) -> Rule {
        self.gate.not_past = true;
        self
    }
    pub const fn neg_context(mut self) -> Rule {
        self.gate.neg_context = true;
        self
    }
    pub const fn cue(mut self, words: &'static [&'static str]) -> Rule {
        self.gate.cue = words;
        self
    }
    pub const fn cue_before(mut self, words: &'static [&'static str]) -> Rule {
        self.gate.cue_before = words;
        self
    }
    pub const fn prev_not(mut self, words: &'static [&'static str]) -> Rule {
        self.gate.prev_not = words;
        self
    }
    pub const fn next_not(mut self, words: &'static [&'static str]) -> Rule {
        self.gate.next_not = words;
        self
    }
    pub const fn company(mut self, kinds: &'static [SignalKind]) -> Rule {
        self.gate.company = kinds;
        self
    }
    pub const fn targeted(mut self) -> Rule {
        self.targeted = true;
        self
    }
}

struct Phrases {
    ac: AhoCorasick,
    /// Every rule of both tables.
    rules: Vec<&'static Rule>,
    /// For each distinct expanded pattern, the rules (indices into `rules`) it came from.
    rules_of: Vec<Vec<usize>>,
}

fn phrases() -> &'static Phrases {
    static PHRASES: OnceLock<Phrases> = OnceLock::new();
    PHRASES.get_or_init(|| {
        let rules: Vec<&'static Rule> = table::RULES.iter().chain(personal::RULES).collect();
        let mut ids = std::collections::HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut rules_of: Vec<Vec<usize>> = Vec::new();
        for (r, rule) in rules.iter().enumerate() {
            for p in expand(&substitute(rule.pat)) {
                let id = *ids.entry(p.clone()).or_insert_with(|| {
                    patterns.push(p);
                    rules_of.push(Vec::new());
                    rules_of.len() - 1
                });
                rules_of[id].push(r);
            }
        }
        let ac = AhoCorasick::new(&patterns).expect("phrase table builds");
        Phrases {
            ac,
            rules,
            rules_of,
        }
    })
}

/// Builds the automaton if it is not built yet.
pub(super) fn warm_up() {
    phrases();
}

/// A match of one expanded pattern: key word indices, first and last.
#[derive(Clone, Copy)]
struct Found {
    rule: usize,
    first: usize,
    last: usize,
}

/// Phrase hits that wait on the rest of the message before they stand.
#[derive(Default)]
pub(super) struct Held {
    /// Hits whose gate asks for a negative context, judged by [`super::sarcasm::find`] once every
    /// other phrase is found.
    pub sarcastic: Vec<Hit>,
    /// Hits that need company, with the kinds that give it; see [`keep_in_company`].
    company: Vec<(Hit, &'static [SignalKind])>,
}

/// Adds a hit for every phrase rule that matches `scan` and passes its gate, and returns the
/// hits that wait on the rest of the message.
pub(super) fn find(scan: &Scan, out: &mut Vec<Hit>) -> Held {
    let p = phrases();
    let mut heads = Vec::new();
    let mut tails = Vec::new();
    let mut held = Held::default();
    for m in p.ac.find_overlapping_iter(&scan.key) {
        let Some((first, last)) = key_words(scan, m.start(), m.end()) else {
            continue;
        };
        for &rule in &p.rules_of[m.pattern().as_usize()] {
            let f = Found { rule, first, last };
            match p.rules[rule].role {
                Role::Whole => push_if_open(scan, p.rules[rule], f.first, f.last, out, &mut held),
                Role::Head(..) => heads.push(f),
                Role::Tail(g) => tails.push((g, f)),
            }
        }
    }
    tails.sort_by_key(|(_, t)| t.first);
    for h in heads {
        let Role::Head(group, gap) = p.rules[h.rule].role else {
            continue;
        };
        let tok = |k: usize| scan.key_index[k].1;
        let from = tails.partition_point(|(_, t)| t.first <= h.last);
        let tail = tails[from..]
            .iter()
            .take_while(|(_, t)| t.first - h.last - 1 <= gap as usize)
            .filter(|(g, t)| *g == group && scan.clause[tok(t.last)] == scan.clause[tok(h.first)]);
        // The nearest tail, and of those the longest: "kill you" rather than "kill".
        if let Some((_, t)) = tail.min_by_key(|(_, t)| (t.first, std::cmp::Reverse(t.last))) {
            let first = if group.tail_only() { t.first } else { h.first };
            push_if_open(scan, p.rules[h.rule], first, t.last, out, &mut held);
        }
    }
    held
}

/// Keeps each hit that needs company when another hit of a kind it names, aimed at a person
/// where that kind can be aimed, stands elsewhere in the message (or waits there too).
pub(super) fn keep_in_company(held: Held, out: &mut Vec<Hit>) {
    let gives = |h: &Hit, kinds: &[SignalKind], me: &Hit| {
        let aimable = matches!(h.kind, SignalKind::Insult | SignalKind::Profanity);
        kinds.contains(&h.kind)
            && (h.targeted || !aimable)
            && (h.last < me.first || h.first > me.last)
    };
    let kept: Vec<Hit> = held
        .company
        .iter()
        .filter(|(me, kinds)| {
            out.iter().any(|h| gives(h, kinds, me))
                || held.company.iter().any(|(h, _)| gives(h, kinds, me))
        })
        .map(|(h, _)| *h)
        .collect();
    out.extend(kept);
}

/// Key word indices of a match, if it starts and ends on whole words.
fn key_words(scan: &Scan, start: usize, end: usize) -> Option<(usize, usize)> {
    let first = scan
        .key_index
        .binary_search_by_key(&start, |&(k, _)| k)
        .ok()?;
    let last = scan.key_index.partition_point(|&(k, _)| k < end) - 1;
    let (k, t) = scan.key_index[last];
    (k + scan.w(t).len() == end).then_some((first, last))
}

/// Adds a hit for `rule` over key words `first..=last` if it passes the rule's gate: to `out`,
/// or to `held` when the gate also asks for a negative context or for company.
fn push_if_open(
    scan: &Scan,
    rule: &'static Rule,
    first: usize,
    last: usize,
    out: &mut Vec<Hit>,
    held: &mut Held,
) {
    let (first, last) = (scan.key_index[first].1, scan.key_index[last].1);
    if !passes(scan, &rule.gate, first, last) {
        return;
    }
    let hit = Hit {
        kind: rule.kind,
        first,
        last,
        targeted: rule.targeted,
    };
    if rule.gate.neg_context {
        held.sarcastic.push(hit);
    } else if !rule.gate.company.is_empty() {
        held.company.push((hit, rule.gate.company));
    } else {
        out.push(hit);
    }
}

/// How many tokens around a phrase its gate reads.
const REACH: usize = 15;

/// Lead words an imperative may follow at the start of its clause.
#[rustfmt::skip]
const LEADS: &[&str] = &[
    "please", "just", "now", "so", "then", "and", "seriously", "honestly", "simply", "oh", "ok",
    "okay", "well",
];

/// Words that may follow a phrase that ends its clause.
const TRAILS: &[&str] = &[
    ".",
    ",",
    "or",
    "otherwise",
    "please",
    "thanks",
    "thank",
    "and",
    "!",
];

/// Words that put a clause in the past ("I ordered it before Christmas").
#[rustfmt::skip]
const PAST: &[&str] = &[
    "was", "were", "been", "got", "had", "ordered", "bought", "paid", "purchased", "booked",
    "placed", "sent", "did", "received", "arrived", "delivered", "came", "happened", "started",
    "contacted", "called", "emailed", "rang", "phoned", "returned", "cancelled", "charged",
    "refunded", "noticed", "saw", "went", "tried", "realised", "realized", "found",
    // Events of a life that have happened: a day beside them is when, not a deadline.
    "died", "passed", "born", "collapsed", "crashed", "fell", "flooded", "burst",
];

fn passes(scan: &Scan, g: &Gate, first: usize, last: usize) -> bool {
    let in_list = |w: Option<usize>, list: &[&str]| w.is_some_and(|i| list.contains(&scan.w(i)));
    if (g.no_neg && scan.negated_before(first))
        || in_list(scan.prev_word(first), g.prev_not)
        || in_list(scan.next_word(last), g.next_not)
        || (g.clause_start && !starts_clause(scan, first))
        || (g.clause_end
            && !in_list(scan.next_word(last), TRAILS)
            && scan.next_word(last).is_some())
    {
        return false;
    }
    let (start, end) = (
        scan.around(first, REACH, 0).start,
        scan.around(last, REACH, 0).end,
    );
    if g.not_past && (start..first).any(|i| PAST.contains(&scan.w(i))) {
        return false;
    }
    let mut outside = (start..end).filter(|&i| i < first || i > last);
    let mut before = scan.around(first, REACH, 1).start..first;
    (g.cue.is_empty() || outside.any(|i| g.cue.contains(&scan.w(i))))
        && (g.cue_before.is_empty() || before.any(|i| g.cue_before.contains(&scan.w(i))))
}

fn starts_clause(scan: &Scan, first: usize) -> bool {
    let mut i = first;
    for _ in 0..4 {
        match scan.prev_word(i) {
            None => return true,
            Some(p) if matches!(scan.w(p), "," | ":" | "-") => return true,
            Some(p) if LEADS.contains(&scan.w(p)) => i = p,
            Some(_) => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_pattern_expands() {
        let total: usize = phrases()
            .rules
            .iter()
            .map(|r| expand(&substitute(r.pat)).len())
            .sum();
        assert!(total > 1000, "{total}");
        assert!(phrases().ac.patterns_len() > 1000);
    }
}
