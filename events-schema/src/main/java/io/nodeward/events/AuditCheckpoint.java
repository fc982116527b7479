package io.nodeward.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed statement by the audit service: "record {@code sequence} of my chain has hash {@code headHash}".
 * {@code signature} is base64 over the canonical JSON of {sequence, headHash, recordedAt, keyId}.
 */
public record AuditCheckpoint(long sequence, String headHash, Instant recordedAt, String keyId, String algorithm, String signature)
    implements EventData {

  public AuditCheckpoint {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative");
    }
    Objects.requireNonNull(headHash, "headHash");
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(signature, "signature");
  }

  @Override
  public String key() {
    return keyId;
  }
}
