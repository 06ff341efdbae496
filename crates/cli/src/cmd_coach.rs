//! `defuse coach` and `defuse check-reply`: advice for the agent's next reply, and the pre-send
//! check of a draft, over a conversation read from a file or stdin.
//!
//! A conversation is JSON in the shape the API reads (`defuse_wire::ConversationIn`:
//! `{"turns": [{"role": "client"|"agent", "text": "...", "at": "..."}], "utc_offset": "+01:00"}`,
//! `timezone` accepted for `utc_offset`; `at` is RFC 3339, a local `YYYY-MM-DD HH:MM`, or unix
//! seconds, and may be left out), or a plain transcript whose turns start with `Client:` or `Agent:`. Turns
//! without a time, and every transcript turn, are taken as sent now.

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use clap::Args;
use defuse_core::coach::{
    self, Analysed, Conversation, Policy, ReplyCheck, Timestamp, UtcOffset, Verdict,
};
use defuse_wire::marks::{bracketed, slice};
use defuse_wire::{CoachingDto, ConversationIn, ReplyCheckDto};

use crate::engine::{self, EngineArgs};

/// Options shared by both commands.
#[derive(Args, Debug)]
pub struct CoachOptions {
    /// Print JSON instead of a readable summary.
    #[arg(long)]
    pub json: bool,
    /// A policy TOML file (default: the built-in policy; see `data/policy.default.toml`).
    #[arg(long)]
    pub policy: Option<PathBuf>,
    /// UTC offset for local times and due dates, e.g. +01:00 (default: the file's `timezone`, else UTC).
    #[arg(long)]
    pub timezone: Option<String>,
    /// The time to take as now (RFC 3339 or `YYYY-MM-DD HH:MM`); default: the system clock.
    #[arg(long)]
    pub now: Option<String>,
    #[command(flatten)]
    pub engine: EngineArgs,
}

#[derive(Args, Debug)]
pub struct CoachArgs {
    /// The conversation: a JSON or transcript file, or `-` for stdin.
    ///
    /// A transcript has one turn a line, `Client: ...` or `Agent: ...`, ending with the client's
    /// message. Add `Found: ...` lines for what you found out or will do, written as you would
    /// say it to the client ("Found: The parcel went to your old address. I'll send a new one
    /// today and email you the tracking by 3pm."): the suggested reply says them after the
    /// acknowledgement in place of the stock options, a step with a time in them replaces the
    /// stock next step, and the reply with your words is checked like a draft. Shorthand or the
    /// client called "she" or "he" is flagged: the client would read it as it stands.
    /// In JSON: `{"turns": [{"role": "client", "text": "..."}], "found": ["..."]}`.
    pub input: String,
    #[command(flatten)]
    pub options: CoachOptions,
}

#[derive(Args, Debug)]
pub struct CheckReplyArgs {
    /// The conversation so far: a JSON or transcript file, or `-` for stdin.
    #[arg(long)]
    pub conversation: String,
    /// The agent's draft reply: its text, a file that holds it, or `-` for stdin.
    pub draft: String,
    #[command(flatten)]
    pub options: CoachOptions,
}

/// `defuse coach FILE|-`.
pub fn run(args: CoachArgs) -> Result<ExitCode> {
    let setup = Setup::new(&args.input, &args.options)?;
    // Analysed once: the coaching and the check of a reply that carries Found: words read the
    // same analyses.
    let analysed = Analysed::new(&setup.conversation, &setup.analyzer);
    let coaching = coach::coach_analysed(&analysed, &setup.policy);
    let dto = CoachingDto::new(&coaching, &setup.conversation);
    let text = if args.options.json {
        serde_json::to_string_pretty(&dto)? + "\n"
    } else {
        let mut text = render_coaching(&dto, setup.conversation.last_client().is_some());
        text.push_str(&setup.check_found(coaching.suggested_reply.as_deref(), &analysed)?);
        text
    };
    crate::out::to_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// `defuse check-reply --conversation FILE "draft"`.
pub fn run_check(args: CheckReplyArgs) -> Result<ExitCode> {
    if args.conversation == "-" && args.draft == "-" {
        bail!("only one of --conversation and the draft can be read from stdin");
    }
    let setup = Setup::new(&args.conversation, &args.options)?;
    // A file name checked as if it were the draft would score its own name, so a path that
    // names a file is read.
    let draft = if args.draft == "-" || Path::new(&args.draft).is_file() {
        read_source(&args.draft)?
    } else {
        args.draft.clone()
    };
    let check = coach::check_reply(
        &draft,
        &setup.conversation,
        &setup.policy,
        &setup.analyzer,
        setup.now,
    )
    .context("cannot check the draft")?;
    let offset = setup.conversation.offset;
    let text = if args.options.json {
        serde_json::to_string_pretty(&ReplyCheckDto::new(&check, &draft, offset))? + "\n"
    } else {
        render_check(&check, &draft, offset)
    };
    crate::out::to_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// What both commands need: the conversation, the policy, the analyser and now.
struct Setup {
    conversation: Conversation,
    policy: Policy,
    analyzer: defuse_core::Analyzer,
    now: Timestamp,
}

impl Setup {
    fn new(source: &str, options: &CoachOptions) -> Result<Setup> {
        let offset = options
            .timezone
            .as_deref()
            .map(UtcOffset::parse)
            .transpose()
            .context("--timezone")?;
        let now = match &options.now {
            Some(t) => Timestamp::parse(t, offset.unwrap_or_default()).context("--now")?,
            None => Timestamp(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .context("the system clock is before 1970")?
                    .as_secs() as i64,
            ),
        };
        let text = read_source(source)?;
        let conversation = parse_conversation(&text, offset, now)
            .with_context(|| format!("reading the conversation from {}", name(source)))?;
        let policy = match &options.policy {
            Some(path) => {
                let toml = std::fs::read_to_string(path)
                    .with_context(|| format!("reading {}", path.display()))?;
                Policy::parse(&toml).with_context(|| format!("policy {}", path.display()))?
            }
            None => Policy::default(),
        };
        Ok(Setup {
            conversation,
            policy,
            analyzer: engine::load(&options.engine)?,
            now,
        })
    }
}

impl Setup {
    /// The draft check of a suggested reply that carries the agent's own `Found:` words, which
    /// no wording of ours vouches for; nothing when there are none.
    fn check_found(&self, reply: Option<&str>, analysed: &Analysed<'_>) -> Result<String> {
        let Some(reply) = reply.filter(|_| !self.conversation.found.is_empty()) else {
            return Ok(String::new());
        };
        let check = coach::check_reply_analysed(reply, analysed, &self.policy, self.now)
            .context("cannot check the suggested reply")?;
        Ok(format!(
            "\nThe suggested reply with your Found: words, as the draft check reads it:\n{}",
            render_check(&check, reply, self.conversation.offset)
        ))
    }
}

fn name(source: &str) -> String {
    if source == "-" {
        "stdin".into()
    } else {
        source.into()
    }
}

/// The text of `source`: standard input for `-`, else the file it names.
pub(crate) fn read_source(source: &str) -> Result<String> {
    if source == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading stdin")?;
        Ok(text)
    } else {
        std::fs::read_to_string(source).with_context(|| format!("reading {source}"))
    }
}

/// JSON ([`ConversationIn`], the shape the API reads) when the text starts with `{`, else a
/// `Client:`/`Agent:` transcript. `offset` (from the command line) wins over the file's own.
pub fn parse_conversation(
    text: &str,
    offset: Option<UtcOffset>,
    now: Timestamp,
) -> Result<Conversation> {
    if !text.trim_start().starts_with('{') {
        return Ok(Conversation::parse_transcript(
            text,
            now,
            offset.unwrap_or_default(),
        )?);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let sent: ConversationIn = serde_path_to_error::deserialize(&mut de).map_err(json_error)?;
    if sent.turns.is_empty() {
        bail!("turns: the conversation has no turns");
    }
    Ok(sent.read(offset, now)?)
}

/// A JSON error naming the field it is in and where in the file.
fn json_error(e: serde_path_to_error::Error<serde_json::Error>) -> anyhow::Error {
    let path = e.path().to_string();
    let inner = e.into_inner();
    let message = inner.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m);
    let place = format!("line {}, column {}", inner.line(), inner.column());
    if path == "." {
        anyhow!("{place}: {message}")
    } else {
        anyhow!("{path}: {message} ({place})")
    }
}

/// The coaching for a person, from the same shape `--json` prints: the suggested reply first,
/// then the cause, the course, the boundary and each move with its reasons and wordings.
pub fn render_coaching(c: &CoachingDto, has_client_turn: bool) -> String {
    let mut out = String::new();
    if let Some(reply) = &c.suggested_reply {
        let _ = writeln!(out, "Suggested reply:\n  {reply}\n");
    }
    if let Some(note) = &c.note {
        let _ = writeln!(out, "Note: {note}\n");
    }
    if let Some(cause) = &c.cause {
        let said: Vec<String> = cause
            .why
            .iter()
            .filter(|w| !w.text.is_empty())
            .map(|w| format!("\"{}\"", w.text))
            .collect();
        let said = if said.is_empty() {
            String::new()
        } else {
            format!(" — {}", said.join(", "))
        };
        let cause_name = cause.cause.replace('_', " ");
        let _ = writeln!(
            out,
            "Behind it: {cause_name} ({:.2}): {}{said}\n",
            cause.score, cause.reason
        );
    }
    render_course_and_boundary(&mut out, c);
    for (n, m) in c.moves.iter().enumerate() {
        let _ = writeln!(out, "\n{}. {}", n + 1, m.kind.replace('_', " "));
        for w in &m.why {
            let place = w
                .turn
                .map_or(String::new(), |t| format!("turn {}: ", t + 1));
            let quoted = if w.text.is_empty() {
                String::new()
            } else {
                format!("\"{}\" ", w.text)
            };
            let _ = writeln!(out, "   because {place}{quoted}({})", w.note);
        }
        for s in &m.say {
            let _ = writeln!(out, "   say: {s}");
        }
    }
    if !has_client_turn {
        out.push_str("\nNo client turn yet: nothing to coach.\n");
    }
    out
}

fn render_course_and_boundary(out: &mut String, c: &CoachingDto) {
    // Each client turn's level (the hostility scores are in the JSON).
    let by_turn: Vec<&str> = c
        .course
        .turns
        .iter()
        .filter_map(|t| t.level.as_deref())
        .collect();
    let _ = writeln!(
        out,
        "Course: {} (client level by turn: {})",
        c.course.trend,
        by_turn.join(" -> ")
    );
    let b = &c.boundary;
    let _ = writeln!(
        out,
        "Boundary: step {} ({}), {} crossing(s)",
        b.step,
        b.name,
        b.crossings.len()
    );
    for x in &b.crossings {
        let _ = writeln!(
            out,
            "  turn {}: \"{}\" ({})",
            x.turn + 1,
            x.text,
            x.kind.as_deref().unwrap_or("abusive message")
        );
    }
}

/// The verdict for a person: the draft with findings marked, each with its reason and rewrite.
pub fn render_check(check: &ReplyCheck, draft: &str, offset: UtcOffset) -> String {
    let mut out = String::new();
    let meaning = match check.verdict {
        Verdict::Send => "nothing to fix",
        Verdict::Revise => "fix the findings, then send",
        Verdict::Rewrite => "do not send it as written: it would make things worse",
    };
    let _ = writeln!(
        out,
        "Verdict: {} (score {}/100): {meaning}",
        check.verdict.as_str(),
        check.score
    );
    let spans: Vec<(usize, usize)> = check.findings.iter().map(|f| (f.start, f.end)).collect();
    let _ = writeln!(out, "Draft: {}", bracketed(draft, &spans, "[[", "]]"));
    for f in &check.findings {
        let words = match slice(draft, f.start, f.end) {
            "" => String::new(),
            w => format!("\"{w}\" "),
        };
        let _ = writeln!(out, "  - {}: {words}{}", f.kind.as_str(), f.message);
        if !f.rewrite.is_empty() {
            let _ = writeln!(out, "      try: {}", f.rewrite);
        }
    }
    for p in &check.promises {
        let due = p
            .due
            .map_or_else(|| "no time given".to_string(), |d| d.to_rfc3339(offset));
        let _ = writeln!(out, "Promise: {} will {} (due {due})", p.who, p.action);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use defuse_core::coach::Role;

    const NOW: Timestamp = Timestamp(1_772_445_600);

    fn err(text: &str) -> String {
        format!("{:#}", parse_conversation(text, None, NOW).unwrap_err())
    }

    #[test]
    fn reads_json_and_transcripts() {
        let json = r#"{"timezone": "+01:00", "turns": [
            {"role": "client", "text": "Where is my parcel?", "at": "2026-03-02 09:00"},
            {"role": "Agent", "text": "Let me check.", "at": 1772442000},
            {"role": "client", "text": "Still nothing!"}]}"#;
        let c = parse_conversation(json, None, NOW).unwrap();
        assert_eq!(c.turns.len(), 3);
        assert_eq!(
            (c.turns[0].at, c.turns[1].role, c.turns[2].at),
            (Timestamp(1_772_438_400), Role::Agent, NOW)
        );
        assert_eq!(c.offset.minutes(), 60);
        let t = parse_conversation(
            "Client: Hello\nI need help\n\nagent: Sure.\n",
            Some(UtcOffset::UTC),
            NOW,
        )
        .unwrap();
        assert_eq!(
            (t.turns.len(), t.turns[0].text.as_str()),
            (2, "Hello\nI need help")
        );
    }

    #[test]
    fn errors_name_the_line_and_field() {
        assert_eq!(
            err(r#"{"turns": [{"role": "client", "text": "a"}, {"role": "boss", "text": "b"}]}"#),
            "turns[1].role: use client or agent"
        );
        assert!(
            err(r#"{"turns": [{"role": "client", "text": 5}]}"#)
                .starts_with("turns[0].text: invalid type: integer `5`, expected a string (line 1")
        );
        assert!(
            err(r#"{"turns": [{"role": "client", "text": "a", "at": "tuesday"}]}"#)
                .starts_with("turns[0].at: not a time")
        );
        assert_eq!(
            err(r#"{"turns": []}"#),
            "turns: the conversation has no turns"
        );
        assert!(err(r#"{"messages": []}"#).contains("unknown field `messages`"));
        assert!(err(r#"{"utc_offset": "Z"}"#).contains("missing field `turns`"));
        assert_eq!(
            err("{\"turns\": [\n  {\"role\": }\n]}"),
            "turns[0].role: expected value (line 2, column 12)"
        );
        assert_eq!(
            err("Hello there\nClient: hi"),
            "line 1: no Client:/Agent: prefix"
        );
        assert!(err("Client: hi\nManager: I'll take over").starts_with(
            "line 2: unknown speaker \"Manager\": a turn starts with Client: or Agent:"
        ));
        assert!(
            err(r#"{"timezone": "CET", "turns": [{"role": "client", "text": "a"}]}"#)
                .starts_with("utc_offset: not a UTC offset")
        );
    }
}
