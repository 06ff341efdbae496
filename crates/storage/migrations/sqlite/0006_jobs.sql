-- The durable job queue, the console's notifications, and where a user is told; and the
-- note an agent leaves when marking a follow-up done.

ALTER TABLE follow_ups ADD COLUMN done_note TEXT;

-- A job is work to do at `run_at` (a reminder, a delivery). A worker claims it by setting
-- `locked_by` and `locked_until` (its lease); a job still `running` past its lease is claimed
-- again by any worker. A failure puts it back with a later `run_at`, or, after the last
-- attempt, leaves it `dead` with `last_error` until someone retries it.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    -- The record the job is about (a follow-up, a notification); one job per kind and record.
    subject_id INTEGER,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead')),
    run_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    locked_by TEXT,
    locked_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE INDEX jobs_due ON jobs (state, run_at);
CREATE UNIQUE INDEX jobs_once ON jobs (kind, subject_id) WHERE subject_id IS NOT NULL;

-- What a user is told in the console; delivered by mail and webhook too, by the jobs the
-- trigger below writes in the same transaction.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    case_id INTEGER REFERENCES cases (id),
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX notifications_user ON notifications (user_id, read_at);

-- A user's mail address and time zone (an IANA name), for reminders.
CREATE TABLE user_channels (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    email TEXT,
    time_zone TEXT NOT NULL
);

-- A follow-up with a due time gets its reminders planned, in the transaction that stores it.
CREATE TRIGGER follow_ups_plan AFTER INSERT ON follow_ups WHEN NEW.due_at IS NOT NULL
BEGIN
    INSERT INTO jobs (kind, subject_id, state, run_at, created_at)
    VALUES ('follow_up.plan', NEW.id, 'queued', NEW.created_at, NEW.created_at);
END;

-- Every notification goes out by mail and webhook as well (a channel not set up is skipped).
CREATE TRIGGER notifications_deliver AFTER INSERT ON notifications
BEGIN
    INSERT INTO jobs (kind, subject_id, state, run_at, created_at)
    VALUES ('notify.email', NEW.id, 'queued', NEW.created_at, NEW.created_at),
           ('notify.webhook', NEW.id, 'queued', NEW.created_at, NEW.created_at);
END;

-- Follow-ups open before this migration are planned too.
INSERT INTO jobs (kind, subject_id, state, run_at, created_at)
SELECT 'follow_up.plan', id, 'queued', created_at, created_at
FROM follow_ups WHERE status = 'open' AND due_at IS NOT NULL;
