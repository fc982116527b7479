package io.nodeward.issuer.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque page cursors, as the audit API makes them: base64url(kind + ":" + position) "." base64url(HMAC-SHA256,
 * 128 bits). The MAC means a client can only hand back positions this installation gave out, so a cursor never
 * becomes a second, unvalidated query language; the kind keeps a node cursor from being replayed on the
 * certificate list.
 */
public final class PageCursors {

  /** What a cursor continues. */
  public enum Kind { CERTIFICATES, NODES }

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final int MAC_BYTES = 16;
  private static final int MAX_CURSOR_CHARS = 300;

  private final SecretKeySpec key;

  public PageCursors(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("cursor key needs at least 256 bits");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  public String encode(Kind kind, String position) {
    byte[] payload = (kind.name() + ":" + position).getBytes(StandardCharsets.US_ASCII);
    return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
  }

  /** The position inside a cursor of this kind that this installation issued, else empty. */
  public Optional<String> decode(Kind kind, String cursor) {
    int dot = cursor.indexOf('.');
    if (cursor.length() > MAX_CURSOR_CHARS || dot < 1) {
      return Optional.empty();
    }
    byte[] payload;
    byte[] mac;
    try {
      payload = DECODER.decode(cursor.substring(0, dot));
      mac = DECODER.decode(cursor.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(mac, mac(payload))) {
      return Optional.empty();
    }
    String text = new String(payload, StandardCharsets.US_ASCII);
    String prefix = kind.name() + ":";
    return text.startsWith(prefix) ? Optional.of(text.substring(prefix.length())) : Optional.empty();
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(key);
      return Arrays.copyOf(hmac.doFinal(payload), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
