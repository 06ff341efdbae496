//! `defuse user add|list|passwd|token`: account administration straight on the database.

use std::io::BufRead;

use anyhow::{Context, Result, anyhow};
use clap::{Args, Subcommand};
use defuse_server::accounts::{self, Username};
use defuse_storage::{Paging, Role, Store};

use crate::cmd_serve::{StoreArgs, runtime};

#[derive(Args, Debug)]
pub struct UserArgs {
    #[command(subcommand)]
    pub command: UserCommand,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add a user; prints a generated password once unless --password-stdin is given.
    Add {
        username: String,
        /// agent, supervisor or admin.
        #[arg(long, default_value = "agent")]
        role: String,
        /// Name shown in the console.
        #[arg(long, default_value = "")]
        name: String,
        /// Add the user to this team (created if missing); repeat for several.
        #[arg(long = "team")]
        teams: Vec<String>,
        /// Read the password from the first line of stdin.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List users.
    List,
    /// Set a new password (ends the user's sessions and revokes their API tokens); generated
    /// unless --password-stdin.
    Passwd {
        username: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Issue an API token for the user; the token is printed once.
    Token {
        username: String,
        /// What will use the token.
        #[arg(long, default_value = "cli")]
        name: String,
    },
}

pub fn run(args: UserArgs) -> Result<()> {
    let url = args.store.settings(None)?.database_url();
    runtime()?.block_on(async move {
        let store = defuse_storage::connect(&url)
            .await
            .context("opening the database")?;
        let store = store.as_ref();
        match args.command {
            UserCommand::Add {
                username,
                role,
                name,
                teams,
                password_stdin,
            } => {
                let role = Role::parse(&role).map_err(|e| anyhow!("--role: {e}"))?;
                let password = read_password(password_stdin)?;
                let added = accounts::add_user(
                    store,
                    &Username::parse(&username)?,
                    &name,
                    role,
                    password.as_deref(),
                )
                .await?;
                for team in &teams {
                    let id = team_id(store, team).await?;
                    store
                        .add_team_member(id, added.user.id)
                        .await
                        .with_context(|| format!("adding to team {team}"))?;
                }
                println!("Added {} ({}).", added.user.username, added.user.role);
                if let Some(p) = added.generated_password {
                    println!("Password (shown once): {p}");
                }
            }
            UserCommand::List => {
                for u in store
                    .list_users(Paging::first(defuse_storage::MAX_LIMIT)?)
                    .await?
                    .items
                {
                    let teams = store.user_team_ids(u.id).await?;
                    println!(
                        "{:<5} {:<20} {:<11} {:<24} teams {teams:?}",
                        u.id,
                        u.username,
                        u.role.as_str(),
                        u.display_name
                    );
                }
            }
            UserCommand::Passwd {
                username,
                password_stdin,
            } => {
                let user = store
                    .user_by_username(Username::parse(&username)?.as_str())
                    .await
                    .with_context(|| format!("no user {username}"))?;
                let password = read_password(password_stdin)?;
                let generated =
                    accounts::set_password(store, user.id, password.as_deref(), None).await?;
                if let Some(p) = generated {
                    println!("New password for {} (shown once): {p}", user.username);
                } else {
                    println!("Password changed for {}.", user.username);
                }
            }
            UserCommand::Token { username, name } => {
                let user = store
                    .user_by_username(Username::parse(&username)?.as_str())
                    .await
                    .with_context(|| format!("no user {username}"))?;
                let (_, token) = accounts::issue_token(store, user.id, &name, None).await?;
                println!("{token}");
            }
        }
        Ok(())
    })
}

fn read_password(from_stdin: bool) -> Result<Option<String>> {
    if !from_stdin {
        return Ok(None);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from stdin")?;
    Ok(Some(line.trim_end_matches(['\r', '\n']).to_owned()))
}

async fn team_id(store: &dyn Store, name: &str) -> Result<i64> {
    let teams = store
        .list_teams(Paging::first(defuse_storage::MAX_LIMIT)?)
        .await?;
    match teams.items.into_iter().find(|t| t.name == name) {
        Some(t) => Ok(t.id),
        None => Ok(store.create_team(name).await?.id),
    }
}
