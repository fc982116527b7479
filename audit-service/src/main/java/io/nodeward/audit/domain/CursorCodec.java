package io.nodeward.audit.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque page cursors: base64url({"s":sequence}) "." base64url(HMAC-SHA256). The MAC means a client can only
 * hand back cursors we gave out, so the cursor never becomes a second, unvalidated query language.
 */
public final class CursorCodec {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final Pattern PAYLOAD = Pattern.compile("\\{\"s\":(\\d{1,18})}");
  private static final int MAC_BYTES = 16;

  private final SecretKeySpec key;

  public CursorCodec(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("cursor key needs at least 256 bits");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  public String encode(long sequence) {
    byte[] payload = ("{\"s\":" + sequence + "}").getBytes(StandardCharsets.US_ASCII);
    return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
  }

  /** The sequence the next page starts below. */
  public long decode(String cursor) {
    int dot = cursor.indexOf('.');
    if (cursor.length() > 200 || dot < 1) {
      throw invalid();
    }
    byte[] payload;
    byte[] mac;
    try {
      payload = DECODER.decode(cursor.substring(0, dot));
      mac = DECODER.decode(cursor.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!MessageDigest.isEqual(mac, mac(payload))) {
      throw invalid();
    }
    Matcher m = PAYLOAD.matcher(new String(payload, StandardCharsets.US_ASCII));
    if (!m.matches()) {
      throw invalid();
    }
    return Long.parseLong(m.group(1));
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

  private static InvalidQueryException invalid() {
    return new InvalidQueryException("INVALID_CURSOR", "'cursor' is not a cursor this service issued");
  }
}
