-- The audit trail. One row per event, chained: hash = SHA-256(prev_hash bytes || data bytes).
-- event_time is the event's time in microseconds since the epoch (one integer type for both dialects, so range
-- filters and hour/day bucketing are the same SQL on PostgreSQL and SQLite). data is the RFC 8785 canonical
-- CloudEvents envelope: exactly the bytes the hash covers.
CREATE TABLE audit_event (
  sequence        BIGINT PRIMARY KEY,
  event_id        TEXT NOT NULL UNIQUE,
  type            TEXT NOT NULL,
  source          TEXT NOT NULL,
  event_time      BIGINT NOT NULL,
  subject         TEXT,
  user_id         TEXT,
  node_id         TEXT,
  serial          TEXT,
  effect          TEXT,
  reason          TEXT,
  data            TEXT NOT NULL,
  prev_hash       CHAR(64) NOT NULL,
  hash            CHAR(64) NOT NULL,
  kafka_topic     TEXT,
  kafka_partition INTEGER,
  kafka_offset    BIGINT,
  stored_at       BIGINT NOT NULL
);

-- Every filter of GET /v1/audit/events is "column = ? ORDER BY sequence DESC": (column, sequence) serves
-- both the filter and the keyset walk.
CREATE INDEX audit_event_user_seq ON audit_event (user_id, sequence);
CREATE INDEX audit_event_node_seq ON audit_event (node_id, sequence);
CREATE INDEX audit_event_serial_seq ON audit_event (serial, sequence);
CREATE INDEX audit_event_type_seq ON audit_event (type, sequence);
CREATE INDEX audit_event_reason_seq ON audit_event (reason, sequence);
CREATE INDEX audit_event_effect_seq ON audit_event (effect, sequence);
-- Time ranges and summaries.
CREATE INDEX audit_event_time ON audit_event (event_time, sequence);

CREATE TABLE audit_checkpoint (
  sequence    BIGINT NOT NULL,
  head_hash   CHAR(64) NOT NULL,
  recorded_at BIGINT NOT NULL,
  key_id      TEXT NOT NULL,
  algorithm   TEXT NOT NULL,
  signature   TEXT NOT NULL,
  PRIMARY KEY (sequence, key_id)
);
CREATE INDEX audit_checkpoint_recorded ON audit_checkpoint (recorded_at);
