//! `defuse import FILE|DIR`: mail (`.eml` files, mbox files, Maildir folders) or, with
//! `--format chat`, a chat export (a `Client:`/`Agent:` transcript, JSON `{turns}`, or CSV
//! `conversation,time,role,text`) stored into cases and clients through the server's intake.
//! `--dry-run` prints what would be stored and stores nothing. A message or row that cannot be
//! read is reported with where it is; the others are stored, and the exit status is 1.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use defuse_core::coach::{Role, Timestamp};
use defuse_ingest::chat::{self, ChatTurn};
use defuse_ingest::mail::{self, Agents};
use defuse_ingest::{Direction, Incoming, thread};
use defuse_server::AppState;
use defuse_server::intake::{self, Intake, Outcome};

use crate::cmd_serve::{StoreArgs, runtime};

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// An .eml file, an mbox file, a Maildir folder or a folder of these; with --format chat, one chat export.
    pub path: PathBuf,
    /// What the file holds.
    #[arg(long, value_enum, default_value_t = Format::Mail)]
    pub format: Format,
    /// Print what would be stored; store nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Mail from this address is an agent's reply (repeat; adds to the setting ingest.agent_addresses).
    #[arg(long = "agent-address")]
    pub agent_addresses: Vec<String>,
    /// Mail from any address at this domain is an agent's reply (repeat; adds to ingest.agent_domains).
    #[arg(long = "agent-domain")]
    pub agent_domains: Vec<String>,
    /// Use the fast tier only, even when the embedding model is installed.
    #[arg(long)]
    pub fast: bool,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Mail,
    Chat,
}

/// A message or row that was not read or not stored, and where it is.
struct Unread {
    origin: String,
    error: String,
}

pub fn run(args: ImportArgs) -> Result<ExitCode> {
    let settings = args.store.settings(None)?;
    let mut addresses = settings.ingest.agent_addresses.clone();
    addresses.extend(args.agent_addresses.iter().cloned());
    let mut domains = settings.ingest.agent_domains.clone();
    domains.extend(args.agent_domains.iter().cloned());
    let agents = Agents::new(&addresses, &domains);
    let (messages, mut unread) = match args.format {
        Format::Mail => read_mail(&args.path, &agents)?,
        Format::Chat => read_chat(&args.path)?,
    };
    if args.dry_run {
        let mut text: String = messages.iter().map(|m| describe(m) + "\n").collect();
        text += &format!(
            "{} messages would be stored; {} could not be read.\n",
            messages.len(),
            unread.len()
        );
        crate::out::to_stdout(&text)?;
    } else {
        unread.extend(store(args, settings, messages)?);
    }
    for u in &unread {
        eprintln!("{}: {}", u.origin, u.error);
    }
    Ok(if unread.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn read_mail(path: &Path, agents: &Agents) -> Result<(Vec<Incoming>, Vec<Unread>)> {
    let raw = mail::source::read(path)?;
    let (mut messages, mut unread) = (Vec::new(), Vec::new());
    for m in raw {
        match mail::parse(&m.bytes, agents) {
            Ok(incoming) => messages.push(incoming),
            Err(e) => unread.push(Unread {
                origin: m.origin,
                error: e.to_string(),
            }),
        }
    }
    Ok((messages, unread))
}

/// A CSV export (by its `.csv` name), else a transcript or JSON `{turns}` read as `defuse coach`
/// reads them, one conversation named after the file.
fn read_chat(path: &Path) -> Result<(Vec<Incoming>, Vec<Unread>)> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let name = path.display().to_string();
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        let (turns, errors) = chat::read_csv(&text);
        let unread = errors
            .into_iter()
            .map(|e| Unread {
                origin: format!("{name}, line {}", e.line),
                error: e.message,
            })
            .collect();
        return Ok((chat::incoming(&turns), unread));
    }
    let now = Timestamp(chrono::Utc::now().timestamp());
    let conversation = crate::cmd_coach::parse_conversation(&text, None, now)
        .with_context(|| format!("reading {name}"))?;
    let stem = path
        .file_stem()
        .map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned());
    let turns: Vec<ChatTurn> = conversation
        .turns
        .iter()
        .enumerate()
        .map(|(i, turn)| ChatTurn {
            conversation: stem.clone(),
            // A transcript has no times: its turns are a minute apart, ending now.
            at: chrono::DateTime::from_timestamp(
                turn.at.0 - 60 * (conversation.turns.len() - 1 - i) as i64,
                0,
            ),
            direction: match turn.role {
                Role::Client => Direction::Inbound,
                Role::Agent => Direction::Outbound,
            },
            text: turn.text.clone(),
            line: i + 1,
        })
        .collect();
    Ok((chat::incoming(&turns), Vec::new()))
}

fn describe(m: &Incoming) -> String {
    let who = match (m.automatic, m.direction) {
        (Some(a), _) => a.as_str(),
        (None, Direction::Inbound) => "client",
        (None, Direction::Outbound) => "agent",
    };
    let text: String = m.new_text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text: String = text.chars().take(72).collect();
    format!(
        "{who:<10} {:<32} {:<32} {text:?}",
        m.contact.name,
        m.subject.chars().take(32).collect::<String>()
    )
}

/// Threads stored side by side: enough to fill the analysis workers and let SQLite commit
/// many messages at once, while each thread keeps its order.
const LANES: usize = 16;

fn store(
    args: ImportArgs,
    settings: defuse_server::Settings,
    messages: Vec<Incoming>,
) -> Result<Vec<Unread>> {
    let engine = crate::engine::EngineArgs {
        data_dir: settings.data_dir.clone(),
        fast: args.fast,
    };
    let analyzer = crate::engine::load(&engine)?;
    runtime()?.block_on(async move {
        let prepared = defuse_server::prepare(settings, analyzer)
            .await
            .context("opening the database")?;
        if let Some(password) = &prepared.first_admin_password {
            println!("First start: created user `admin` with password {password}");
        }
        let state = prepared.state;
        let intake = intake::settled(&state)
            .await
            .context("finding the team and account imports are recorded under")?;
        let started = Instant::now();
        let (counts, failed) = store_all(&state, intake, messages).await?;
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "Stored {} messages, {} automatic or empty ones as notes; {} were already stored. \
             {:.0} messages a second.",
            counts[0],
            counts[1],
            counts[2],
            counts.iter().sum::<usize>() as f64 / seconds.max(1e-9)
        );
        Ok(failed)
    })
}

/// Stores every message; threads (messages sharing a thread key) go in [`LANES`] lanes side by
/// side, each thread in its order. Returns how many were stored, noted and already there, and
/// the messages that could not be stored.
async fn store_all(
    state: &AppState,
    intake: Intake,
    messages: Vec<Incoming>,
) -> Result<([usize; 3], Vec<Unread>)> {
    let groups = thread::groups(&messages);
    let messages: Arc<Vec<Incoming>> = Arc::new(messages);
    let mut lanes: Vec<Vec<usize>> = vec![Vec::new(); LANES];
    for (i, group) in groups.into_iter().enumerate() {
        lanes[i % LANES].extend(group);
    }
    let mut tasks = tokio::task::JoinSet::new();
    for lane in lanes {
        let (state, messages) = (state.clone(), Arc::clone(&messages));
        tasks.spawn(async move {
            let mut counts = [0usize; 3];
            let mut failed = Vec::new();
            for i in lane {
                let m = &messages[i];
                let outcome = match intake::store(&state, m, intake).await {
                    Ok(outcome) => outcome,
                    // One message refused (say, an agent's empty reply) does not stop the rest.
                    Err(e) => {
                        failed.push(Unread {
                            origin: format!("{} ({})", m.external_id, m.subject),
                            error: format!("not stored: {e}"),
                        });
                        continue;
                    }
                };
                counts[match outcome {
                    Outcome::Stored { .. } => 0,
                    Outcome::Noted { .. } => 1,
                    Outcome::Duplicate { .. } => 2,
                }] += 1;
            }
            (counts, failed)
        });
    }
    let mut total = ([0usize; 3], Vec::new());
    while let Some(done) = tasks.join_next().await {
        let (counts, failed) = done.context("an import lane stopped")?;
        for (t, c) in total.0.iter_mut().zip(counts) {
            *t += c;
        }
        total.1.extend(failed);
    }
    Ok(total)
}
