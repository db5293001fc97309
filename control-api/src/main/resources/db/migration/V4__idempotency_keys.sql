-- Idempotency-Key of POST /api/calls: the primary key lets exactly one request (on any replica) claim a key;
-- the others find its row. A row is 'pending' while its request runs and 'done' with the response once it
-- succeeded; a failed request deletes its row. Rows older than control.calls.idempotency.ttl are ignored and purged.
CREATE TABLE idempotency_keys (
    scope           VARCHAR(64) NOT NULL,
    idem_key        VARCHAR(255) NOT NULL,
    request_hash    VARCHAR(64) NOT NULL,
    owner           VARCHAR(36) NOT NULL,
    state           VARCHAR(16) NOT NULL,
    response_status INTEGER,
    response_body   VARCHAR(100000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT idempotency_keys_once PRIMARY KEY (scope, idem_key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
