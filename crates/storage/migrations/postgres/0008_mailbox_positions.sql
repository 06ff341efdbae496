-- How far the server has read each IMAP folder it polls: the folder's UIDVALIDITY and the
-- highest UID taken in under it. A restart resumes after `last_uid`; a UIDVALIDITY that changed
-- means the UIDs were renumbered, so the folder is read again (messages are idempotent by
-- Message-ID). `mailbox` is `user@host:port`.
CREATE TABLE mailbox_positions (
    mailbox TEXT NOT NULL,
    folder TEXT NOT NULL,
    uid_validity BIGINT NOT NULL,
    last_uid BIGINT NOT NULL,
    PRIMARY KEY (mailbox, folder)
);
