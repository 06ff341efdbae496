-- Retries that must not store twice: the key a caller sent with a create, with the first
-- answer; and the sending system's own id of a message, unique per case.
CREATE TABLE idempotency_keys (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status BIGINT,
    response TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

ALTER TABLE messages ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX messages_case_external_id ON messages (case_id, external_id)
    WHERE external_id IS NOT NULL;
