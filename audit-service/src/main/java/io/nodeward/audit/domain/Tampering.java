package io.nodeward.audit.domain;

/** What the verifier found wrong at the first bad place of the log. */
public enum Tampering {
  /** A record no longer hashes to its leaf, or its indexed columns no longer match its content. */
  ALTERED,
  /** A record is missing that the tree or a signed checkpoint says exists (also: the database is shorter). */
  DELETED,
  /** A record that is not in the tree stands where a leaf's record should be, or beyond the tree. */
  INSERTED,
  /** Records hold each other's leaves: they were moved. */
  REORDERED,
  /** A stored checkpoint note does not verify with the log's key (or is not this log's). */
  CHECKPOINT_INVALID,
  /** The tree's root at a signed size is not the signed root: history was rewritten. */
  CHECKPOINT_MISMATCH,
  /** The stored subtree hashes (tiles) disagree with the records: proofs served from them would be wrong. */
  TREE_MISMATCH
}
