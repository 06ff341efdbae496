//! Lexical knowledge compiled into the crate: the VADER valence lexicon, the word lists
//! for profanity, insults and slurs, and the small closed word classes the signal rules need
//! (people a remark can be aimed at, acronyms that are not shouting).
//!
//! The VADER lexicon (C.J. Hutto, MIT licence, see `data/VADER_LICENSE.txt`) gives each word a
//! valence from -4 to +4. The offensive word lists are ours. Everything is parsed once, on first
//! use, from text embedded at compile time.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

const VADER: &str = include_str!("../data/vader_lexicon.txt");

/// Words that are vulgar whatever they are aimed at. Stems cover inflections (see [`offensive_class`]).
#[rustfmt::skip]
pub const PROFANITY: &[&str] = &[
    "fuck", "fucking", "fucked", "fucker", "fuckers", "fuckin", "motherfucker", "motherfucking",
    "shit", "shitty", "bullshit", "shite", "crap", "crappy", "damn", "damned", "goddamn",
    "goddamned", "hell", "bloody", "bugger", "piss", "pissed", "arse", "ass", "bollocks", "wtf",
    "stfu", "ffs", "jfc", "fk", "fck", "fkn", "fkin", "fcking", "effing", "frigging", "freaking",
    "screwed", "sucks", "suck", "bastard", "bastards", "fucks", "fuckup", "fuckups", "shits",
    "shitshow", "clusterfuck", "horseshit", "bullcrap", "dammit", "damnit", "goddamnit", "omfg",
    "motherfuckers", "arsed", "bollocking", "fuk", "fuking", "fukin", "fcuk", "fcukin", "phuck",
    "phucking", "fuq", "fking", "fkng", "feck", "shyte", "shity", "shitting", "cocksucking",
    // Common swear words of other languages, met in messages written partly in English.
    "mierda", "puta", "putain", "merde", "merda", "scheisse", "scheiße", "cazzo", "vaffanculo",
    "kurwa", "blyat", "pendejo", "cabron", "cabrón", "connard", "arschloch", "hoer", "hoeren",
];

/// Words that insult a person when aimed at one.
#[rustfmt::skip]
pub const INSULTS: &[&str] = &[
    "idiot", "idiots", "idiotic", "moron", "morons", "moronic", "stupid", "dumb", "dumbass",
    "imbecile", "imbeciles", "cretin", "fool", "fools", "clown", "clowns", "incompetent", "useless",
    "worthless", "pathetic", "loser", "losers", "asshole", "assholes", "arsehole", "arseholes",
    "jerk", "jerks", "prick", "pricks", "dick", "dicks", "dickhead", "douche", "douchebag", "bitch",
    "bitches", "cunt", "cunts", "twat", "twats", "wanker", "wankers", "scum", "scumbag", "scumbags",
    "thieves", "thief", "crooks", "crook", "liar", "liars", "clueless", "brainless", "halfwit",
    "dimwit", "numpty", "muppet", "pig", "pigs", "hag", "trash", "garbage", "ignorant", "retard",
    "retarded", "shithead", "jackass", "whore", "slut", "bimbo", "parasite", "parasites",
    "monkey", "monkeys", "donkey", "tosser", "tossers", "plonker", "pillock", "prat", "prats",
    "nitwit", "buffoon", "buffoons", "dunce", "knobhead", "bellend", "dipshit", "numbskull",
    "bonehead", "lowlife", "lowlifes", "halfwits", "dimwits", "scammer", "scammers", "fraudster",
    "fraudsters", "inept",
    "biatch", "eejit", "idjit", "retards", "maggot", "maggots", "junkie", "junkies", "junky",
    "cocksucker", "cocksuckers", "pervert", "perverts", "perv", "degenerate", "degenerates",
    "creep", "creeps", "weirdo", "weirdos", "hobo", "hobos", "airhead", "bozo", "doofus",
    "dickwad", "dork", "jobsworth", "jobsworths",
];

/// Slurs against a group. Kept short: these are matched, never shown to users in suggestions.
#[rustfmt::skip]
pub const SLURS: &[&str] = &[
    "nigger", "niggers", "nigga", "niggas", "faggot", "faggots", "fag", "fags", "dyke", "tranny",
    "trannies", "chink", "chinks", "spic", "spics", "kike", "kikes", "wetback", "paki", "pakis",
    "gook", "raghead", "towelhead", "coon", "coons", "beaner",
];

/// Nouns for people a remark can be aimed at: "your *staff* are useless", "*agents* like you".
#[rustfmt::skip]
pub const PERSON_NOUNS: &[&str] = &[
    "staff", "agent", "agents", "people", "person", "team", "employee", "employees", "worker",
    "workers", "manager", "managers", "supervisor", "representative", "representatives", "rep",
    "reps", "advisor", "advisors", "adviser", "advisers", "driver", "drivers", "courier",
    "couriers", "technician", "technicians", "engineer", "engineers", "operator", "operators",
    "guy", "guys", "man", "woman", "lady", "girl", "boy", "colleague", "colleagues", "lot", "bunch",
    "everyone", "everybody", "someone", "somebody", "whoever", "individual", "individuals", "clerk",
    "cashier", "receptionist", "boss", "owner", "owners", "company's", "workforce", "personnel",
    "crew", "husband", "wife", "partner", "son", "daughter", "mum", "mom", "dad", "mother",
    "father", "child", "children", "kids", "family", "friend", "sister", "brother", "neighbour",
    "neighbor", "customer", "customers",
];

/// Capitalised abbreviations, brands and codes that are not shouting when written in capitals.
pub const ACRONYMS: &[&str] = &[
    "usa", "uk", "eu", "un", "asap", "id", "ups", "pdf", "faq", "dhl", "dpd", "usps", "fedex",
    "tnt", "nhs", "it", "tv", "pc", "ceo", "cfo", "hr", "vat", "gst", "eta", "sms", "otp", "pin",
    "url", "api", "csv", "html", "usb", "hdmi", "dvd", "gps", "atm", "iban", "bic", "swift", "fyi",
    "btw", "imo", "imho", "lol", "omg", "am", "pm", "est", "edt", "gmt", "utc", "pst", "pdt",
    "cet", "bst", "nyc", "ok", "okay", "tbh", "rma", "sku", "upc", "sim", "isp", "vpn", "wifi",
    "nasa", "fbi", "irs", "hmrc", "dvla", "bbb", "fca", "ftc", "cfpb", "accc", "gdpr", "ccpa",
    "po", "eod", "cob", "rsvp", "nda", "mot", "qr", "ai", "cv", "dm", "ltd", "inc", "llc", "plc",
    "aws", "ios", "mac", "ibm", "hp", "lg", "bmw", "vw", "kfc", "ikea", "asos", "lego", "nike",
    "sony", "audi", "visa", "bt", "ee", "tsb", "hsbc", "rbs", "jpeg", "png", "gif", "mp", "dr",
    "mr", "mrs", "ms", "st", "rd", "ave", "apt", "ref", "tel", "fax", "attn", "re", "fw", "fwd",
    "cc", "bcc", "ps", "pps", "nb", "aka", "diy", "tba", "tbc", "na", "n/a", "covid", "ssn", "dob",
    "uid", "vip", "ev", "ac", "dc", "led", "lcd", "ram", "cpu", "gpu", "ssd", "hd", "uhd", "4k",
    "xl", "xxl", "xs", "sm", "med", "lrg", "qty",
];

/// Which offensive list a word is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffensiveClass {
    Profanity,
    Insult,
    Slur,
}

/// FNV-1a: the tables are fixed and their keys short words, for which it is several times
/// faster than the default SipHash; every token of every message is looked up.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Map<V> = HashMap<&'static str, V, BuildHasherDefault<Fnv>>;
type Set = HashSet<&'static str, BuildHasherDefault<Fnv>>;

struct Tables {
    valence: Map<f32>,
    offensive: Map<OffensiveClass>,
    person: Set,
    acronyms: Set,
    /// Chars in the longest word of [`offensive_words`].
    longest_offensive: usize,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let valence = VADER
            .lines()
            .filter_map(|line| {
                let (word, value) = line.split_once('\t')?;
                Some((word, value.trim().parse().ok()?))
            })
            .collect();
        let mut offensive = Map::default();
        for (list, class) in [
            (PROFANITY, OffensiveClass::Profanity),
            (INSULTS, OffensiveClass::Insult),
            (SLURS, OffensiveClass::Slur),
        ] {
            for w in list {
                offensive.insert(*w, class);
            }
        }
        let person = PERSON_NOUNS.iter().copied().collect();
        let acronyms = ACRONYMS.iter().copied().collect();
        Tables {
            valence,
            offensive,
            person,
            acronyms,
            longest_offensive: offensive_words()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0),
        }
    })
}

/// VADER valence of a lower-case word, -4..4, if the lexicon has it.
pub fn valence(word: &str) -> Option<f32> {
    tables().valence.get(word).copied()
}

/// Which offensive list a lower-case, de-obfuscated word is on.
pub fn offensive_class(word: &str) -> Option<OffensiveClass> {
    tables().offensive.get(word).copied()
}

/// A word the lexicons know: used to decide whether a de-obfuscated spelling is real.
pub fn is_known(word: &str) -> bool {
    offensive_class(word).is_some() || valence(word).is_some()
}

/// A noun for a person a remark can be aimed at (see [`PERSON_NOUNS`]).
pub fn is_person_noun(word: &str) -> bool {
    tables().person.contains(word)
}

/// An abbreviation or brand that is normally written in capitals (see [`ACRONYMS`]).
pub fn is_acronym(word: &str) -> bool {
    tables().acronyms.contains(word)
}

/// Every offensive word, for matching masked spellings such as "f**k".
pub fn offensive_words() -> impl Iterator<Item = &'static str> {
    PROFANITY.iter().chain(INSULTS).chain(SLURS).copied()
}

/// Letters in the longest offensive word, which bounds how far a disguised spelling is read.
pub fn longest_offensive_word() -> usize {
    tables().longest_offensive
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_loads_valences() {
        assert!(valence("good").unwrap() > 1.0);
        assert!(valence("terrible").unwrap() < -1.0);
        assert_eq!(valence("printer"), None);
        assert!(tables().valence.len() > 7000);
    }

    #[test]
    fn offensive_lists_classify() {
        assert_eq!(offensive_class("idiot"), Some(OffensiveClass::Insult));
        assert_eq!(offensive_class("fuck"), Some(OffensiveClass::Profanity));
        assert_eq!(offensive_class("printer"), None);
    }
}
