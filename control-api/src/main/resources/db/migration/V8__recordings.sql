-- Call recordings (docs/api.md, GET /api/calls/{sid}/recording). Portable SQL: runs on H2 2.x and PostgreSQL 12+.

-- Set when POST /api/calls asked for a recording, so the gateway's call context can tell the agent to disclose it.
ALTER TABLE calls ADD COLUMN recorded BOOLEAN;

-- One row per recording, from Twilio's recording status callback (or the local dialer's). source_url is Twilio's
-- RecordingUrl: it is fetched server-side with the account's credentials and never returned to clients.
CREATE TABLE call_recordings (
    recording_sid    VARCHAR(64) PRIMARY KEY,
    call_sid         VARCHAR(64) NOT NULL,
    status           VARCHAR(32) NOT NULL,
    duration_seconds INTEGER,
    channels         INTEGER,
    source_url       VARCHAR(2000),
    local_file       BOOLEAN NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX call_recordings_by_call ON call_recordings (call_sid);
