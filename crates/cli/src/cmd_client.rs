//! `defuse client export|erase` and `defuse backup`: a client's data and the database as a
//! whole, straight on the database (the server may be running).

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use defuse_server::privacy;
use defuse_storage::StoreError;

use crate::cmd_serve::{StoreArgs, runtime};

#[derive(Args, Debug)]
pub struct ClientArgs {
    #[command(subcommand)]
    pub command: ClientCommand,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Subcommand, Debug)]
pub enum ClientCommand {
    /// Print everything held about a client as JSON: cases, messages with their analyses,
    /// notes, follow-ups and the audit lines about them.
    Export {
        id: i64,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Erase a client and everything held about them, for good; the audit log keeps that it
    /// happened.
    Erase {
        id: i64,
        /// Confirm the erasure (nothing is erased without it).
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Args, Debug)]
pub struct BackupArgs {
    /// The copy to write; it must not exist yet.
    pub file: PathBuf,
    #[command(flatten)]
    pub store: StoreArgs,
}

pub fn run(args: ClientArgs) -> Result<()> {
    runtime()?.block_on(async move {
        let store = args.store.open().await?;
        match args.command {
            ClientCommand::Export { id, out } => {
                let export = privacy::export(store.as_ref(), id)
                    .await
                    .map_err(|e| missing_client(e, id))?;
                let json = serde_json::to_string_pretty(&export)?;
                match out {
                    Some(path) => std::fs::write(&path, json + "\n")
                        .with_context(|| format!("writing {}", path.display()))?,
                    None => crate::out::to_stdout(&(json + "\n"))?,
                }
            }
            ClientCommand::Erase { id, yes } => {
                if !yes {
                    bail!("erasing client {id} cannot be undone: add --yes to go ahead");
                }
                privacy::erase(store.as_ref(), id, None)
                    .await
                    .map_err(|e| missing_client(e, id))?;
                eprintln!("client {id} and everything held about them were erased");
            }
        }
        Ok(())
    })
}

pub fn backup(args: BackupArgs) -> Result<()> {
    if args.file.exists() {
        bail!("{} exists already: name a new file", args.file.display());
    }
    runtime()?.block_on(async move {
        let store = args.store.open().await?;
        store
            .backup_into(&args.file)
            .await
            .with_context(|| format!("writing the backup {}", args.file.display()))?;
        eprintln!("wrote a copy of the database to {}", args.file.display());
        Ok(())
    })
}

fn missing_client(error: StoreError, id: i64) -> anyhow::Error {
    match error {
        StoreError::NotFound => anyhow::anyhow!("there is no client {id}"),
        other => anyhow::Error::from(other),
    }
}
