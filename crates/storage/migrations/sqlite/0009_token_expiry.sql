-- An API token may end by itself at a time its maker chose; NULL: it lasts until revoked.
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
