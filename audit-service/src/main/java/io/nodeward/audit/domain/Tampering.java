package io.nodeward.audit.domain;

/** What the verifier found wrong at the first bad place of the trail. */
public enum Tampering {
  /** A record's content no longer matches its hash (or its indexed columns no longer match its content). */
  ALTERED,
  /** A sequence number is missing: a record was removed. */
  DELETED,
  /** A record that does not follow from its predecessor: added to the trail. */
  INSERTED,
  /** A record chains onto one that comes after it: records were moved. */
  REORDERED,
  /** A stored checkpoint's signature does not verify with the trusted key. */
  CHECKPOINT_INVALID,
  /** The chain no longer reaches a signed checkpoint's hash: part of it was rewritten with fresh hashes. */
  CHECKPOINT_MISMATCH
}
