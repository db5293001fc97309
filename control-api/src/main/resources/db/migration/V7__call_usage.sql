-- Usage and cost per call (docs/api.md, docs/webhooks.md). Portable SQL: runs on H2 2.x and PostgreSQL 12+.

-- When the gateway reported the call's end (call.ended, with its token usage); null while a gateway holds it.
ALTER TABLE calls ADD COLUMN gateway_ended_at TIMESTAMP WITH TIME ZONE;

-- Set while call.completed waits for the gateway's call.ended (and its usage); sent without usage after this time.
ALTER TABLE calls ADD COLUMN completion_held_until TIMESTAMP WITH TIME ZONE;
CREATE INDEX calls_completion_held ON calls (completion_held_until);
