//! Clients and the history the brief is made from.

use chrono::Utc;

use super::query::{Param, Sql, contains_pattern};
use super::rows::{
    AGREED_COLUMNS, BOUNDARY_COLUMNS, CASE_SELECT, CLIENT_COLUMNS, DOCUMENTATION_COLUMNS,
    ESCALATION_COLUMNS, FOLLOW_UP_COLUMNS, MESSAGE_COLUMNS, REFLECTION_COLUMNS, Stored,
    encode_list,
};
use super::{Exec, Result, all, filter, one, page, require_text};
use crate::filters::{ClientFilter, Page, Paging};
use crate::inputs::ClientFields;
use crate::records::{Case, Client};
use crate::store::ClientHistory;

/// The editable columns in the order `field_params` binds them.
const FIELDS: &str = "name, emails, phones, organisation, notes, flags";

fn field_params(fields: ClientFields) -> Result<[Param; 6]> {
    require_text("name", &fields.name)?;
    Ok([
        fields.name.into(),
        encode_list(&fields.emails).into(),
        encode_list(&fields.phones).into(),
        fields.organisation.into(),
        fields.notes.into(),
        encode_list(&fields.flags).into(),
    ])
}

pub(super) async fn create_client(db: &impl Exec, fields: ClientFields) -> Result<Client> {
    let mut sql = insert_client_values(fields)?;
    sql.push(&format!(" RETURNING {CLIENT_COLUMNS}"), []);
    one(db, sql).await
}

/// The insert of a new client, returning its id.
pub(super) fn insert_client(fields: ClientFields) -> Result<Sql> {
    let mut sql = insert_client_values(fields)?;
    sql.push(" RETURNING id", []);
    Ok(sql)
}

fn insert_client_values(fields: ClientFields) -> Result<Sql> {
    let now = Utc::now();
    let mut sql = Sql::new(
        &format!(
            "INSERT INTO clients ({FIELDS}, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, "
        ),
        field_params(fields)?,
    );
    sql.push("?, ?)", [now.into(), now.into()]);
    Ok(sql)
}

pub(super) async fn client(db: &impl Exec, id: i64) -> Result<Client> {
    let sql = Sql::new(
        &format!("SELECT {CLIENT_COLUMNS} FROM clients WHERE id = ?"),
        [id.into()],
    );
    one(db, sql).await
}

pub(super) async fn update_client(db: &impl Exec, id: i64, fields: ClientFields) -> Result<Client> {
    let mut sql = Sql::new(
        "UPDATE clients SET name = ?, emails = ?, phones = ?, organisation = ?, notes = ?, \
         flags = ?, ",
        field_params(fields)?,
    );
    sql.push(
        &format!("updated_at = ? WHERE id = ? RETURNING {CLIENT_COLUMNS}"),
        [Utc::now().into(), id.into()],
    );
    one(db, sql).await
}

pub(super) async fn list_clients(
    db: &impl Exec,
    client_filter: ClientFilter,
    paging: Paging,
) -> Result<Page<Client>> {
    let mut sql = filter();
    if let Some(query) = client_filter.query {
        let pattern = contains_pattern(&query);
        let like = |column: &str| format!("LOWER({column}) LIKE ? ESCAPE '\\'");
        sql.push(
            &format!(
                " AND ({} OR {} OR {} OR {})",
                like("name"),
                like("COALESCE(organisation, '')"),
                like("emails"),
                like("phones")
            ),
            std::iter::repeat_n(Param::from(pattern), 4),
        );
    }
    let select = format!("SELECT {CLIENT_COLUMNS} FROM clients");
    page(db, &select, "clients", &sql, "name, id", paging).await
}

pub(super) async fn client_history(
    db: &impl Exec,
    client_id: i64,
    recent_messages: i64,
) -> Result<ClientHistory> {
    let client = client(db, client_id).await?;
    let cases = cases_of(db, client_id, "c.opened_at DESC, c.id DESC").await?;
    let recent = format!("ORDER BY at DESC, id DESC LIMIT {}", recent_messages.max(0));
    Ok(ClientHistory {
        client,
        cases,
        recent_messages: of_client(db, MESSAGE_COLUMNS, "messages", client_id, &recent).await?,
        boundary_events: of_client(
            db,
            BOUNDARY_COLUMNS,
            "boundary_events",
            client_id,
            "ORDER BY at, id",
        )
        .await?,
        escalations: of_client(
            db,
            ESCALATION_COLUMNS,
            "escalations",
            client_id,
            "ORDER BY at, id",
        )
        .await?,
        agreed_actions: of_client(
            db,
            AGREED_COLUMNS,
            "agreed_actions",
            client_id,
            "ORDER BY at, id",
        )
        .await?,
        open_follow_ups: of_client(
            db,
            FOLLOW_UP_COLUMNS,
            "follow_ups",
            client_id,
            "AND status = 'open' ORDER BY due_at IS NULL, due_at, id",
        )
        .await?,
        documentation: of_client(
            db,
            DOCUMENTATION_COLUMNS,
            "case_documentation",
            client_id,
            "ORDER BY updated_at, case_id",
        )
        .await?,
        reflections: of_client(
            db,
            REFLECTION_COLUMNS,
            "reflections",
            client_id,
            "ORDER BY at, case_id",
        )
        .await?,
    })
}

/// The cases of a client in `order` (of columns of `cases c`).
pub(super) async fn cases_of(db: &impl Exec, client_id: i64, order: &str) -> Result<Vec<Case>> {
    let sql = Sql::new(
        &format!("{CASE_SELECT} WHERE c.client_id = ? ORDER BY {order}"),
        [client_id.into()],
    );
    all(db, sql).await
}

/// Rows of `table` that belong to the cases of a client, followed by `tail`.
pub(super) async fn of_client<T: Stored>(
    db: &impl Exec,
    columns: &str,
    table: &str,
    client_id: i64,
    tail: &str,
) -> Result<Vec<T>> {
    let sql = Sql::new(
        &format!(
            "SELECT {columns} FROM {table} \
             WHERE case_id IN (SELECT id FROM cases WHERE client_id = ?) {tail}"
        ),
        [client_id.into()],
    );
    all(db, sql).await
}
