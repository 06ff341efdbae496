//! What the sender wrote this time: a mail body with its quoted history ("On ... wrote:" and the
//! `>` lines under it, Outlook's "From: ... Sent: ..." block, forwarded and original-message
//! separators), its signature (after "-- ", a sign-off like "Kind regards," and the lines under
//! it, "Sent from my phone") and its disclaimer cut away.
//!
//! Each kind of line is a small named rule in a table, so that a new client's habit is one line
//! here and one mail in `tests/corpus/`. A reply written between quoted lines keeps every line
//! its sender wrote.

/// How many lines after "From:" an Outlook header block spreads over.
const HEADER_BLOCK: usize = 6;
/// Lines under a sign-off that are still the signature (name, title, company, phone).
const SIGNATURE_LINES: usize = 6;
/// A signature line is short.
const SIGNATURE_LINE_CHARS: usize = 72;

/// The new text of a plain-text mail body.
pub fn new_text(body: &str) -> String {
    let lines: Vec<&str> = body.lines().map(|l| l.trim_end_matches('\r')).collect();
    let lines = before_history(&lines);
    let lines = without_quotes(lines);
    let signed = trim_blank(before_signature(&lines));
    // A mail that is only a closing ("Thanks!") says that much: it is kept, not emptied.
    let kept = if signed.is_empty() {
        trim_blank(lines)
    } else {
        signed
    };
    kept.join("\n")
}

/// The new text of an HTML-only mail: quoted parts (`blockquote`, Gmail's and Outlook's reply
/// containers) removed, the rest turned into text and cut like plain text.
pub fn new_text_of_html(html: &str) -> String {
    new_text(&html_text(&without_html_history(html)))
}

/// HTML as text, one line per block: mail-parser breaks lines at `<br>` and `</p>` only, so
/// every other block's start and end (`<div>`, `</li>`, ...) gets a `<br>` first; the blank
/// lines that leaves are folded.
pub fn html_text(html: &str) -> String {
    const BLOCK_ENDS: &[&str] = &[
        "<div", "</div", "<li", "</li", "</tr", "</h1", "</h2", "</h3", "</table", "<hr",
    ];
    let lower = html.to_ascii_lowercase();
    let mut marked = String::with_capacity(html.len() + 64);
    let mut at = 0;
    for (i, _) in lower.match_indices('<') {
        if BLOCK_ENDS.iter().any(|b| lower[i..].starts_with(b)) {
            marked.push_str(&html[at..i]);
            marked.push_str("<br>");
            at = i;
        }
    }
    marked.push_str(&html[at..]);
    let text = mail_parser::decoders::html::html_to_text(&marked);
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut folded: Vec<&str> = Vec::with_capacity(lines.len());
    for line in lines {
        let blank_run = line.is_empty() && folded.last().is_none_or(|l| l.is_empty());
        if !blank_run {
            folded.push(line);
        }
    }
    trim_blank(folded).join("\n")
}

/// A line where the history below starts, whatever follows.
type Rule = fn(&[&str], usize) -> bool;

/// Lines from which everything below is history, not this sender's words.
const HISTORY: &[(&str, Rule)] = &[
    (
        "a separator such as -----Original Message-----",
        is_separator,
    ),
    ("Outlook's From:/Sent:/To: block", is_header_block),
];

fn before_history<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let end = (0..lines.len())
        .find(|&i| HISTORY.iter().any(|(_, rule)| rule(lines, i)))
        .unwrap_or(lines.len());
    let lines = &lines[..end];
    match attribution(lines) {
        // Answers written between the quoted lines keep everything but the attribution.
        Some((at, len)) if answers_inline(&lines[at + len..]) => lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !(at..at + len).contains(i))
            .map(|(_, l)| *l)
            .collect(),
        Some((at, _)) => lines[..at].to_vec(),
        None => lines.to_vec(),
    }
}

fn is_separator(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim().to_lowercase();
    let dashed = line.starts_with("---") || line.starts_with("___");
    let words = [
        "original message",
        "forwarded message",
        "ursprüngliche nachricht",
        "message d'origine",
    ];
    (dashed && words.iter().any(|w| line.contains(w)))
        || line.starts_with("begin forwarded message")
        || (line.len() >= 10 && line.chars().all(|c| c == '_'))
}

/// "From: ..." followed closely by "Sent:"/"Date:" and "To:"/"Subject:".
fn is_header_block(lines: &[&str], i: usize) -> bool {
    let field = |line: &str, names: &[&str]| {
        let line = line.trim().trim_start_matches('*').to_lowercase();
        names.iter().any(|n| line.starts_with(n))
    };
    if !field(lines[i], &["from:", "von:", "de :", "de:"]) {
        return false;
    }
    let next = &lines[i + 1..lines.len().min(i + 1 + HEADER_BLOCK)];
    let dated = next
        .iter()
        .any(|l| field(l, &["sent:", "date:", "gesendet:", "envoyé :"]));
    let addressed = next
        .iter()
        .any(|l| field(l, &["to:", "subject:", "an:", "betreff:", "à :"]));
    dated && addressed
}

/// Where an "On <date>, <someone> wrote:" line starts and how many lines it spans (mailers wrap
/// it in two).
fn attribution(lines: &[&str]) -> Option<(usize, usize)> {
    (0..lines.len()).find_map(|i| {
        let one = lines[i].trim();
        if is_attribution(one) {
            return Some((i, 1));
        }
        let two = format!("{one} {}", lines.get(i + 1)?.trim());
        (starts_attribution(one) && is_attribution(&two)).then_some((i, 2))
    })
}

fn starts_attribution(line: &str) -> bool {
    ["On ", "Le ", "Am ", "El ", "Op "]
        .iter()
        .any(|p| line.starts_with(p))
}

fn is_attribution(line: &str) -> bool {
    let ends = [
        "wrote:",
        "a écrit :",
        "a écrit:",
        "schrieb:",
        "escribió:",
        "geschreven:",
    ];
    let line = line.trim_end();
    ends.iter().any(|e| line.ends_with(e))
        && (starts_attribution(line) || line.contains('@') || line.len() < 80)
}

/// After an attribution: quoted lines, and then lines of the sender's own between them.
fn answers_inline(after: &[&str]) -> bool {
    let mut quoted = false;
    for line in after {
        if is_quoted(line) {
            quoted = true;
        } else if quoted && !line.trim().is_empty() && signature_at(&[line], 0).is_none() {
            return true;
        }
    }
    false
}

fn is_quoted(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

fn without_quotes(lines: Vec<&str>) -> Vec<&str> {
    lines.into_iter().filter(|l| !is_quoted(l)).collect()
}

/// Where the signature or disclaimer starts, if one does at line `i`, and why.
fn signature_at(lines: &[&str], i: usize) -> Option<&'static str> {
    SIGNATURE
        .iter()
        .find(|(_, rule)| rule(lines, i))
        .map(|(why, _)| *why)
}

/// Lines from which the rest is signature, disclaimer or mailer advertising.
const SIGNATURE: &[(&str, Rule)] = &[
    ("the \"-- \" delimiter", is_delimiter),
    ("a mailer's sent-from line", is_sent_from),
    ("a disclaimer", is_disclaimer),
    ("a sign-off above a short signature", is_sign_off),
    ("a name alone on the last line", is_name_line),
];

/// Cuts at the first signature line, again and again: a disclaimer cut away can leave a
/// sign-off that now ends the mail.
fn before_signature<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let mut lines = lines.to_vec();
    while let Some(end) = (0..lines.len()).find(|&i| signature_at(&lines, i).is_some()) {
        lines.truncate(end);
    }
    lines
}

fn is_delimiter(lines: &[&str], i: usize) -> bool {
    matches!(lines[i].trim_end(), "--" | "—" | "__")
}

/// A name alone on the last line, after a blank line: "Greg", "- Mark", "–Jane Doe".
fn is_name_line(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim();
    let name = line.trim_start_matches(['-', '–', '—']).trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    i > 0
        && lines[i - 1].trim().is_empty()
        && (1..=2).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        })
        && lines[i + 1..].iter().all(|l| l.trim().is_empty())
}

fn is_sent_from(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim().to_lowercase();
    [
        "sent from my ",
        "sent from outlook",
        "get outlook for ",
        "sent from mail for ",
        "sent from yahoo mail",
        "sent with proton mail",
        "sent from proton mail",
        "envoyé de mon ",
        "von meinem iphone gesendet",
    ]
    .iter()
    .any(|p| line.starts_with(p))
}

fn is_disclaimer(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim().trim_start_matches('*').to_lowercase();
    [
        "this email and any",
        "the contents of this email",
        "the contents of this e-mail",
        "this e-mail and any",
        "this message and any attachment",
        "this message (including any attachments)",
        "this email is confidential",
        "this e-mail is confidential",
        "this communication is intended",
        "the information contained in this",
        "confidentiality notice",
        "disclaimer:",
        "please consider the environment",
        "notice: this email",
    ]
    .iter()
    .any(|p| line.starts_with(p))
}

/// Closings people end a mail with, lowercase, without the comma.
#[rustfmt::skip]
const SIGN_OFFS: &[&str] = &[
    "thanks", "thank you", "thanks again", "thanks in advance", "many thanks", "thx", "ty",
    "regards", "kind regards", "best regards", "warm regards", "warmest regards", "kindest regards",
    "with best regards", "with kind regards", "with thanks and regards",
    "best", "all the best", "best wishes", "cheers", "sincerely", "yours sincerely",
    "yours faithfully", "yours truly", "respectfully", "rgds", "br", "talk soon", "speak soon",
    "with thanks", "mit freundlichen grüßen", "viele grüße", "beste grüße", "liebe grüße", "gruß",
    "grüße", "cordialement", "saludos",
];

/// A line that is only a closing ("Kind regards," or "Thanks, Jane"), with at most a short
/// signature under it to the end.
fn is_sign_off(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim().trim_end_matches(['.', '!']).to_lowercase();
    let (closing, name) = line.split_once(',').unwrap_or((&line, ""));
    let closing = closing.trim();
    if !SIGN_OFFS.contains(&closing) || name.split_whitespace().count() > 3 {
        return false;
    }
    let rest: Vec<&&str> = lines[i + 1..]
        .iter()
        .filter(|l| !l.trim().is_empty())
        .collect();
    rest.len() <= SIGNATURE_LINES
        && rest
            .iter()
            .all(|l| l.chars().count() <= SIGNATURE_LINE_CHARS)
}

fn trim_blank(lines: Vec<&str>) -> Vec<&str> {
    let start = lines.iter().position(|l| !l.trim().is_empty());
    let end = lines.iter().rposition(|l| !l.trim().is_empty());
    match (start, end) {
        (Some(s), Some(e)) => lines[s..=e].to_vec(),
        _ => Vec::new(),
    }
}

/// HTML with the reply containers mailers put the history in taken out: everything from the
/// first container on, and any other `blockquote`.
fn without_html_history(html: &str) -> String {
    const CONTAINERS: &[&str] = &[
        "<div class=\"gmail_quote",
        "<div id=\"divrplyfwdmsg\"",
        "<div id=\"appendonsend\"",
        "<hr id=\"stopspelling\"",
        "<div class=\"moz-cite-prefix\"",
        "<div class=\"yahoo_quoted\"",
    ];
    let lower = html.to_ascii_lowercase();
    let end = CONTAINERS
        .iter()
        .filter_map(|c| lower.find(c))
        .min()
        .unwrap_or(html.len());
    without_blockquotes(&html[..end])
}

/// `html` without its `blockquote` elements, nested ones included.
fn without_blockquotes(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let (mut depth, mut at) = (0usize, 0usize);
    while at < html.len() {
        let open = lower[at..].find("<blockquote").map(|p| p + at);
        let close = lower[at..].find("</blockquote").map(|p| p + at);
        let next = match (open, close) {
            (Some(o), Some(c)) if o < c => (o, true),
            (_, Some(c)) => (c, false),
            (Some(o), None) => (o, true),
            (None, None) => break,
        };
        if depth == 0 {
            out.push_str(&html[at..next.0]);
        }
        let tag_end = lower[next.0..]
            .find('>')
            .map_or(html.len(), |p| next.0 + p + 1);
        depth = if next.1 {
            depth + 1
        } else {
            depth.saturating_sub(1)
        };
        at = tag_end;
    }
    if depth == 0 && at < html.len() {
        out.push_str(&html[at..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(body: &str, expect: &str) {
        assert_eq!(new_text(body), expect, "body:\n{body}");
    }

    #[test]
    fn top_post_over_attribution() {
        check(
            "Still nothing.\n\nOn Tue, 1 Dec 2026 at 09:00, Help <help@shop.test> wrote:\n> We are on it.",
            "Still nothing.",
        );
    }

    #[test]
    fn wrapped_attribution() {
        check(
            "Where is it?\n\nOn Tue, 1 Dec 2026 at 09:00, Support Team\n<help@shop.test> wrote:\n\n> Soon.",
            "Where is it?",
        );
    }

    #[test]
    fn inline_answers_keep_every_own_line() {
        check(
            "On Mon, Ann wrote:\n> Did the refund arrive?\nNo.\n> Is the address right?\nYes, it is.\n",
            "No.\nYes, it is.",
        );
    }

    #[test]
    fn outlook_block_and_sign_off() {
        check(
            "This is unacceptable.\n\nRegards,\nTom Baker\nAcme Ltd\n\nFrom: Help <h@x.test>\nSent: Monday\nTo: Tom\nSubject: Re: order\n\nHello Tom",
            "This is unacceptable.",
        );
    }

    #[test]
    fn a_thanks_inside_the_text_stays() {
        check(
            "Thanks for nothing. I asked three times.\nFix it today.",
            "Thanks for nothing. I asked three times.\nFix it today.",
        );
    }

    #[test]
    fn html_quotes_are_dropped_before_conversion() {
        let html = "<div>Not good enough.</div><blockquote>old <blockquote>older</blockquote> text</blockquote><p>Call me.</p>";
        assert_eq!(
            without_blockquotes(html),
            "<div>Not good enough.</div><p>Call me.</p>"
        );
        let gmail = "<div dir=\"ltr\">Why?</div><div class=\"gmail_quote\">On Mon wrote:<blockquote>x</blockquote></div>";
        assert_eq!(new_text_of_html(gmail), "Why?");
    }
}
