-- The suppression list (docs/api.md, Suppressions): numbers that are never dialed. Portable SQL: H2 2.x and
-- PostgreSQL 12+. source says who added a number: api (PUT), import (bulk import) or tool (the agent's
-- do_not_call, with the call it happened in).
CREATE TABLE suppressions (
    phone_number VARCHAR(16) PRIMARY KEY,
    reason       VARCHAR(500),
    source       VARCHAR(16) NOT NULL,
    call_sid     VARCHAR(64),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX suppressions_newest_first ON suppressions (created_at, phone_number);
