-- Agent profiles (docs/api.md, Profiles): every change of a profile is a new row, never an update; a row without a
-- body marks the profile deleted at that version (a profile created again later goes on counting from there).
CREATE TABLE profile_versions (
    name        VARCHAR(64) NOT NULL,
    version     BIGINT NOT NULL,
    body        VARCHAR(1000000),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (name, version)
);

-- The numbers of each profile's current version; the primary key keeps a number in at most one profile.
CREATE TABLE profile_numbers (
    phone_number VARCHAR(32) PRIMARY KEY,
    name         VARCHAR(64) NOT NULL
);
CREATE INDEX profile_numbers_by_name ON profile_numbers (name);

-- The default profile is the config of /api/config: its versions so far become the default profile's.
INSERT INTO profile_versions (name, version, body, created_at)
    SELECT 'default', version, body, created_at FROM agent_config;

-- The profile and version each call ran on (the gateway reports them; an outbound call has them from its dial).
ALTER TABLE calls ADD COLUMN profile VARCHAR(64);
ALTER TABLE calls ADD COLUMN profile_version BIGINT;
