//! Assembles a statement piece by piece: keeps the client's spacing, leaves out offensive words
//! (turning "X is garbage" into "X is not good enough"), and finishes with the length limit and
//! the question mark.

use super::rewrite::{MAX_WORDS, accuses};
use super::words::FUNCTION_WORDS;
use super::{clause, grammar, pronouns, question, slips};
use crate::text::Token;

/// Whether `word` is one of the lower-case `list`, in any case.
/// Who an insult can be aimed at, once the pronouns are turned: "we" is the company.
#[rustfmt::skip]
const PERSONS: &[&str] = &[
    "we", "us", "they", "he", "she", "staff", "agent", "agents", "people", "guys", "manager",
    "technician", "employees",
];

const COPULAS: &[&str] = &["is", "are", "was", "were", "am", "be", "been"];

fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(word))
}

pub(super) struct Builder<'a> {
    text: &'a str,
    /// Output pieces: the words and punctuation, each with whether a space goes before it.
    pieces: Vec<(String, bool)>,
    /// End of the last source token written, to keep the client's spacing.
    last_end: Option<usize>,
    /// An insult was aimed at a person ("you are useless"): such a clause says nothing to paraphrase.
    insult_at_person: bool,
}

impl<'a> Builder<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Builder {
            text,
            pieces: Vec::new(),
            last_end: None,
            insult_at_person: false,
        }
    }

    pub(super) fn token(&mut self, t: &Token, word: String) {
        let space = self
            .last_end
            .is_none_or(|e| self.text[e..t.start].contains(char::is_whitespace));
        self.pieces.push((word, space));
        self.last_end = Some(t.end);
    }

    /// Words of our own in place of the client's, ending where `last` (their last token) ended.
    pub(super) fn words(&mut self, words: Vec<String>, last: Option<&Token>) {
        for w in words {
            self.pieces.push((w, true));
        }
        if let Some(t) = last {
            self.last_end = Some(t.end);
        }
    }

    /// The last word written is a form of "to be" (filler aside): what follows describes the
    /// subject.
    pub(super) fn after_copula(&self) -> bool {
        // "there is fraud on my card" says what happened, and accuses nobody.
        let there = |at: usize| {
            at.checked_sub(2)
                .and_then(|p| self.pieces.get(p))
                .is_some_and(|(w, _)| is_one_of(w, &["there"]))
                || at
                    .checked_sub(1)
                    .is_some_and(|p| is_one_of(&self.pieces[p].0, &["there's"]))
        };
        self.copula_at(self.filler_len())
            .is_some_and(|at| !there(at))
    }

    /// This part of the clause is about us (the company, its staff): "we are the worst".
    pub(super) fn describes_us(&self) -> bool {
        self.pieces[self.part_start()..].iter().any(|(w, _)| {
            let w = w.split('\'').next().unwrap_or_default();
            is_one_of(w, PERSONS) || is_one_of(w, &["our", "ours"])
        })
    }

    pub(super) fn punct(&mut self, t: &Token) {
        let p = if t.norm.starts_with('?') {
            "?"
        } else {
            &self.text[t.start..t.end]
        };
        // Left-out words can leave two separators in a row ("it's, f*ck, broken"): keep one.
        const SEPARATORS: &[&str] = &[",", ".", ";", ":", "-"];
        if self
            .pieces
            .last()
            .is_some_and(|(w, _)| w == p || (is_one_of(w, SEPARATORS) && is_one_of(p, SEPARATORS)))
        {
            return;
        }
        self.token(t, p.to_string());
        // A word left out before it must not leave a space: "then, in English".
        if is_one_of(p, &[",", ".", ";", ":", "?", "!"])
            && let Some(last) = self.pieces.last_mut()
        {
            last.1 = false;
        }
    }

    /// "I" after "am" or "was" (a question: "was I charged?") turns the verb too.
    pub(super) fn agree_previous(&mut self) {
        if let Some(last) = self.pieces.last_mut()
            && let Some(verb) = pronouns::agree_with_you(&last.0.to_lowercase())
        {
            last.0 = verb.to_string();
        }
    }

    /// Leaves an offensive word out. After "is"/"are" it was the whole point: about a person
    /// (or as an accusation) that part of the clause goes; about a thing it becomes "not good
    /// enough".
    pub(super) fn drop_offensive(&mut self, norm: &str, ends_phrase: bool) {
        if matches!(norm, "hell" | "fuck" | "heck") && self.last_word_is(&["the"]) {
            self.pieces.pop();
            // "how in the hell": the preposition goes with it.
            if self.last_word_is(&["in", "on"]) {
                self.pieces.pop();
            }
        }
        // "run by idiots", "a manifestation of stupid": the insult was the point of the part.
        if ends_phrase && self.last_word_is(&["by", "of", "like"]) {
            self.drop_part();
            return;
        }
        let filler = self.filler_len();
        let Some(at) = self.copula_at(filler).filter(|_| ends_phrase) else {
            return;
        };
        self.pieces.truncate(at);
        let about_person = self.pieces[self.part_start()..]
            .iter()
            .any(|(w, _)| is_one_of(w.split('\'').next().unwrap_or_default(), PERSONS));
        if about_person || accuses(norm) {
            self.drop_part();
        } else {
            self.pieces.push(("not good enough".to_string(), true));
        }
    }

    /// Where this part of the clause began: after the last comma, "and", "but" ...
    fn part_start(&self) -> usize {
        const JOINTS: &[&str] = &[",", ";", ":", "-", "and", "but", "so", "because", "or"];
        self.pieces
            .iter()
            .rposition(|(w, _)| is_one_of(w, JOINTS))
            .unwrap_or(0)
    }

    /// Leaves out the part of the clause written so far that was an insult or accusation.
    fn drop_part(&mut self) {
        self.pieces.truncate(self.part_start());
        self.insult_at_person = true;
    }

    /// How many filler words ("a", "such a", "complete") end the statement so far.
    fn filler_len(&self) -> usize {
        #[rustfmt::skip]
        const FILLER: &[&str] = &[
            "a", "an", "the", "so", "such", "complete", "total", "absolute", "utter", "bunch", "of",
            "really", "very", "fucking", "bloody", "nothing", "but", "just", "being", "pure", "all",
            "totally", "completely", "more", "than",
        ];
        self.pieces
            .iter()
            .rev()
            .take_while(|(w, _)| is_one_of(w, FILLER))
            .count()
    }

    /// Where the filler before the offensive word starts, when a form of "to be" comes before it.
    fn copula_at(&self, filler: usize) -> Option<usize> {
        let at = self.pieces.len() - filler;
        let copula = at
            .checked_sub(1)
            .map(|c| self.pieces[c].0.as_str())
            .is_some_and(|w| is_one_of(w, COPULAS) || w.ends_with("'re") || w.ends_with("'s"));
        copula.then_some(at)
    }

    fn last_word_is(&self, words: &[&str]) -> bool {
        self.pieces.last().is_some_and(|(w, _)| is_one_of(w, words))
    }

    pub(super) fn finish(mut self, prefix: Option<&str>, question: bool) -> Option<String> {
        self.trim_dangling();
        // A part left out at the start leaves its joint behind: "and your bag is missing".
        let lead = self
            .pieces
            .iter()
            .take_while(|(w, _)| is_one_of(w, &[",", ";", ":", "-", "and", "but", "or", "so"]))
            .count();
        self.pieces.drain(..lead);
        let content = self
            .pieces
            .iter()
            .any(|(w, _)| w.starts_with(char::is_alphanumeric) && !is_one_of(w, FUNCTION_WORDS));
        let words = self
            .pieces
            .iter()
            .filter(|(w, _)| w.starts_with(char::is_alphanumeric))
            .count();
        if !content || words < 2 || (self.insult_at_person && self.pieces.len() <= 3) {
            return None;
        }
        grammar::mend(&mut self.pieces);
        let asks = question || question::looks_like(&self.pieces);
        // "What is the point of you lot?" asks nothing: said back, it becomes a question to
        // look into.
        if asks && question::rhetorical(&self.pieces) {
            return None;
        }
        let question = asks && prefix.is_none() && {
            match question::as_statement(&self.pieces) {
                Some(statement) => {
                    self.pieces = statement;
                    false
                }
                None => true,
            }
        };
        // After the question is turned, since turning it can leave a slip of its own.
        if let Some(at) = slips::first_slip(&self.pieces) {
            self.cut_before(at)?;
        }
        self.fit()?;
        // "My order" -> "my order", but "Dr. Jones" keeps its capital.
        let abbreviation = self
            .pieces
            .get(1)
            .is_some_and(|(w, space)| w == "." && !space);
        if let (Some(first), false) = (self.pieces.first_mut(), abbreviation) {
            first.0 = lower_first(std::mem::take(&mut first.0));
        }
        let subject = match prefix {
            Some(p) => p,
            None => {
                let words: Vec<String> =
                    self.pieces.iter().map(|(w, _)| w.to_lowercase()).collect();
                let words: Vec<&str> = words.iter().map(String::as_str).collect();
                let subject = clause::subject_for(&words)?;
                // After an insult was left out, a subject put back could be the wrong person
                // ("You're an idiot reading off a card").
                if self.insult_at_person && !subject.is_empty() {
                    return None;
                }
                subject
            }
        };
        // What is left of a conditional whose point was left out ("if my car isn't released").
        if self
            .pieces
            .first()
            .is_some_and(|(w, _)| is_one_of(w, &["if", "unless"]))
        {
            return None;
        }
        // A quotation cut in half ("try again later\" is ...") reads as a slip.
        let quotes: usize = self
            .pieces
            .iter()
            .map(|(w, _)| w.matches(['"', '“', '”']).count())
            .sum();
        if quotes % 2 == 1 {
            return None;
        }
        let mut s = subject.to_string();
        for (w, space) in &self.pieces {
            if *space && !s.is_empty() {
                s.push(' ');
            }
            s.push_str(w);
        }
        if question {
            s.push('?');
        }
        Some(s)
    }

    /// Drops joints and articles left at the end ("your parcel is late and"), and a bracket
    /// that was opened and not closed.
    fn trim_dangling(&mut self) {
        if let Some(open) = self.pieces.iter().rposition(|(w, _)| w == "(")
            && !self.pieces[open..].iter().any(|(w, _)| w == ")")
        {
            self.pieces.truncate(open);
        }
        #[rustfmt::skip]
        const DANGLING: &[&str] = &[
            "a", "an", "the", "of", "and", "or", "but", "to", "with", "so", "such", ",", ";", ":", "-",
            "because", "for", "from", "in", "on", "at", "by", "your", "our", "my", "that", "which",
            "when", "as", "if",
        ];
        loop {
            let n = self.pieces.len();
            let last = |k: usize| n.checked_sub(k).map(|i| self.pieces[i].0.as_str());
            // "... which was": a relative clause whose rest was left out.
            let relative = last(1).is_some_and(|w| is_one_of(w, COPULAS))
                && last(2).is_some_and(|w| is_one_of(w, &["which", "that", "who"]));
            if relative {
                self.pieces.truncate(n - 2);
            } else if last(1).is_some_and(|w| is_one_of(w, DANGLING) || w == "?") {
                self.pieces.pop();
            } else {
                break;
            }
        }
    }

    /// Ends the statement at the last joint before `at` that leaves a whole clause ("you have
    /// been waiting for two weeks" of "... and nobody is answer you"); `None` when none does.
    fn cut_before(&mut self, at: usize) -> Option<()> {
        const JOINTS: &[&str] = &[",", ";", "-", "and", "but", "so", "because"];
        let joint = self.pieces[..at]
            .iter()
            .rposition(|(w, _)| is_one_of(w, JOINTS))?;
        let words = self.pieces[..joint]
            .iter()
            .filter(|(w, _)| w.starts_with(char::is_alphanumeric))
            .count();
        (words >= 3).then_some(())?;
        self.pieces.truncate(joint);
        self.trim_dangling();
        Some(())
    }

    /// Keeps the statement within [`MAX_WORDS`] words by ending it at a joint, so it stays a
    /// whole clause; `None` when no joint leaves one.
    fn fit(&mut self) -> Option<()> {
        #[rustfmt::skip]
        const JOINTS: &[&str] = &[
            ",", ";", ":", "-", "and", "but", "because", "so", "which", "while", "since", "after",
            "before", "until", "as", "or", "that", "who", "when",
        ];
        let mut words = 0;
        let mut cut = None;
        for (i, (w, _)) in self.pieces.iter().enumerate() {
            if is_one_of(w, JOINTS) && words >= 3 {
                cut = Some(i);
            }
            if w.starts_with(char::is_alphanumeric) {
                words += 1;
                if words > MAX_WORDS {
                    self.pieces.truncate(cut?);
                    self.trim_dangling();
                    return Some(());
                }
            }
        }
        Some(())
    }
}

/// "My order" -> "my order"; acronyms ("SIM card") keep their capitals.
fn lower_first(s: String) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        // "McDonalds", "CityRail": a name written with capitals inside keeps them.
        (Some(a), Some(b))
            if a.is_uppercase()
                && !b.is_uppercase()
                && !s.chars().skip(1).any(char::is_uppercase) =>
        {
            a.to_lowercase().chain(s[a.len_utf8()..].chars()).collect()
        }
        _ => s,
    }
}
