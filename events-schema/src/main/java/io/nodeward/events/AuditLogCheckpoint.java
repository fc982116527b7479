package io.nodeward.events;

import java.util.Objects;

/**
 * A signed checkpoint of the audit log: the C2SP signed note ({@code note}) committing to the first
 * {@code treeSize} records through the RFC 9162 root {@code rootHash} (base64). The note is authoritative;
 * {@code origin}, {@code treeSize} and {@code rootHash} repeat its body for readers that do not parse notes.
 */
public record AuditLogCheckpoint(String origin, long treeSize, String rootHash, String note) implements EventData {

  public AuditLogCheckpoint {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(rootHash, "rootHash");
    Objects.requireNonNull(note, "note");
    if (treeSize < 1) {
      throw new IllegalArgumentException("a checkpoint covers at least one record");
    }
  }

  /** Keyed by origin: every checkpoint of one log lands in one partition, in order. */
  @Override
  public String key() {
    return origin;
  }
}
