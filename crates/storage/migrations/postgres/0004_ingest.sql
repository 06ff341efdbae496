-- Messages that came in by themselves (mail, chat exports, helpdesk webhooks).
-- ingest_links: what a key of another system leads to: a Message-ID, a thread's subject key or a
-- helpdesk conversation to a case ('case'); an address or a helpdesk contact to a client ('client').
CREATE TABLE ingest_links (
    source TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('case', 'client')),
    external_key TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    PRIMARY KEY (source, kind, external_key)
);

-- A message as it came in, beside the text that was analysed (messages.body): the whole body
-- with its quoted history and signature, the attachments it listed (never their content), and
-- whether a machine wrote it.
CREATE TABLE message_sources (
    message_id BIGINT PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    subject TEXT NOT NULL,
    full_body TEXT NOT NULL,
    attachments_json TEXT NOT NULL,
    automatic TEXT
);
