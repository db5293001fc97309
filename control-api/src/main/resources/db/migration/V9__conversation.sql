-- The Realtime conversation of each call as its gateway reports it (link frame conversation.item), so another
-- gateway can resume the call (GET /internal/calls/{sid}/conversation). Portable SQL: H2 2.x and PostgreSQL 12+.
CREATE TABLE conversation_items (
    call_sid     VARCHAR(64) NOT NULL,
    item_index   BIGINT NOT NULL,
    item_type    VARCHAR(32) NOT NULL,
    role         VARCHAR(16),
    status       VARCHAR(16),
    content      VARCHAR(100000),
    name         VARCHAR(128),
    tool_call_id VARCHAR(128),
    arguments    VARCHAR(100000),
    output       VARCHAR(100000),
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT conversation_items_pk PRIMARY KEY (call_sid, item_index)
);
