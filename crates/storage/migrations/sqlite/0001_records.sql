-- Every record of defuse. Times are RFC 3339 text in UTC; lists are JSON arrays in text.

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE teams (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE team_members (
    team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at TEXT NOT NULL,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members (user_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL,
    address TEXT NOT NULL,
    succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1)),
    at TEXT NOT NULL
);
CREATE INDEX login_attempts_username ON login_attempts (username, at);
CREATE INDEX login_attempts_address ON login_attempts (address, at);

CREATE TABLE clients (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    emails TEXT NOT NULL,
    phones TEXT NOT NULL,
    organisation TEXT,
    notes TEXT NOT NULL,
    flags TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX clients_name ON clients (name);

CREATE TABLE cases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    subject TEXT NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('open', 'waiting_on_client', 'escalated', 'resolved', 'closed')),
    assignee_id INTEGER REFERENCES users (id),
    team_id INTEGER NOT NULL REFERENCES teams (id),
    opened_at TEXT NOT NULL,
    closed_at TEXT,
    peak_hostility REAL NOT NULL,
    latest_hostility REAL NOT NULL,
    main_causes TEXT NOT NULL,
    boundary_step INTEGER NOT NULL
);
CREATE INDEX cases_client ON cases (client_id);
CREATE INDEX cases_team_opened ON cases (team_id, opened_at);
CREATE INDEX cases_assignee ON cases (assignee_id);
CREATE INDEX cases_opened ON cases (opened_at);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound', 'internal_note')),
    author_id INTEGER REFERENCES users (id),
    channel TEXT NOT NULL,
    body TEXT NOT NULL,
    at TEXT NOT NULL,
    analysis_json TEXT,
    model_version TEXT
);
CREATE INDEX messages_case_at ON messages (case_id, at);

CREATE TABLE boundary_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    step INTEGER NOT NULL,
    message_id INTEGER REFERENCES messages (id),
    evidence_json TEXT NOT NULL,
    acknowledged_by INTEGER REFERENCES users (id),
    acknowledged_at TEXT,
    at TEXT NOT NULL
);
CREATE INDEX boundary_events_case ON boundary_events (case_id);

CREATE TABLE escalations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    to_user_id INTEGER NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    by_user_id INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX escalations_case ON escalations (case_id);
CREATE INDEX escalations_to ON escalations (to_user_id);

CREATE TABLE agreed_actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    text TEXT NOT NULL,
    at TEXT NOT NULL,
    by_user_id INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX agreed_actions_case ON agreed_actions (case_id);

CREATE TABLE follow_ups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    what TEXT NOT NULL,
    due_at TEXT,
    owner_id INTEGER REFERENCES users (id),
    status TEXT NOT NULL CHECK (status IN ('open', 'done', 'missed')),
    promise_message_id INTEGER REFERENCES messages (id),
    span_start INTEGER,
    span_end INTEGER,
    created_at TEXT NOT NULL,
    done_at TEXT
);
CREATE INDEX follow_ups_case_status ON follow_ups (case_id, status);
CREATE INDEX follow_ups_status_due ON follow_ups (status, due_at);
CREATE INDEX follow_ups_promise ON follow_ups (promise_message_id);

CREATE TABLE case_documentation (
    case_id INTEGER PRIMARY KEY REFERENCES cases (id),
    concerns TEXT NOT NULL,
    steps_taken TEXT NOT NULL,
    agreed TEXT NOT NULL,
    outcome TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by INTEGER NOT NULL REFERENCES users (id)
);

CREATE TABLE reflections (
    case_id INTEGER PRIMARY KEY REFERENCES cases (id),
    went_well TEXT NOT NULL,
    do_differently TEXT NOT NULL,
    by_user_id INTEGER NOT NULL REFERENCES users (id),
    at TEXT NOT NULL
);

-- Who did what, never changed: the triggers refuse updates and deletes.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_id INTEGER,
    action TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id INTEGER,
    detail TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_record ON audit_log (record_kind, record_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
