//! Users and teams.

use chrono::Utc;

use super::query::{Param, Sql};
use super::rows::{TEAM_COLUMNS, USER_COLUMNS};
use super::{Exec, Result, all, changed, column, conflict, filter, number, one, page};
use super::{require_text, still_referenced};
use crate::filters::{Page, Paging};
use crate::inputs::{NewPassword, NewUser, UserChanges};
use crate::records::{Team, TeamMember, User};

pub(super) async fn create_user(db: &impl Exec, new: NewUser) -> Result<User> {
    require_text("username", &new.username)?;
    let sql = Sql::new(
        &format!(
            "INSERT INTO users (username, display_name, role, password_hash, created_at) \
             VALUES (?, ?, ?, ?, ?) RETURNING {USER_COLUMNS}"
        ),
        [
            new.username.into(),
            new.display_name.into(),
            new.role.as_str().into(),
            new.password_hash.into(),
            Utc::now().into(),
        ],
    );
    one(db, sql)
        .await
        .map_err(conflict("username is already taken"))
}

pub(super) async fn user(db: &impl Exec, id: i64) -> Result<User> {
    let sql = Sql::new(
        &format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?"),
        [id.into()],
    );
    one(db, sql).await
}

pub(super) async fn user_by_username(db: &impl Exec, username: &str) -> Result<User> {
    let sql = Sql::new(
        &format!("SELECT {USER_COLUMNS} FROM users WHERE username = ?"),
        [username.into()],
    );
    one(db, sql).await
}

pub(super) async fn list_users(db: &impl Exec, paging: Paging) -> Result<Page<User>> {
    let select = format!("SELECT {USER_COLUMNS} FROM users");
    page(db, &select, "users", &filter(), "username, id", paging).await
}

pub(super) async fn count_users(db: &impl Exec) -> Result<i64> {
    number(db, Sql::new("SELECT COUNT(*) FROM users", [])).await
}

pub(super) async fn update_user(db: &impl Exec, id: i64, changes: UserChanges) -> Result<User> {
    let sql = Sql::new(
        &format!(
            "UPDATE users SET display_name = COALESCE(?, display_name), role = COALESCE(?, role) \
             WHERE id = ? RETURNING {USER_COLUMNS}"
        ),
        [
            changes.display_name.into(),
            changes.role.map(|role| role.as_str().to_owned()).into(),
            id.into(),
        ],
    );
    one(db, sql).await
}

pub(super) async fn set_password_hash(db: &impl Exec, change: NewPassword) -> Result<()> {
    let update = Sql::new(
        "UPDATE users SET password_hash = ? WHERE id = ? RETURNING id",
        [change.password_hash.into(), change.user_id.into()],
    );
    let end_sessions = Sql::new(
        "DELETE FROM sessions WHERE user_id = ? AND id_hash <> COALESCE(?, '')",
        [Param::NewId, change.keep_session.into()],
    );
    let revoke_tokens = Sql::new(
        "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
        [change.at.into(), Param::NewId],
    );
    db.transaction(update, vec![end_sessions, revoke_tokens])
        .await?;
    Ok(())
}

pub(super) async fn create_team(db: &impl Exec, name: &str) -> Result<Team> {
    require_text("name", name)?;
    let sql = Sql::new(
        &format!("INSERT INTO teams (name, created_at) VALUES (?, ?) RETURNING {TEAM_COLUMNS}"),
        [name.into(), Utc::now().into()],
    );
    one(db, sql)
        .await
        .map_err(conflict("team name is already taken"))
}

pub(super) async fn team(db: &impl Exec, id: i64) -> Result<Team> {
    let sql = Sql::new(
        &format!("SELECT {TEAM_COLUMNS} FROM teams WHERE id = ?"),
        [id.into()],
    );
    one(db, sql).await
}

pub(super) async fn list_teams(db: &impl Exec, paging: Paging) -> Result<Page<Team>> {
    let select = format!("SELECT {TEAM_COLUMNS} FROM teams");
    page(db, &select, "teams", &filter(), "name, id", paging).await
}

pub(super) async fn delete_team(db: &impl Exec, id: i64) -> Result<()> {
    let rows = db
        .execute(Sql::new("DELETE FROM teams WHERE id = ?", [id.into()]))
        .await
        .map_err(|error| still_referenced("the team still has cases")(error.into()))?;
    changed(rows)
}

pub(super) async fn add_team_member(
    db: &impl Exec,
    team_id: i64,
    user_id: i64,
) -> Result<TeamMember> {
    let sql = Sql::new(
        "INSERT INTO team_members (team_id, user_id, added_at) VALUES (?, ?, ?) \
         RETURNING team_id, user_id, added_at",
        [team_id.into(), user_id.into(), Utc::now().into()],
    );
    one(db, sql)
        .await
        .map_err(conflict("the user is already in the team"))
}

pub(super) async fn remove_team_member(db: &impl Exec, team_id: i64, user_id: i64) -> Result<()> {
    let sql = Sql::new(
        "DELETE FROM team_members WHERE team_id = ? AND user_id = ?",
        [team_id.into(), user_id.into()],
    );
    changed(db.execute(sql).await?)
}

pub(super) async fn team_members(db: &impl Exec, team_id: i64) -> Result<Vec<User>> {
    let sql = Sql::new(
        &format!(
            "SELECT {USER_COLUMNS} FROM users JOIN team_members ON team_members.user_id = users.id \
             WHERE team_members.team_id = ? ORDER BY username, id"
        ),
        [team_id.into()],
    );
    all(db, sql).await
}

pub(super) async fn user_team_ids(db: &impl Exec, user_id: i64) -> Result<Vec<i64>> {
    let sql = Sql::new(
        "SELECT team_id FROM team_members WHERE user_id = ? ORDER BY team_id",
        [user_id.into()],
    );
    column(db, sql).await
}
