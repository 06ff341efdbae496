-- Failed sign-ins are counted per account and address, and the upkeep finds cases finished
-- long enough ago to erase their message bodies.
CREATE INDEX login_attempts_pair ON login_attempts (username, address, at);
CREATE INDEX cases_closed ON cases (closed_at) WHERE closed_at IS NOT NULL;
