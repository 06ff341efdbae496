-- Forgotten cases, the supervisors' daily digest, promises made for a day without an hour,
-- and each user's channels and quiet hours.

-- 1 for a promise of a day with no hour ("by Friday"): its lead reminder comes at 9:00 in its
-- owner's time zone on that day rather than a fixed time before `due_at`.
ALTER TABLE follow_ups ADD COLUMN date_only INTEGER NOT NULL DEFAULT 0;

-- When a case's client had waited past their team's response target with no reply (the flag),
-- and when that was escalated to the team's supervisors. A reply clears both.
ALTER TABLE cases ADD COLUMN forgotten_at TEXT;
ALTER TABLE cases ADD COLUMN forgotten_escalated_at TEXT;

-- A team's response target: how long a client message may wait for a reply before the case is
-- flagged, and how much longer before it is escalated, counted in the team's working hours
-- (`Mon-Fri 09:00-17:00` in `time_zone`; none: around the clock) and never on its holidays
-- (a JSON array of dates). A team without a row uses the server's defaults.
CREATE TABLE team_response (
    team_id INTEGER PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
    target_minutes INTEGER NOT NULL CHECK (target_minutes > 0),
    escalate_after_minutes INTEGER NOT NULL CHECK (escalate_after_minutes > 0),
    time_zone TEXT NOT NULL,
    working_hours TEXT,
    holidays TEXT NOT NULL
);

-- The local hour a supervisor's daily digest is sent at; none: the server's default.
ALTER TABLE user_channels ADD COLUMN digest_hour INTEGER CHECK (digest_hour BETWEEN 0 AND 23);
-- Whether a user is told by mail and by webhook besides the console (1: yes), and their quiet
-- hours (`22:00-07:00` in their time zone): mail and posts falling in them wait for their end.
ALTER TABLE user_channels ADD COLUMN by_email INTEGER NOT NULL DEFAULT 1;
ALTER TABLE user_channels ADD COLUMN by_webhook INTEGER NOT NULL DEFAULT 1;
ALTER TABLE user_channels ADD COLUMN quiet_hours TEXT;

-- One digest per supervisor and local day; the row queues its sending, so two instances that
-- both find it due still send it once.
CREATE TABLE digests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (user_id, day)
);

CREATE TRIGGER digests_send AFTER INSERT ON digests
BEGIN
    INSERT INTO jobs (kind, subject_id, state, run_at, created_at)
    VALUES ('digest.send', NEW.id, 'queued', NEW.created_at, NEW.created_at);
END;

-- Every client message starts its clock: the job works out, in the team's working hours, when
-- an unanswered message makes its case forgotten.
CREATE TRIGGER messages_watch AFTER INSERT ON messages WHEN NEW.direction = 'inbound'
BEGIN
    INSERT INTO jobs (kind, subject_id, state, run_at, created_at)
    VALUES ('case.watch', NEW.id, 'queued', NEW.at, NEW.at);
END;

-- A reply to the client ends the wait.
CREATE TRIGGER messages_answered AFTER INSERT ON messages WHEN NEW.direction = 'outbound'
BEGIN
    UPDATE cases SET forgotten_at = NULL, forgotten_escalated_at = NULL WHERE id = NEW.case_id;
END;

-- Cases open before this migration whose latest message is the client's are watched too.
INSERT INTO jobs (kind, subject_id, state, run_at, created_at)
SELECT 'case.watch', m.id, 'queued', m.at, m.at
FROM messages m JOIN cases c ON c.id = m.case_id
WHERE m.direction = 'inbound' AND c.closed_at IS NULL
  AND m.id = (SELECT l.id FROM messages l WHERE l.case_id = m.case_id
              AND l.direction IN ('inbound', 'outbound') ORDER BY l.at DESC, l.id DESC LIMIT 1);
