package io.nodeward.audit.domain;

import io.nodeward.events.AuditCheckpoint;
import io.nodeward.events.CanonicalJson;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Signs "record {@code sequence} has hash {@code headHash}" with the service's EC P-256 key (SHA256withECDSA).
 * The signed bytes are the RFC 8785 canonical JSON of {sequence, headHash, recordedAt, keyId}, so a verifier in
 * any language rebuilds them from the event alone.
 */
public final class CheckpointSigner {

  public static final String ALGORITHM = "SHA256withECDSA";

  private final PrivateKey privateKey;
  private final String keyId;

  public CheckpointSigner(KeyPair keyPair) {
    this.privateKey = keyPair.getPrivate();
    this.keyId = CheckpointKeys.keyId(keyPair.getPublic());
  }

  public String keyId() {
    return keyId;
  }

  public AuditCheckpoint sign(ChainHead head, Instant now) {
    // Millisecond precision survives every store and JSON round trip unchanged.
    Instant recordedAt = now.truncatedTo(ChronoUnit.MILLIS);
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(privateKey);
      signature.update(signedBytes(head.sequence(), head.hash(), recordedAt, keyId));
      return new AuditCheckpoint(head.sequence(), head.hash(), recordedAt, keyId, ALGORITHM,
          Base64.getEncoder().encodeToString(signature.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not sign checkpoint", e);
    }
  }

  /** What the signature covers. */
  public static byte[] signedBytes(long sequence, String headHash, Instant recordedAt, String keyId) {
    String json = "{\"sequence\":" + sequence
        + ",\"headHash\":\"" + headHash + "\""
        + ",\"recordedAt\":\"" + recordedAt + "\""
        + ",\"keyId\":\"" + jsonEscape(keyId) + "\"}";
    return CanonicalJson.canonicalBytes(json);
  }

  private static String jsonEscape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
