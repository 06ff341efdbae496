//! The written side of a case: its documentation and the reflection after closing, one row
//! each per case, replaced whole on every write.

use super::query::{Param, Sql};
use super::rows::{DOCUMENTATION_COLUMNS, REFLECTION_COLUMNS, Stored};
use super::{Exec, Result, one};
use crate::inputs::{DocumentationFields, ReflectionFields};
use crate::records::{CaseDocumentation, Reflection};

pub(super) async fn put_documentation(
    db: &impl Exec,
    case_id: i64,
    fields: DocumentationFields,
) -> Result<CaseDocumentation> {
    let columns = [
        "concerns",
        "steps_taken",
        "agreed",
        "outcome",
        "updated_at",
        "updated_by",
    ];
    let params = [
        fields.concerns.into(),
        fields.steps_taken.into(),
        fields.agreed.into(),
        fields.outcome.into(),
        fields.at.into(),
        fields.by.into(),
    ];
    let sql = upsert(
        "case_documentation",
        case_id,
        &columns,
        params,
        DOCUMENTATION_COLUMNS,
    );
    one(db, sql).await
}

pub(super) async fn documentation(db: &impl Exec, case_id: i64) -> Result<CaseDocumentation> {
    of_case(db, DOCUMENTATION_COLUMNS, "case_documentation", case_id).await
}

pub(super) async fn put_reflection(
    db: &impl Exec,
    case_id: i64,
    fields: ReflectionFields,
) -> Result<Reflection> {
    let columns = ["went_well", "do_differently", "by_user_id", "at"];
    let params = [
        fields.went_well.into(),
        fields.do_differently.into(),
        fields.by.into(),
        fields.at.into(),
    ];
    let sql = upsert("reflections", case_id, &columns, params, REFLECTION_COLUMNS);
    one(db, sql).await
}

pub(super) async fn reflection(db: &impl Exec, case_id: i64) -> Result<Reflection> {
    of_case(db, REFLECTION_COLUMNS, "reflections", case_id).await
}

/// Inserts or replaces the row of `table` keyed by `case_id`; `params` bind `columns`.
fn upsert<const N: usize>(
    table: &str,
    case_id: i64,
    columns: &[&str; N],
    params: [Param; N],
    returning: &str,
) -> Sql {
    let marks = vec!["?"; N + 1].join(", ");
    let updates = columns.map(|column| format!("{column} = excluded.{column}"));
    let mut sql = Sql::default();
    sql.push(
        &format!(
            "INSERT INTO {table} (case_id, {}) VALUES ({marks}) \
             ON CONFLICT (case_id) DO UPDATE SET {} RETURNING {returning}",
            columns.join(", "),
            updates.join(", ")
        ),
        std::iter::once(case_id.into()).chain(params),
    );
    sql
}

async fn of_case<T: Stored>(db: &impl Exec, columns: &str, table: &str, case_id: i64) -> Result<T> {
    let sql = Sql::new(
        &format!("SELECT {columns} FROM {table} WHERE case_id = ?"),
        [case_id.into()],
    );
    one(db, sql).await
}
