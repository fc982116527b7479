-- The trail becomes an RFC 9162 log: leaf i is record i+1 (leaf input = its data column, the RFC 8785 JSON).
-- Tiles hold the tree (C2SP tlog-tiles layout: 256 hashes per tile, level 0 = leaf hashes), so a proof reads a
-- few rows; tiles are kept forever, also after retention removes record bodies.
CREATE TABLE audit_tile (
  level      INTEGER NOT NULL,
  tile_index BIGINT NOT NULL,
  hashes     BYTEA NOT NULL,
  PRIMARY KEY (level, tile_index)
);

-- Every signed checkpoint note (C2SP), by tree size.
CREATE TABLE audit_checkpoint_note (
  tree_size BIGINT PRIMARY KEY,
  root_hash BYTEA NOT NULL,
  note      TEXT NOT NULL,
  signed_at BIGINT NOT NULL
);
CREATE INDEX audit_checkpoint_note_signed ON audit_checkpoint_note (signed_at);

-- Retention removes bodies up to a signed size; this says how far, so a gap below it is not a deletion.
CREATE TABLE audit_retention (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  pruned_through BIGINT NOT NULL
);

-- The same (source, id) arrived with different content: both are kept, and this raises the alarm.
CREATE TABLE audit_dedupe_conflict (
  sequence       BIGINT PRIMARY KEY,
  source         TEXT NOT NULL,
  event_id       TEXT NOT NULL,
  first_sequence BIGINT NOT NULL,
  detected_at    BIGINT NOT NULL
);
