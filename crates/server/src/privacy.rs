//! A client's export and erasure, shared by the API and the CLI.
//!
//! An export holds everything stored about the client. An erasure deletes all of it in one
//! transaction and leaves one audit line saying that it happened and by whom; the line names
//! the client's id only, never what was erased.

use chrono::Utc;
use defuse_storage::{Store, StoreError};

use crate::audit::Entry;
use crate::dto::ClientExportOut;

/// The audit action of an erasure.
pub const ERASED: &str = "client.erase";

/// Everything held about the client.
pub async fn export(store: &dyn Store, client_id: i64) -> Result<ClientExportOut, StoreError> {
    let record = store.client_record(client_id).await?;
    Ok(ClientExportOut::new(record, Utc::now()))
}

/// Erases the client and everything about them; `actor` is who asked (`None`: the command line,
/// named in the audit line).
pub async fn erase(
    store: &dyn Store,
    client_id: i64,
    actor: Option<i64>,
) -> Result<(), StoreError> {
    let by = if actor.is_some() {
        "through the API"
    } else {
        "from the command line"
    };
    let entry = Entry {
        actor,
        action: ERASED,
        kind: "client",
        id: Some(client_id),
        detail: format!("the client and everything held about them were erased {by}"),
    };
    store.erase_client(client_id, entry.stamped()).await
}
