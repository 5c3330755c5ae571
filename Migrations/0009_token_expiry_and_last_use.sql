-- A token may be given a lifetime (zhibiao token create --expires 90d): past expires_at it is
-- refused like a revoked one. last_used_at is when it last authenticated a request, recorded at
-- most once a minute, so that tokens nobody uses can be found and revoked. Both are microseconds
-- since the epoch, as created_at; NULL: never expires, never used since this migration.
ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
ALTER TABLE api_tokens ADD COLUMN last_used_at INTEGER;
