//! `defuse serve`, `defuse migrate` and `defuse config print-default`: glue over `defuse-server`.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use defuse_server::{Overrides, Settings};

/// Where the settings (and so the database) come from; shared by `serve`, `migrate` and `user`.
#[derive(Args, Debug, Clone)]
pub struct StoreArgs {
    /// TOML settings file (see `defuse config print-default`).
    #[arg(long, env = "DEFUSE_CONFIG")]
    pub config: Option<PathBuf>,
    /// Data directory: SQLite database and installed models [env: DEFUSE_DATA_DIR].
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// `sqlite:///path.db` or `postgres://user@host/db` [env: DEFUSE_DATABASE_URL, DATABASE_URL].
    #[arg(long)]
    pub database_url: Option<String>,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on [env: DEFUSE_LISTEN; default 127.0.0.1:8080].
    #[arg(long)]
    pub addr: Option<SocketAddr>,
    #[command(flatten)]
    pub store: StoreArgs,
    /// Fill an empty database with sample clients, teams and conversations.
    #[arg(long)]
    pub demo: bool,
    /// Use the fast tier only, even when the embedding model is installed.
    #[arg(long)]
    pub fast: bool,
}

#[derive(Subcommand, Debug)]
pub enum ConfigCommand {
    /// Print the default settings as a commented TOML file.
    PrintDefault,
}

impl StoreArgs {
    /// The layered settings, with `listen` from `addr` when given.
    pub fn settings(&self, addr: Option<SocketAddr>) -> Result<Settings> {
        let flags = Overrides {
            listen: addr,
            data_dir: self.data_dir.clone(),
            database_url: self.database_url.clone(),
        };
        Settings::load(self.config.as_deref(), &flags).context("reading the settings")
    }

    /// The store the settings name, migrated.
    pub async fn open(&self) -> Result<std::sync::Arc<dyn defuse_storage::Store>> {
        let url = self.settings(None)?.database_url();
        defuse_storage::connect(&url)
            .await
            .context("opening the database")
    }
}

pub fn serve(args: ServeArgs) -> Result<()> {
    defuse_server::init_logging();
    let settings = args.store.settings(args.addr)?;
    defuse_server::imap::check_passwords(&settings)?;
    let engine = crate::engine::EngineArgs {
        data_dir: settings.data_dir.clone(),
        fast: args.fast,
    };
    let analyzer = crate::engine::load(&engine)?;
    runtime()?.block_on(async move {
        let listen = settings.listen;
        // Taken before anything is seeded, so that a busy address fails before any password is printed.
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| format!("listening on {listen} (is another server running there? choose another with --addr)"))?;
        let prepared = defuse_server::prepare(settings, analyzer)
            .await
            .context("opening the database")?;
        if args.demo {
            match defuse_server::demo::seed(&prepared.state)
                .await
                .context("adding the demo data")?
            {
                Some(seeded) => {
                    println!(
                        "Demo data added: {} cases. Demo accounts (passwords shown once):",
                        seeded.cases
                    );
                    for (user, password) in &seeded.users {
                        println!("  {user:<8} {password}");
                    }
                }
                None => println!("The database already holds clients: no demo data added."),
            }
        }
        if let Some(password) = &prepared.first_admin_password {
            println!("First start: created user `admin` with password {password}");
        }
        let address = listener.local_addr()?;
        if prepared.first_admin_password.is_some() || args.demo {
            println!(
                "Passwords are shown this once: after signing in, change yours on http://{address}/account (click your name at the top right)."
            );
        }
        println!("defuse is serving on http://{address}");
        defuse_server::launch(listener, prepared.state, defuse_server::shutdown_signal()).await
    })
}

pub fn migrate(args: StoreArgs) -> Result<()> {
    let settings = args.settings(None)?;
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("creating {}", settings.data_dir.display()))?;
    let backend = runtime()?
        .block_on(defuse_storage::migrate(&settings.database_url()))
        .context("running the migrations")?;
    println!("Migrations applied ({backend:?}).");
    Ok(())
}

pub fn config(command: ConfigCommand) -> Result<()> {
    match command {
        ConfigCommand::PrintDefault => print!("{}", Settings::default_toml()),
    }
    Ok(())
}

pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}
