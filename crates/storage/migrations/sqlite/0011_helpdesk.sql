-- The note posted back to the helpdesk conversation a client message came from: its analysis
-- and coaching in a few plain lines, written with the message (same transaction) when the
-- integration asks for notes. `target` is the conversation or ticket in that product (ids
-- only; the address it goes to is the integration's configured base URL, never a payload's).
CREATE TABLE helpdesk_notes (
    message_id INTEGER PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    product TEXT NOT NULL,
    target TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Every note is posted by a job, queued in the transaction that writes it.
CREATE TRIGGER helpdesk_notes_post AFTER INSERT ON helpdesk_notes
BEGIN
    INSERT INTO jobs (kind, subject_id, state, run_at, created_at)
    VALUES ('helpdesk.note', NEW.message_id, 'queued', NEW.created_at, NEW.created_at);
END;

-- The HTML a message came as (a mail's HTML part, a helpdesk's HTML article), kept as it came:
-- untrusted markup that the console sanitises before showing it.
ALTER TABLE message_sources ADD COLUMN html TEXT;
