//! The keys a message is threaded into a case by, strongest first. A mail's own Message-ID and
//! the ids it answers (`In-Reply-To`, then `References` nearest first) come before the weak key
//! of its subject and sender; a helpdesk message has its conversation's id.
//!
//! The store links every key of a message to the case it lands on, so a later message finds
//! the case by any of them, even when its parent was imported after it.

use std::collections::HashMap;

use crate::Incoming;

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

/// The messages that share a thread key, directly or through others, as groups of indices in
/// their order: different groups can never land on the same case, so they may be stored side
/// by side while each group keeps its order.
pub fn groups(messages: &[Incoming]) -> Vec<Vec<usize>> {
    let mut group_of: HashMap<(crate::Source, &str), usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, message) in messages.iter().enumerate() {
        let keys: Vec<(crate::Source, &str)> = message
            .thread
            .iter()
            .map(|k| (message.source, k.as_str()))
            .collect();
        let mut found: Vec<usize> = keys
            .iter()
            .filter_map(|k| group_of.get(k).copied())
            .collect();
        found.sort_unstable();
        found.dedup();
        let target = match found.first() {
            Some(&first) => first,
            None => {
                groups.push(Vec::new());
                groups.len() - 1
            }
        };
        // Groups this message joins together move into the first one.
        for &other in found.iter().skip(1) {
            let moved = std::mem::take(&mut groups[other]);
            for &m in &moved {
                for k in &messages[m].thread {
                    group_of.insert((messages[m].source, k.as_str()), target);
                }
            }
            groups[target].extend(moved);
        }
        groups[target].push(i);
        for key in keys {
            group_of.insert(key, target);
        }
    }
    groups.retain(|g| !g.is_empty());
    for group in &mut groups {
        group.sort_unstable();
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(thread: &[&str]) -> Incoming {
        Incoming {
            source: crate::Source::Mail,
            external_id: thread[0].to_owned(),
            thread: thread.iter().map(|k| k.to_string()).collect(),
            contact: crate::Contact {
                key: "k".into(),
                name: "n".into(),
                email: None,
            },
            direction: crate::Direction::Inbound,
            at: None,
            subject: String::new(),
            body: String::new(),
            new_text: String::new(),
            html: None,
            attachments: Vec::new(),
            automatic: None,
        }
    }

    #[test]
    fn groups_join_messages_through_any_shared_key_and_keep_order() {
        let messages = [
            message(&["a"]),
            message(&["b"]),
            message(&["c", "x"]),
            message(&["a", "d"]),
            message(&["d", "b"]),
            message(&["x"]),
        ];
        assert_eq!(groups(&messages), [vec![0, 1, 3, 4], vec![2, 5]]);
    }

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
