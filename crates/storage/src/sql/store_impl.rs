//! Wires the `Store` trait to the domain modules' functions, for any pool that implements `Exec`.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::query::Sql;
use super::{
    Exec, Result, SqlStore, access, accounts, audit, cases, clients, idempotency, ingest, jobs,
    notes, privacy, reports, response, work,
};
use crate::error::StoreError;
use crate::filters::{
    AuditFilter, CaseFilter, ClientFilter, EscalationFilter, FollowUpFilter, JobFilter, Page,
    Paging, ReportFilter,
};
use crate::inputs::{
    Backoff, CaseChanges, ClientFields, DocumentationFields, FollowUpUpdate, JobEffects, Lease,
    LinkKind, LoginAttempt, MessageEffects, NewAgreedAction, NewApiToken, NewAuditEntry,
    NewBoundaryEvent, NewCase, NewEscalation, NewFollowUp, NewJob, NewMessage, NewPassword,
    NewUser, ReflectionFields, UserChanges,
};
use crate::records::{
    AgreedAction, ApiToken, AuditEntry, BoundaryEvent, Case, CaseDocumentation, Client, Digest,
    Escalation, FollowUp, HelpdeskNote, Job, KeyClaim, LoginFailures, MailboxPosition, Message,
    MessageSource, Notification, Reflection, Report, ReportFacts, SentReply, Session, Team,
    TeamMember, TeamResponse, User, UserChannels,
};
use crate::store::{Backend, ClientHistory, ClientRecord, PostedMessage, Store};

#[async_trait]
impl<E: Exec> Store for SqlStore<E> {
    fn backend(&self) -> Backend {
        self.backend
    }

    async fn ping(&self) -> Result<()> {
        self.db.execute(Sql::new("SELECT 1", [])).await?;
        Ok(())
    }

    async fn create_user(&self, new: NewUser) -> Result<User> {
        accounts::create_user(&self.db, new).await
    }

    async fn user(&self, id: i64) -> Result<User> {
        accounts::user(&self.db, id).await
    }

    async fn user_by_username(&self, username: &str) -> Result<User> {
        accounts::user_by_username(&self.db, username).await
    }

    async fn list_users(&self, paging: Paging) -> Result<Page<User>> {
        accounts::list_users(&self.db, paging).await
    }

    async fn count_users(&self) -> Result<i64> {
        accounts::count_users(&self.db).await
    }

    async fn update_user(&self, id: i64, changes: UserChanges) -> Result<User> {
        accounts::update_user(&self.db, id, changes).await
    }

    async fn set_password_hash(&self, change: NewPassword) -> Result<()> {
        accounts::set_password_hash(&self.db, change).await
    }

    async fn create_team(&self, name: &str) -> Result<Team> {
        accounts::create_team(&self.db, name).await
    }

    async fn team(&self, id: i64) -> Result<Team> {
        accounts::team(&self.db, id).await
    }

    async fn list_teams(&self, paging: Paging) -> Result<Page<Team>> {
        accounts::list_teams(&self.db, paging).await
    }

    async fn delete_team(&self, id: i64) -> Result<()> {
        accounts::delete_team(&self.db, id).await
    }

    async fn add_team_member(&self, team_id: i64, user_id: i64) -> Result<TeamMember> {
        accounts::add_team_member(&self.db, team_id, user_id).await
    }

    async fn remove_team_member(&self, team_id: i64, user_id: i64) -> Result<()> {
        accounts::remove_team_member(&self.db, team_id, user_id).await
    }

    async fn team_members(&self, team_id: i64) -> Result<Vec<User>> {
        accounts::team_members(&self.db, team_id).await
    }

    async fn user_team_ids(&self, user_id: i64) -> Result<Vec<i64>> {
        accounts::user_team_ids(&self.db, user_id).await
    }

    async fn create_api_token(&self, new: NewApiToken) -> Result<ApiToken> {
        access::create_api_token(&self.db, new).await
    }

    async fn active_api_token(&self, token_hash: &str) -> Result<ApiToken> {
        access::active_api_token(&self.db, token_hash).await
    }

    async fn list_api_tokens(&self, user_id: i64) -> Result<Vec<ApiToken>> {
        access::list_api_tokens(&self.db, user_id).await
    }

    async fn revoke_api_token(&self, id: i64, at: DateTime<Utc>) -> Result<ApiToken> {
        access::revoke_api_token(&self.db, id, at).await
    }

    async fn create_session(&self, session: Session) -> Result<()> {
        access::create_session(&self.db, session).await
    }

    async fn session(&self, id_hash: &str, now: DateTime<Utc>) -> Result<Session> {
        access::session(&self.db, id_hash, now).await
    }

    async fn delete_session(&self, id_hash: &str) -> Result<()> {
        access::delete_session(&self.db, id_hash).await
    }

    async fn delete_user_sessions(&self, user_id: i64) -> Result<u64> {
        access::delete_user_sessions(&self.db, user_id).await
    }

    async fn purge_expired_sessions(&self, now: DateTime<Utc>) -> Result<u64> {
        access::purge_expired_sessions(&self.db, now).await
    }

    async fn record_login_attempt(&self, attempt: LoginAttempt) -> Result<()> {
        access::record_login_attempt(&self.db, attempt).await
    }

    async fn login_failures(
        &self,
        username: &str,
        address: &str,
        since: DateTime<Utc>,
    ) -> Result<LoginFailures> {
        access::login_failures(&self.db, username, address, since).await
    }

    async fn purge_login_attempts(&self, before: DateTime<Utc>) -> Result<u64> {
        access::purge_login_attempts(&self.db, before).await
    }

    async fn create_client(&self, fields: ClientFields) -> Result<Client> {
        clients::create_client(&self.db, fields).await
    }

    async fn client(&self, id: i64) -> Result<Client> {
        clients::client(&self.db, id).await
    }

    async fn update_client(&self, id: i64, fields: ClientFields) -> Result<Client> {
        clients::update_client(&self.db, id, fields).await
    }

    async fn list_clients(&self, filter: ClientFilter, paging: Paging) -> Result<Page<Client>> {
        clients::list_clients(&self.db, filter, paging).await
    }

    async fn client_history(&self, client_id: i64, recent_messages: i64) -> Result<ClientHistory> {
        clients::client_history(&self.db, client_id, recent_messages).await
    }

    async fn client_record(&self, client_id: i64) -> Result<ClientRecord> {
        privacy::client_record(&self.db, client_id).await
    }

    async fn erase_client(&self, client_id: i64, audit: NewAuditEntry) -> Result<()> {
        privacy::erase_client(&self.db, client_id, audit).await
    }

    async fn erase_old_bodies(&self, closed_before: DateTime<Utc>) -> Result<u64> {
        privacy::erase_old_bodies(&self.db, closed_before).await
    }

    async fn backup_into(&self, file: &std::path::Path) -> Result<()> {
        if self.backend == Backend::Postgres {
            return Err(StoreError::invalid(
                "backup",
                "back up PostgreSQL with pg_dump (see the README)",
            ));
        }
        let file = file
            .to_str()
            .ok_or_else(|| StoreError::invalid("backup", "the file name must be valid UTF-8"))?;
        self.db
            .execute(Sql::new("VACUUM INTO ?", [file.into()]))
            .await?;
        Ok(())
    }

    async fn create_case(&self, new: NewCase) -> Result<Case> {
        cases::create_case(&self.db, new).await
    }

    async fn case(&self, id: i64) -> Result<Case> {
        cases::case(&self.db, id).await
    }

    async fn update_case(&self, id: i64, changes: CaseChanges, at: DateTime<Utc>) -> Result<Case> {
        cases::update_case(&self.db, id, changes, at).await
    }

    async fn list_cases(&self, filter: CaseFilter, paging: Paging) -> Result<Page<Case>> {
        cases::list_cases(&self.db, filter, paging).await
    }

    async fn add_message(&self, new: NewMessage, effects: MessageEffects) -> Result<PostedMessage> {
        cases::add_message(&self.db, new, effects).await
    }

    async fn message_source(&self, message_id: i64) -> Result<MessageSource> {
        ingest::message_source(&self.db, message_id).await
    }

    async fn open_linked_case(&self, source: &str, keys: &[String], new: NewCase) -> Result<Case> {
        ingest::open_linked_case(&self.db, source, keys, new).await
    }

    async fn create_linked_client(
        &self,
        source: &str,
        keys: &[String],
        fields: ClientFields,
    ) -> Result<Client> {
        ingest::create_linked_client(&self.db, source, keys, fields).await
    }

    async fn helpdesk_note(&self, message_id: i64) -> Result<HelpdeskNote> {
        ingest::helpdesk_note(&self.db, message_id).await
    }

    async fn find_link(
        &self,
        source: &str,
        kind: LinkKind,
        keys: &[String],
    ) -> Result<Option<i64>> {
        ingest::find_link(&self.db, source, kind, keys).await
    }

    async fn add_links(
        &self,
        source: &str,
        kind: LinkKind,
        keys: &[String],
        record_id: i64,
    ) -> Result<()> {
        ingest::add_links(&self.db, source, kind, keys, record_id).await
    }

    async fn mailbox_position(
        &self,
        mailbox: &str,
        folder: &str,
    ) -> Result<Option<MailboxPosition>> {
        ingest::mailbox_position(&self.db, mailbox, folder).await
    }

    async fn set_mailbox_position(
        &self,
        mailbox: &str,
        folder: &str,
        position: MailboxPosition,
    ) -> Result<()> {
        ingest::set_mailbox_position(&self.db, mailbox, folder, position).await
    }

    async fn message(&self, id: i64) -> Result<Message> {
        cases::message(&self.db, id).await
    }

    async fn list_messages(&self, case_id: i64, paging: Paging) -> Result<Page<Message>> {
        cases::list_messages(&self.db, case_id, paging).await
    }

    async fn latest_messages(&self, case_id: i64, limit: i64) -> Result<Vec<Message>> {
        cases::latest_messages(&self.db, case_id, limit).await
    }

    async fn add_boundary_event(&self, new: NewBoundaryEvent) -> Result<BoundaryEvent> {
        work::add_boundary_event(&self.db, new).await
    }

    async fn acknowledge_boundary_event(
        &self,
        id: i64,
        user_id: i64,
        at: DateTime<Utc>,
    ) -> Result<BoundaryEvent> {
        work::acknowledge_boundary_event(&self.db, id, user_id, at).await
    }

    async fn list_boundary_events(&self, case_id: i64) -> Result<Vec<BoundaryEvent>> {
        work::list_boundary_events(&self.db, case_id).await
    }

    async fn add_escalation(&self, new: NewEscalation) -> Result<Escalation> {
        work::add_escalation(&self.db, new).await
    }

    async fn list_escalations(
        &self,
        filter: EscalationFilter,
        paging: Paging,
    ) -> Result<Page<Escalation>> {
        work::list_escalations(&self.db, filter, paging).await
    }

    async fn add_agreed_action(&self, new: NewAgreedAction) -> Result<AgreedAction> {
        work::add_agreed_action(&self.db, new).await
    }

    async fn list_agreed_actions(&self, case_id: i64) -> Result<Vec<AgreedAction>> {
        work::list_agreed_actions(&self.db, case_id).await
    }

    async fn create_follow_up(&self, new: NewFollowUp) -> Result<FollowUp> {
        work::create_follow_up(&self.db, new).await
    }

    async fn follow_up(&self, id: i64) -> Result<FollowUp> {
        work::follow_up(&self.db, id).await
    }

    async fn update_follow_up(&self, id: i64, update: FollowUpUpdate) -> Result<FollowUp> {
        work::update_follow_up(&self.db, id, update).await
    }

    async fn list_follow_ups(
        &self,
        filter: FollowUpFilter,
        paging: Paging,
    ) -> Result<Page<FollowUp>> {
        work::list_follow_ups(&self.db, filter, paging).await
    }

    async fn mark_missed(&self, before: DateTime<Utc>, now: DateTime<Utc>) -> Result<u64> {
        work::mark_missed(&self.db, before, now).await
    }

    async fn put_documentation(
        &self,
        case_id: i64,
        fields: DocumentationFields,
    ) -> Result<CaseDocumentation> {
        notes::put_documentation(&self.db, case_id, fields).await
    }

    async fn documentation(&self, case_id: i64) -> Result<CaseDocumentation> {
        notes::documentation(&self.db, case_id).await
    }

    async fn put_reflection(&self, case_id: i64, fields: ReflectionFields) -> Result<Reflection> {
        notes::put_reflection(&self.db, case_id, fields).await
    }

    async fn reflection(&self, case_id: i64) -> Result<Reflection> {
        notes::reflection(&self.db, case_id).await
    }

    async fn append_audit(&self, entry: NewAuditEntry) -> Result<AuditEntry> {
        audit::append_audit(&self.db, entry).await
    }

    async fn list_audit(&self, filter: AuditFilter, paging: Paging) -> Result<Page<AuditEntry>> {
        audit::list_audit(&self.db, filter, paging).await
    }

    async fn report(&self, filter: ReportFilter) -> Result<Report> {
        reports::report(&self.db, filter).await
    }

    async fn report_facts(&self, filter: ReportFilter) -> Result<ReportFacts> {
        reports::report_facts(&self.db, filter).await
    }

    async fn sent_replies(&self, filter: ReportFilter) -> Result<Vec<SentReply>> {
        reports::sent_replies(&self.db, filter).await
    }

    async fn claim_idempotency_key(
        &self,
        user_id: i64,
        key: &str,
        request_hash: &str,
        now: DateTime<Utc>,
        abandoned_before: DateTime<Utc>,
    ) -> Result<KeyClaim> {
        idempotency::claim(&self.db, user_id, key, request_hash, now, abandoned_before).await
    }

    async fn complete_idempotency_key(
        &self,
        user_id: i64,
        key: &str,
        status: i64,
        response: String,
    ) -> Result<()> {
        idempotency::complete(&self.db, user_id, key, status, response).await
    }

    async fn release_idempotency_key(&self, user_id: i64, key: &str) -> Result<()> {
        idempotency::release(&self.db, user_id, key).await
    }

    async fn purge_idempotency_keys(&self, before: DateTime<Utc>) -> Result<u64> {
        idempotency::purge(&self.db, before).await
    }
    async fn enqueue_jobs(&self, new: Vec<NewJob>, now: DateTime<Utc>) -> Result<u64> {
        jobs::enqueue_jobs(&self.db, new, now).await
    }

    async fn claim_jobs(&self, lease: Lease) -> Result<Vec<Job>> {
        jobs::claim_jobs(&self.db, self.backend, lease).await
    }

    async fn complete_job(
        &self,
        id: i64,
        worker: &str,
        now: DateTime<Utc>,
        effects: JobEffects,
    ) -> Result<()> {
        jobs::complete_job(&self.db, id, worker, now, effects).await
    }

    async fn fail_job(
        &self,
        job: &Job,
        worker: &str,
        error: &str,
        now: DateTime<Utc>,
        backoff: Backoff,
    ) -> Result<Job> {
        jobs::fail_job(&self.db, job, worker, error, now, backoff).await
    }

    async fn postpone_job(&self, id: i64, worker: &str, until: DateTime<Utc>) -> Result<()> {
        jobs::postpone_job(&self.db, id, worker, until).await
    }

    async fn retry_job(&self, id: i64, now: DateTime<Utc>) -> Result<Job> {
        jobs::retry_job(&self.db, id, now).await
    }

    async fn job(&self, id: i64) -> Result<Job> {
        jobs::job(&self.db, id).await
    }

    async fn list_jobs(&self, filter: JobFilter, paging: Paging) -> Result<Page<Job>> {
        jobs::list_jobs(&self.db, filter, paging).await
    }

    async fn purge_done_jobs(&self, before: DateTime<Utc>) -> Result<u64> {
        jobs::purge_done_jobs(&self.db, before).await
    }

    async fn notification(&self, id: i64) -> Result<Notification> {
        jobs::notification(&self.db, id).await
    }

    async fn list_notifications(&self, user_id: i64, paging: Paging) -> Result<Page<Notification>> {
        jobs::list_notifications(&self.db, user_id, paging).await
    }

    async fn unread_notifications(&self, user_id: i64) -> Result<i64> {
        jobs::unread_notifications(&self.db, user_id).await
    }

    async fn read_notification(&self, user_id: i64, id: i64, at: DateTime<Utc>) -> Result<()> {
        jobs::read_notification(&self.db, user_id, id, at).await
    }

    async fn put_user_channels(&self, channels: UserChannels) -> Result<UserChannels> {
        jobs::put_user_channels(&self.db, channels).await
    }

    async fn user_channels(&self, user_id: i64) -> Result<UserChannels> {
        jobs::user_channels(&self.db, user_id).await
    }

    async fn put_team_response(&self, response: TeamResponse) -> Result<TeamResponse> {
        response::put_team_response(&self.db, response).await
    }

    async fn team_response(&self, team_id: i64) -> Result<TeamResponse> {
        response::team_response(&self.db, team_id).await
    }

    async fn replied_since(&self, case_id: i64, since: DateTime<Utc>) -> Result<bool> {
        response::replied_since(&self.db, case_id, since).await
    }

    async fn open_digest(&self, user_id: i64, day: NaiveDate, now: DateTime<Utc>) -> Result<bool> {
        response::open_digest(&self.db, user_id, day, now).await
    }

    async fn digest(&self, id: i64) -> Result<Digest> {
        response::digest(&self.db, id).await
    }
}
