//! The keys a message is threaded into a case by, strongest first. A mail's own Message-ID and
//! the ids it answers (`In-Reply-To`, then `References` nearest first) come before the weak key
//! of its subject and sender; a helpdesk message has its conversation's id.
//!
//! The store links every key of a message to the case it lands on, so a later message finds
//! the case by any of them, even when its parent was imported after it.

/// Prefix of the weak key made of a subject and a sender.
const SUBJECT: &str = "subject:";

/// Keys of a mail: the ids it answers, its own id, then subject and sender.
pub fn mail_keys(own: &str, parents: &[String], subject: &str, contact: &str) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for id in parents.iter().map(String::as_str).chain([own]) {
        let id = id.trim().trim_matches(['<', '>']);
        if !id.is_empty() && !keys.iter().any(|k| k == id) {
            keys.push(id.to_owned());
        }
    }
    let subject = normal_subject(subject);
    if !subject.is_empty() {
        keys.push(format!("{SUBJECT}{contact}\n{subject}"));
    }
    keys
}

/// The key of a helpdesk conversation.
pub fn conversation_key(conversation: &str) -> String {
    format!("conversation:{conversation}")
}

/// A subject without reply and forward prefixes (`Re:`, `Fwd:`, `AW:`, `[EXT]` ...), lowercase,
/// with single spaces.
pub fn normal_subject(subject: &str) -> String {
    const PREFIXES: &[&str] = &[
        "re:", "fwd:", "fw:", "aw:", "wg:", "sv:", "tr:", "antw:", "r:",
    ];
    let mut s = subject.trim().to_lowercase();
    loop {
        let before = s.len();
        if s.starts_with('[')
            && let Some(end) = s.find(']')
        {
            s = s[end + 1..].trim_start().to_owned();
        }
        if let Some(p) = PREFIXES.iter().find(|p| s.starts_with(*p)) {
            s = s[p.len()..].trim_start().to_owned();
        }
        if s.len() == before {
            break;
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_lose_reply_and_forward_prefixes() {
        assert_eq!(normal_subject("RE: Fwd: [EXT] Re:  Order   42"), "order 42");
        assert_eq!(normal_subject("Refund"), "refund");
    }

    #[test]
    fn keys_run_from_parents_to_subject_without_repeats() {
        let keys = mail_keys(
            "<c@x>",
            &["b@x".into(), "a@x".into(), "b@x".into()],
            "Re: Late",
            "ann@x",
        );
        assert_eq!(keys, ["b@x", "a@x", "c@x", "subject:ann@x\nlate"]);
        assert_eq!(mail_keys("c@x", &[], "  ", "ann@x"), ["c@x"]);
    }
}
