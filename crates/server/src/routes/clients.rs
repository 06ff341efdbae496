//! Clients: a directory every signed-in user can read and keep up to date. Admins may export
//! everything held about a client and erase it (see `privacy`).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use defuse_storage::{ClientFields, ClientFilter, Role};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{PageQuery, required};
use crate::audit;
use crate::auth::Caller;
use crate::auth::access::require_role;
use crate::dto::{ClientExportOut, ClientOut, PageOut};
use crate::error::{AppResult, NotFoundAs};
use crate::json::ApiJson;
use crate::privacy;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_clients, create_client))
        .routes(routes!(get_client, update_client, delete_client))
        .routes(routes!(export_client))
}

/// A client as written: the whole record, for creating and for replacing.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientIn {
    pub name: String,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    pub organisation: Option<String>,
    #[serde(default)]
    pub notes: String,
    /// Short markers for the next agent: "prefers phone", "has been abusive".
    #[serde(default)]
    pub flags: Vec<String>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClientQuery {
    /// Matches name, organisation, emails and phones, ignoring case.
    pub q: Option<String>,
}

impl ClientIn {
    fn fields(self) -> AppResult<ClientFields> {
        let tidy = |v: Vec<String>| {
            v.into_iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect()
        };
        Ok(ClientFields {
            name: required("name", &self.name)?.to_owned(),
            emails: tidy(self.emails),
            phones: tidy(self.phones),
            organisation: self
                .organisation
                .map(|o| o.trim().to_owned())
                .filter(|o| !o.is_empty()),
            notes: self.notes,
            flags: tidy(self.flags),
        })
    }
}

#[utoipa::path(get, path = "/clients", tag = "clients", params(ClientQuery, PageQuery), responses((status = 200, body = PageOut<ClientOut>)))]
pub async fn list_clients(
    State(state): State<AppState>,
    _caller: Caller,
    Query(query): Query<ClientQuery>,
    Query(page): Query<PageQuery>,
) -> AppResult<ApiJson<PageOut<ClientOut>>> {
    let paging = page.paging()?;
    let clients = state
        .store
        .list_clients(ClientFilter { query: query.q }, paging)
        .await?;
    Ok(ApiJson(PageOut::new(clients, paging, ClientOut::from)))
}

#[utoipa::path(post, path = "/clients", tag = "clients", request_body = ClientIn, responses((status = 201, body = ClientOut)))]
pub async fn create_client(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<ClientIn>,
) -> AppResult<(StatusCode, ApiJson<ClientOut>)> {
    let client = state.store.create_client(body.fields()?).await?;
    audit::act(
        &state,
        &caller,
        "client.create",
        "client",
        Some(client.id),
        "",
    )
    .await;
    Ok((StatusCode::CREATED, ApiJson(client.into())))
}

#[utoipa::path(get, path = "/clients/{id}", tag = "clients", params(("id" = i64, Path)), responses((status = 200, body = ClientOut)))]
pub async fn get_client(
    State(state): State<AppState>,
    _caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<ApiJson<ClientOut>> {
    Ok(ApiJson(
        state.store.client(id).await.or_missing("client")?.into(),
    ))
}

#[utoipa::path(put, path = "/clients/{id}", tag = "clients", params(("id" = i64, Path)), request_body = ClientIn, responses((status = 200, body = ClientOut)))]
pub async fn update_client(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<ClientIn>,
) -> AppResult<ApiJson<ClientOut>> {
    let client = state
        .store
        .update_client(id, body.fields()?)
        .await
        .or_missing("client")?;
    audit::act(&state, &caller, "client.update", "client", Some(id), "").await;
    Ok(ApiJson(client.into()))
}

#[utoipa::path(get, path = "/clients/{id}/export", tag = "clients", params(("id" = i64, Path)), responses((status = 200, body = ClientExportOut), (status = 403, body = crate::error::ErrorBody)))]
pub async fn export_client(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<ApiJson<ClientExportOut>> {
    require_role(&state, &caller, Role::Admin, "client export").await?;
    let export = privacy::export(state.store.as_ref(), id)
        .await
        .or_missing("client")?;
    audit::act(&state, &caller, "client.export", "client", Some(id), "").await;
    Ok(ApiJson(export))
}

/// Erases the client and everything held about them, in one transaction.
#[utoipa::path(delete, path = "/clients/{id}", tag = "clients", params(("id" = i64, Path)), responses((status = 204), (status = 403, body = crate::error::ErrorBody)))]
pub async fn delete_client(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    require_role(&state, &caller, Role::Admin, "client erasure").await?;
    privacy::erase(state.store.as_ref(), id, Some(caller.id()))
        .await
        .or_missing("client")?;
    Ok(StatusCode::NO_CONTENT)
}
