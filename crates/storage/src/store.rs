//! The `Store` trait: every read and write the server makes, whatever the backend.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

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

type Result<T> = std::result::Result<T, StoreError>;

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A message just stored, with the follow-ups made from its promises.
#[derive(Debug, Clone, PartialEq)]
pub struct PostedMessage {
    pub message: Message,
    pub follow_ups: Vec<FollowUp>,
}

/// Everything stored about a client's past, for the brief the next agent reads.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientHistory {
    pub client: Client,
    /// Newest opened first.
    pub cases: Vec<Case>,
    /// The latest messages over all cases, newest first (at most the number asked for).
    pub recent_messages: Vec<Message>,
    pub boundary_events: Vec<BoundaryEvent>,
    pub escalations: Vec<Escalation>,
    pub agreed_actions: Vec<AgreedAction>,
    /// Open follow-ups over all cases, soonest due first.
    pub open_follow_ups: Vec<FollowUp>,
    pub documentation: Vec<CaseDocumentation>,
    pub reflections: Vec<Reflection>,
}

/// Everything held about a client, for an export: every case and every record in them, and
/// the audit lines about them.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientRecord {
    pub client: Client,
    /// Oldest opened first.
    pub cases: Vec<Case>,
    /// Over all cases, oldest first.
    pub messages: Vec<Message>,
    pub boundary_events: Vec<BoundaryEvent>,
    pub escalations: Vec<Escalation>,
    pub agreed_actions: Vec<AgreedAction>,
    /// Open, done and missed.
    pub follow_ups: Vec<FollowUp>,
    pub documentation: Vec<CaseDocumentation>,
    pub reflections: Vec<Reflection>,
    /// Lines about the client, their cases, messages and follow-ups, oldest first.
    pub audit: Vec<AuditEntry>,
}

/// Storage of defuse. Every method that returns `Ok` after a write has committed it durably.
///
/// Lookups of a missing id return `StoreError::NotFound`; duplicates of a unique name return
/// `StoreError::Conflict`; references to missing records return `StoreError::Invalid` with
/// field `"reference"`.
#[async_trait]
pub trait Store: Send + Sync {
    fn backend(&self) -> Backend;
    /// Succeeds when the database answers.
    async fn ping(&self) -> Result<()>;

    // Users, teams and access.
    async fn create_user(&self, new: NewUser) -> Result<User>;
    async fn user(&self, id: i64) -> Result<User>;
    async fn user_by_username(&self, username: &str) -> Result<User>;
    async fn list_users(&self, paging: Paging) -> Result<Page<User>>;
    async fn count_users(&self) -> Result<i64>;
    async fn update_user(&self, id: i64, changes: UserChanges) -> Result<User>;
    /// Replaces the hash, ends every session of the user but the one kept and revokes every API
    /// token of theirs, in one transaction.
    async fn set_password_hash(&self, change: NewPassword) -> Result<()>;

    async fn create_team(&self, name: &str) -> Result<Team>;
    async fn team(&self, id: i64) -> Result<Team>;
    async fn list_teams(&self, paging: Paging) -> Result<Page<Team>>;
    /// Fails with `Conflict` while cases belong to the team.
    async fn delete_team(&self, id: i64) -> Result<()>;
    /// Adding a member twice is a `Conflict`.
    async fn add_team_member(&self, team_id: i64, user_id: i64) -> Result<TeamMember>;
    async fn remove_team_member(&self, team_id: i64, user_id: i64) -> Result<()>;
    async fn team_members(&self, team_id: i64) -> Result<Vec<User>>;
    /// The teams a user belongs to, ascending: the scope of an agent or supervisor.
    async fn user_team_ids(&self, user_id: i64) -> Result<Vec<i64>>;

    // API tokens and sessions.
    async fn create_api_token(&self, new: NewApiToken) -> Result<ApiToken>;
    /// The unrevoked token with this hash; `NotFound` for unknown or revoked ones.
    async fn active_api_token(&self, token_hash: &str) -> Result<ApiToken>;
    async fn list_api_tokens(&self, user_id: i64) -> Result<Vec<ApiToken>>;
    /// Revoking twice keeps the first time.
    async fn revoke_api_token(&self, id: i64, at: DateTime<Utc>) -> Result<ApiToken>;

    async fn create_session(&self, session: Session) -> Result<()>;
    /// The session with this hash if it has not expired at `now`.
    async fn session(&self, id_hash: &str, now: DateTime<Utc>) -> Result<Session>;
    async fn delete_session(&self, id_hash: &str) -> Result<()>;
    /// Ends every session of a user; returns how many there were.
    async fn delete_user_sessions(&self, user_id: i64) -> Result<u64>;
    async fn purge_expired_sessions(&self, now: DateTime<Utc>) -> Result<u64>;

    async fn record_login_attempt(&self, attempt: LoginAttempt) -> Result<()>;
    /// Failed attempts since `since`: of this username from this address (after its last
    /// success there), and from this address for any username.
    async fn login_failures(
        &self,
        username: &str,
        address: &str,
        since: DateTime<Utc>,
    ) -> Result<LoginFailures>;
    async fn purge_login_attempts(&self, before: DateTime<Utc>) -> Result<u64>;

    // Clients.
    async fn create_client(&self, fields: ClientFields) -> Result<Client>;
    async fn client(&self, id: i64) -> Result<Client>;
    async fn update_client(&self, id: i64, fields: ClientFields) -> Result<Client>;
    async fn list_clients(&self, filter: ClientFilter, paging: Paging) -> Result<Page<Client>>;
    /// The client and their past, with at most `recent_messages` messages.
    async fn client_history(&self, client_id: i64, recent_messages: i64) -> Result<ClientHistory>;

    // Privacy.
    /// Everything held about a client.
    async fn client_record(&self, client_id: i64) -> Result<ClientRecord>;
    /// Deletes the client and everything held about them (cases, messages with their analyses,
    /// the work on the cases, kept answers to the creates that made them) and appends `audit`,
    /// all in one transaction. `audit` says that an erasure happened, never what was erased;
    /// earlier audit lines stay, as they hold no content.
    async fn erase_client(&self, client_id: i64, audit: NewAuditEntry) -> Result<()>;
    /// Replaces the bodies and analyses of messages in cases finished (resolved or closed)
    /// before `closed_before`; returns how many messages were erased.
    async fn erase_old_bodies(&self, closed_before: DateTime<Utc>) -> Result<u64>;
    /// Writes a consistent copy of a SQLite database to `file`, which must not exist, while
    /// others keep using it. PostgreSQL is backed up with its own tools: `Invalid`.
    async fn backup_into(&self, file: &std::path::Path) -> Result<()>;

    // Cases and messages.
    async fn create_case(&self, new: NewCase) -> Result<Case>;
    async fn case(&self, id: i64) -> Result<Case>;
    async fn update_case(&self, id: i64, changes: CaseChanges, at: DateTime<Utc>) -> Result<Case>;
    async fn list_cases(&self, filter: CaseFilter, paging: Paging) -> Result<Page<Case>>;

    /// Stores a message with its effects on the case and its promises, in one transaction.
    async fn add_message(&self, new: NewMessage, effects: MessageEffects) -> Result<PostedMessage>;
    async fn message(&self, id: i64) -> Result<Message>;
    /// The messages of a case, oldest first.
    async fn list_messages(&self, case_id: i64, paging: Paging) -> Result<Page<Message>>;
    /// The latest `limit` messages of a case, oldest first, in one query.
    async fn latest_messages(&self, case_id: i64, limit: i64) -> Result<Vec<Message>>;

    /// How a message came in from another system; `NotFound` for one written here.
    async fn message_source(&self, message_id: i64) -> Result<MessageSource>;

    // Links from keys of other systems (mail ids, helpdesk conversations and contacts).
    /// The record the first of `keys` (in their order) that is linked leads to, if any.
    async fn find_link(&self, source: &str, kind: LinkKind, keys: &[String])
    -> Result<Option<i64>>;
    /// Opens a case linked by every one of `keys`, in one transaction; `Conflict` (and nothing
    /// written) when another writer linked one of them first, so two instances taking in one
    /// new thread at once open one case between them.
    async fn open_linked_case(&self, source: &str, keys: &[String], new: NewCase) -> Result<Case>;
    /// Creates a client linked by every one of `keys`, as [`Store::open_linked_case`] a case.
    async fn create_linked_client(
        &self,
        source: &str,
        keys: &[String],
        fields: ClientFields,
    ) -> Result<Client>;
    /// The note for the helpdesk written with message `message_id`.
    async fn helpdesk_note(&self, message_id: i64) -> Result<HelpdeskNote>;
    /// Links every key not linked yet to `record_id`; a key already linked keeps its record.
    async fn add_links(
        &self,
        source: &str,
        kind: LinkKind,
        keys: &[String],
        record_id: i64,
    ) -> Result<()>;

    // IMAP folders the server polls, by `user@host:port` and folder name.
    /// How far the folder has been read; `None` before its first message.
    async fn mailbox_position(
        &self,
        mailbox: &str,
        folder: &str,
    ) -> Result<Option<MailboxPosition>>;
    /// Records how far the folder has been read, replacing what was there.
    async fn set_mailbox_position(
        &self,
        mailbox: &str,
        folder: &str,
        position: MailboxPosition,
    ) -> Result<()>;

    // Work on a case.
    /// Also raises the case's boundary step to `step` if it was lower.
    async fn add_boundary_event(&self, new: NewBoundaryEvent) -> Result<BoundaryEvent>;
    async fn acknowledge_boundary_event(
        &self,
        id: i64,
        user_id: i64,
        at: DateTime<Utc>,
    ) -> Result<BoundaryEvent>;
    async fn list_boundary_events(&self, case_id: i64) -> Result<Vec<BoundaryEvent>>;

    /// Also sets the case status to escalated and assigns the case to whom it went.
    async fn add_escalation(&self, new: NewEscalation) -> Result<Escalation>;
    async fn list_escalations(
        &self,
        filter: EscalationFilter,
        paging: Paging,
    ) -> Result<Page<Escalation>>;

    async fn add_agreed_action(&self, new: NewAgreedAction) -> Result<AgreedAction>;
    async fn list_agreed_actions(&self, case_id: i64) -> Result<Vec<AgreedAction>>;

    async fn create_follow_up(&self, new: NewFollowUp) -> Result<FollowUp>;
    async fn follow_up(&self, id: i64) -> Result<FollowUp>;
    /// Done and missed set `done_at` to the update's time; open clears it.
    async fn update_follow_up(&self, id: i64, update: FollowUpUpdate) -> Result<FollowUp>;
    async fn list_follow_ups(
        &self,
        filter: FollowUpFilter,
        paging: Paging,
    ) -> Result<Page<FollowUp>>;
    /// Marks open follow-ups due before `before` as missed at `now`; returns how many.
    async fn mark_missed(&self, before: DateTime<Utc>, now: DateTime<Utc>) -> Result<u64>;

    /// Creates or replaces the documentation of a case.
    async fn put_documentation(
        &self,
        case_id: i64,
        fields: DocumentationFields,
    ) -> Result<CaseDocumentation>;
    async fn documentation(&self, case_id: i64) -> Result<CaseDocumentation>;
    /// Creates or replaces the reflection on a case.
    async fn put_reflection(&self, case_id: i64, fields: ReflectionFields) -> Result<Reflection>;
    async fn reflection(&self, case_id: i64) -> Result<Reflection>;

    // Audit and reports.
    /// Appends to the audit log; there is no way to change or remove an entry.
    async fn append_audit(&self, entry: NewAuditEntry) -> Result<AuditEntry>;
    async fn list_audit(&self, filter: AuditFilter, paging: Paging) -> Result<Page<AuditEntry>>;
    async fn report(&self, filter: ReportFilter) -> Result<Report>;
    /// The facts the report pages count, over the cases `filter` selects.
    async fn report_facts(&self, filter: ReportFilter) -> Result<ReportFacts>;
    /// The agents' replies sent in `filter`'s period on cases of its teams and channel, oldest
    /// first, each with the check stored beside it; `filter.assignee_id` names the author.
    async fn sent_replies(&self, filter: ReportFilter) -> Result<Vec<SentReply>>;

    // Idempotency keys.
    /// Claims `key` of `user_id` for a request with digest `request_hash`; if the key was
    /// used before, what it holds. A claimed key is then completed or released; one claimed
    /// before `abandoned_before` and never completed is claimed again.
    async fn claim_idempotency_key(
        &self,
        user_id: i64,
        key: &str,
        request_hash: &str,
        now: DateTime<Utc>,
        abandoned_before: DateTime<Utc>,
    ) -> Result<KeyClaim>;
    /// Keeps the answer to the request that claimed `key`.
    async fn complete_idempotency_key(
        &self,
        user_id: i64,
        key: &str,
        status: i64,
        response: String,
    ) -> Result<()>;
    /// Frees a claimed key whose request was not answered with a success (a no-op once completed).
    async fn release_idempotency_key(&self, user_id: i64, key: &str) -> Result<()>;
    /// Drops keys claimed before `before`; returns how many.
    async fn purge_idempotency_keys(&self, before: DateTime<Utc>) -> Result<u64>;
    // Jobs (see `records::Job`); follow-ups and notifications queue theirs by themselves.
    /// Queues jobs; one of a kind and subject queued before is skipped. Returns how many were.
    async fn enqueue_jobs(&self, jobs: Vec<NewJob>, now: DateTime<Utc>) -> Result<u64>;
    /// Claims up to `lease.limit` jobs that are due or whose lease has ended, soonest first,
    /// for `lease.worker` until `lease.now + lease.hold`. Concurrent claimers (on other
    /// instances too) never get the same job while its lease lasts.
    async fn claim_jobs(&self, lease: Lease) -> Result<Vec<Job>>;
    /// Marks a job `worker` holds done and applies `effects`, in one transaction; `Conflict`
    /// when the lease has passed to another worker (nothing is applied then).
    async fn complete_job(
        &self,
        id: i64,
        worker: &str,
        now: DateTime<Utc>,
        effects: JobEffects,
    ) -> Result<()>;
    /// Queues a job `worker` holds for another try after `backoff`'s wait, or leaves it dead
    /// when `backoff` gives up; `error` is kept either way. `Conflict` when the lease is lost.
    async fn fail_job(
        &self,
        job: &Job,
        worker: &str,
        error: &str,
        now: DateTime<Utc>,
        backoff: Backoff,
    ) -> Result<Job>;
    /// Puts a job `worker` holds back in the queue until `until` without counting the attempt;
    /// `Conflict` when the lease is lost.
    async fn postpone_job(&self, id: i64, worker: &str, until: DateTime<Utc>) -> Result<()>;
    /// Queues a dead job again from `now` with its attempts counted afresh; `Conflict` unless dead.
    async fn retry_job(&self, id: i64, now: DateTime<Utc>) -> Result<Job>;
    async fn job(&self, id: i64) -> Result<Job>;
    async fn list_jobs(&self, filter: JobFilter, paging: Paging) -> Result<Page<Job>>;
    /// Drops jobs done before `before`; returns how many.
    async fn purge_done_jobs(&self, before: DateTime<Utc>) -> Result<u64>;

    // Notifications and where users are told.
    async fn notification(&self, id: i64) -> Result<Notification>;
    /// A user's notifications, newest first.
    async fn list_notifications(&self, user_id: i64, paging: Paging) -> Result<Page<Notification>>;
    async fn unread_notifications(&self, user_id: i64) -> Result<i64>;
    /// Marks a notification of the user read; `NotFound` for another user's.
    async fn read_notification(&self, user_id: i64, id: i64, at: DateTime<Utc>) -> Result<()>;
    async fn put_user_channels(&self, channels: UserChannels) -> Result<UserChannels>;
    /// `NotFound` until the user has set theirs.
    async fn user_channels(&self, user_id: i64) -> Result<UserChannels>;

    // Forgotten cases and digests (messages start their watch by themselves).
    async fn put_team_response(&self, response: TeamResponse) -> Result<TeamResponse>;
    /// `NotFound` until the team has set its own.
    async fn team_response(&self, team_id: i64) -> Result<TeamResponse>;
    /// Whether anyone replied to the client of case `case_id` at or after `since`.
    async fn replied_since(&self, case_id: i64, since: DateTime<Utc>) -> Result<bool>;
    /// Makes the digest of a user's local `day` unless it exists, queuing its `digest.send`
    /// job in the same transaction; returns whether this call made it.
    async fn open_digest(&self, user_id: i64, day: NaiveDate, now: DateTime<Utc>) -> Result<bool>;
    async fn digest(&self, id: i64) -> Result<Digest>;
}
