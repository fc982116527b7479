package io.nodeward.audit.domain;

import io.nodeward.audit.domain.log.MerkleHash;
import java.nio.charset.StandardCharsets;

/**
 * One record of the trail as stored: its sequence (leaf {@code sequence - 1} of the log), its indexed columns and
 * the RFC 8785 canonical JSON of the event, which is exactly the leaf input.
 */
public record StoredRecord(long sequence, RecordColumns columns, String canonicalJson) {

  public long leafIndex() {
    return sequence - 1;
  }

  /** SHA-256(0x00 ‖ canonical JSON): what this record's leaf must hold. */
  public byte[] leafHash() {
    return MerkleHash.leaf(canonicalJson.getBytes(StandardCharsets.UTF_8));
  }
}
