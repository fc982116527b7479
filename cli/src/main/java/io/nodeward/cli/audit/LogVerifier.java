package io.nodeward.cli.audit;

import io.nodeward.cli.core.CliFailure;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The checks {@code nodeward audit verify} makes, each failing with exit code 4 and a sentence saying what did not
 * hold: a checkpoint's signature against the pinned key, a newer checkpoint's consistency with the pinned one
 * (which is what catches a log that lost its newest records), and a record's inclusion.
 */
public final class LogVerifier {

  private LogVerifier() {
  }

  /** Parses {@code note} and requires a valid signature by {@code key}. */
  public static Checkpoint verifiedCheckpoint(String note, TrustedKey key) {
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.parse(note);
    } catch (IllegalArgumentException e) {
      throw CliFailure.verification("MALFORMED_CHECKPOINT", "The checkpoint is not a valid signed note: " + e.getMessage() + ".");
    }
    if (key.verifying(checkpoint) == null) {
      throw CliFailure.verification("BAD_SIGNATURE", "The checkpoint of size " + checkpoint.treeSize()
          + " is not signed by the pinned key " + key.describe() + ".");
    }
    return checkpoint;
  }

  /** The newer checkpoint extends the older one, as the consistency proof shows (RFC 9162 §2.1.4.2). */
  public static void requireConsistent(Checkpoint older, Checkpoint newer, List<byte[]> proof) {
    if (!older.origin().equals(newer.origin())) {
      throw CliFailure.verification("ORIGIN_CHANGED", "The log's origin is now '" + newer.origin() + "', not '"
          + older.origin() + "' as pinned.");
    }
    if (newer.treeSize() < older.treeSize()) {
      throw CliFailure.verification("LOG_TRUNCATED", "The log now has " + newer.treeSize() + " records, fewer than the "
          + older.treeSize() + " of the checkpoint verified before: records were removed.");
    }
    if (newer.treeSize() == older.treeSize()) {
      if (!Arrays.equals(newer.rootHash(), older.rootHash())) {
        throw CliFailure.verification("LOG_FORKED", "The log of size " + newer.treeSize() + " has a different root than "
            + "the checkpoint of the same size verified before: its history was rewritten.");
      }
      return;
    }
    if (!LogHashes.verifyConsistency(older.treeSize(), newer.treeSize(), older.rootHash(), newer.rootHash(), proof)) {
      throw CliFailure.verification("INCONSISTENT", "The log of size " + newer.treeSize() + " does not extend the one of "
          + "size " + older.treeSize() + " verified before: the consistency proof fails.");
    }
  }

  /** The leaf is in the tree of {@code checkpoint}, as the inclusion proof shows (RFC 9162 §2.1.3.2). */
  public static void requireIncluded(byte[] leafHash, long leafIndex, Checkpoint checkpoint, List<byte[]> proof) {
    if (!LogHashes.verifyInclusion(leafIndex, checkpoint.treeSize(), leafHash, proof, checkpoint.rootHash())) {
      throw CliFailure.verification("NOT_INCLUDED", "The record at leaf " + leafIndex + " is not in the log of size "
          + checkpoint.treeSize() + ": the inclusion proof fails.");
    }
  }

  public static byte[] hash(String base64, String what) {
    try {
      byte[] hash = Base64.getDecoder().decode(base64);
      if (hash.length == LogHashes.HASH_BYTES) {
        return hash;
      }
    } catch (IllegalArgumentException | NullPointerException e) {
      // reported below
    }
    throw CliFailure.verification("MALFORMED_PROOF", what + " is not a base64 SHA-256 hash.");
  }
}
