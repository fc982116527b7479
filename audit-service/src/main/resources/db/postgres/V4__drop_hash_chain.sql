-- The Merkle log replaces the hash chain (see ARCHITECTURE.md): its columns and the chain-head checkpoints go.
-- Deduplication is on (source, id) now, so event_id alone is no longer unique; it stays indexed for lookups.
ALTER TABLE audit_event DROP COLUMN prev_hash;
ALTER TABLE audit_event DROP COLUMN hash;
ALTER TABLE audit_event DROP CONSTRAINT audit_event_event_id_key;
CREATE INDEX audit_event_event_id ON audit_event (event_id);
DROP TABLE audit_checkpoint;
