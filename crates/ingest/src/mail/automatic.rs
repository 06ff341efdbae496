//! Mail a machine wrote: auto-replies (RFC 3834 `Auto-Submitted`, the `X-Autoreply` family,
//! "Out of office" subjects and bodies) and bounces (delivery-status reports, mailer daemons).
//! They are kept on the case but never read as the client's mood.

use crate::Automatic;

/// What the classifier reads of a mail: headers by lowercase name, and its texts.
pub struct Traits<'a> {
    pub header: &'a dyn Fn(&str) -> Option<String>,
    pub from: &'a str,
    pub subject: &'a str,
    pub content_type: &'a str,
    pub new_text: &'a str,
}

/// Whether a machine wrote the mail, and which kind.
pub fn classify(t: &Traits<'_>) -> Option<Automatic> {
    if is_bounce(t) {
        Some(Automatic::Bounce)
    } else if AUTO_REPLY.iter().any(|(_, rule)| rule(t)) {
        Some(Automatic::AutoReply)
    } else {
        None
    }
}

type Rule = fn(&Traits<'_>) -> bool;

/// Signs of an auto-reply, each with what it reads.
const AUTO_REPLY: &[(&str, Rule)] = &[
    ("Auto-Submitted other than no (RFC 3834)", auto_submitted),
    ("X-Autoreply, X-Autorespond or X-Auto-Response", x_autoreply),
    ("Precedence: auto_reply", precedence),
    ("an out-of-office subject", out_of_office_subject),
    ("a short out-of-office text", out_of_office_text),
];

fn auto_submitted(t: &Traits<'_>) -> bool {
    (t.header)("auto-submitted").is_some_and(|v| !v.trim().eq_ignore_ascii_case("no"))
}

fn x_autoreply(t: &Traits<'_>) -> bool {
    ["x-autoreply", "x-autorespond", "x-auto-response"]
        .iter()
        .any(|h| (t.header)(h).is_some())
}

fn precedence(t: &Traits<'_>) -> bool {
    (t.header)("precedence").is_some_and(|v| v.trim().eq_ignore_ascii_case("auto_reply"))
}

fn out_of_office_subject(t: &Traits<'_>) -> bool {
    let subject = t.subject.to_lowercase();
    [
        "out of office",
        "out of the office",
        "automatic reply",
        "auto-reply",
        "autoreply",
        "auto reply",
        "abwesenheitsnotiz",
        "réponse automatique",
        "vacation reply",
    ]
    .iter()
    .any(|s| subject.contains(s))
}

/// "I am out of the office until Monday": a short text about being away and coming back.
fn out_of_office_text(t: &Traits<'_>) -> bool {
    let text = t.new_text.to_lowercase();
    let away = [
        "out of office",
        "out of the office",
        "on annual leave",
        "on vacation",
    ]
    .iter()
    .any(|s| text.contains(s));
    let back = ["until", "return", "back on", "limited access"]
        .iter()
        .any(|s| text.contains(s));
    away && back && text.len() < 600 && !text.contains('?')
}

fn is_bounce(t: &Traits<'_>) -> bool {
    let from = t.from.to_lowercase();
    let subject = t.subject.to_lowercase();
    t.content_type.eq_ignore_ascii_case("multipart/report")
        || from.starts_with("mailer-daemon@")
        || from.starts_with("postmaster@")
        || [
            "undelivered mail returned",
            "delivery status notification (failure)",
            "mail delivery failed",
            "undeliverable:",
            "delivery failure",
        ]
        .iter()
        .any(|s| subject.contains(s))
}
