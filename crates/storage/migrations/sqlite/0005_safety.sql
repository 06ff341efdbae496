-- A case whose client threatened someone's safety keeps the time of the first such message,
-- so that every list can show the flag without reading the messages.
ALTER TABLE cases ADD COLUMN safety_at TEXT;
