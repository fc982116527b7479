package io.nodeward.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A producer's signature on one event, as carried in the CloudEvents extension attributes {@code nodewardsig}
 * (the 64-byte Ed25519 signature, base64url without padding) and {@code nodewardkeyid} (which key made it).
 */
public record EventSignature(String keyId, String value) {

  public static final String VALUE_ATTRIBUTE = "nodewardsig";
  public static final String KEY_ID_ATTRIBUTE = "nodewardkeyid";
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{86}");

  public EventSignature {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(value, "value");
    if (!KEY_ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException("a key id is 16 lower-case hex digits");
    }
    if (!VALUE.matcher(value).matches()) {
      throw new IllegalArgumentException("an Ed25519 signature is 86 base64url characters");
    }
  }
}
