package io.nodeward.console.domain;

import java.time.Instant;

/**
 * One stored audit record as the audit API shows it: where it sits in the log and the stored CloudEvent itself.
 * The hashes are whichever the API sends: the hash chain ({@code prevHash}, {@code hash}) or the Merkle tree's
 * ({@code leafIndex}, {@code leafHash}); absent ones are null.
 *
 * @param eventJson the stored CloudEvent, pretty-printed for reading
 */
public record AuditRecord(
    long sequence,
    String eventId,
    String type,
    String source,
    Instant time,
    String subject,
    String userId,
    String nodeId,
    String serial,
    String effect,
    String reason,
    String prevHash,
    String hash,
    Long leafIndex,
    String leafHash,
    String eventJson) {

  /** The event type without its namespace and version: {@code io.nodeward.access.decided.v1} reads "access decided". */
  public String typeLabel() {
    if (type == null) {
      return "";
    }
    String t = type.startsWith("io.nodeward.") ? type.substring("io.nodeward.".length()) : type;
    int version = t.lastIndexOf(".v");
    if (version > 0) {
      t = t.substring(0, version);
    }
    return t.replace('.', ' ').replace('-', ' ');
  }
}
