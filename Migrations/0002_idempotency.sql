-- Answers to write requests sent with an Idempotency-Key, so that a retry with the same key and
-- body gets the first answer and writes nothing twice. Saved in the write's own transaction.
CREATE TABLE idempotency_keys (
    token_name      TEXT NOT NULL,
    key             TEXT NOT NULL,
    request_sha256  TEXT NOT NULL,
    status          INTEGER NOT NULL,
    content_type    TEXT NOT NULL,
    body            BLOB NOT NULL,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (token_name, key)
) STRICT;
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
