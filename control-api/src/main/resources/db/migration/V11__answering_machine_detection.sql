-- Answering-machine detection (docs/api.md, POST /api/calls amd; /twilio/amd). Portable SQL: H2 2.x and
-- PostgreSQL 12+.

-- The plan POST /api/calls asked for, served in the gateway's call context: amd_mode hangup or message, and the
-- voicemail message for message. Null: the call was not dialed with detection.
ALTER TABLE calls ADD COLUMN amd_mode VARCHAR(16);
ALTER TABLE calls ADD COLUMN amd_message VARCHAR(1000);

-- What the gateway did once the answer was known (its call.amd): agent, message or hangup. Twilio's AnsweredBy
-- itself goes in answered_by (V1).
ALTER TABLE calls ADD COLUMN amd_action VARCHAR(16);
