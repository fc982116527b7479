package io.nodeward.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.erdtman.jcs.JsonCanonicalizer;

/** RFC 8785 JSON Canonicalization Scheme: one byte sequence per JSON value, so hashes and signatures are stable. */
public final class CanonicalJson {

  private CanonicalJson() {
  }

  public static String canonicalize(String json) {
    try {
      return new JsonCanonicalizer(json).getEncodedString();
    } catch (IOException e) {
      throw new UncheckedIOException("not canonicalizable JSON", e);
    }
  }

  public static byte[] canonicalBytes(String json) {
    return canonicalize(json).getBytes(StandardCharsets.UTF_8);
  }
}
