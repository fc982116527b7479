-- The Merkle log replaces the hash chain (see ARCHITECTURE.md): its columns and the chain-head checkpoints go.
-- Deduplication is on (source, id) now, so event_id alone is no longer unique; SQLite cannot drop a UNIQUE
-- constraint in place, so the table is rebuilt with the same rows.
CREATE TABLE audit_event_log (
  sequence        INTEGER PRIMARY KEY,
  event_id        TEXT NOT NULL,
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
  kafka_topic     TEXT,
  kafka_partition INTEGER,
  kafka_offset    BIGINT,
  stored_at       BIGINT NOT NULL
);
INSERT INTO audit_event_log (sequence, event_id, type, source, event_time, subject, user_id, node_id, serial, effect,
  reason, data, kafka_topic, kafka_partition, kafka_offset, stored_at)
  SELECT sequence, event_id, type, source, event_time, subject, user_id, node_id, serial, effect, reason, data,
    kafka_topic, kafka_partition, kafka_offset, stored_at FROM audit_event;
DROP TABLE audit_event;
ALTER TABLE audit_event_log RENAME TO audit_event;
CREATE INDEX audit_event_event_id ON audit_event (event_id);
CREATE INDEX audit_event_user_seq ON audit_event (user_id, sequence);
CREATE INDEX audit_event_node_seq ON audit_event (node_id, sequence);
CREATE INDEX audit_event_serial_seq ON audit_event (serial, sequence);
CREATE INDEX audit_event_type_seq ON audit_event (type, sequence);
CREATE INDEX audit_event_reason_seq ON audit_event (reason, sequence);
CREATE INDEX audit_event_effect_seq ON audit_event (effect, sequence);
CREATE INDEX audit_event_time ON audit_event (event_time);
DROP TABLE audit_checkpoint;
