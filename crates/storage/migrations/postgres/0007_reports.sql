-- The reports read each case's first agent reply: with the direction in the index that is one
-- seek per case instead of a walk over its messages.
CREATE INDEX messages_case_direction_at ON messages (case_id, direction, at);
