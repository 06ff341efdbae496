//! The JSON shapes of stored records, converted by hand from `defuse-storage` values.
//!
//! Storage types carry no serialisation: the API's field names are decided here, in one place.
//! Request bodies live next to the route that reads them; the analysis DTOs live in `defuse-wire`.

mod accounts;
mod cases;
mod notify;
mod privacy;
mod work;

pub use accounts::{TeamOut, TokenOut, UserOut};
pub use cases::{CaseOut, ClientOut, MessageOut};
pub use notify::{ChannelsOut, JobOut, NotificationOut};
pub use privacy::ClientExportOut;
pub use work::{
    AgreedActionOut, AuditOut, BoundaryEventOut, DocumentationOut, EscalationOut, FollowUpOut,
    ReflectionOut,
};

use serde::Serialize;

/// One page of a list, with the total that matches the filters.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PageOut<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

impl<T> PageOut<T> {
    pub fn new<R>(
        page: defuse_storage::Page<R>,
        paging: defuse_storage::Paging,
        convert: impl Fn(R) -> T,
    ) -> PageOut<T> {
        PageOut {
            items: page.items.into_iter().map(convert).collect(),
            total: page.total,
            limit: paging.limit(),
            offset: paging.offset(),
        }
    }
}
