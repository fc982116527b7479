package io.nodeward.audit.independent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A verifier written from the published formats alone — C2SP signed-note and tlog-checkpoint, RFC 9162 §2.1,
 * RFC 8785 — sharing no code with the audit service: only the JDK (its own Ed25519) and Jackson to read JSON.
 * If the service and this disagree, one of them has misread a standard. Every method throws on failure.
 */
public final class IndependentVerifier {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A checkpoint as read from a verified note. */
  public record Head(String origin, long size, byte[] root) {
  }

  private final String keyName;
  private final int keyHash;
  private final PublicKey key;

  /** @param verifierKey {@code <name>+<8 hex>+<base64(0x01 ‖ key)>} */
  public IndependentVerifier(String verifierKey) throws Exception {
    String[] parts = verifierKey.split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("bad verifier key");
    }
    byte[] typed = Base64.getDecoder().decode(parts[2]);
    if (typed.length != 33 || typed[0] != 1) {
      throw new IllegalArgumentException("not an Ed25519 verifier key");
    }
    byte[] raw = Arrays.copyOfRange(typed, 1, 33);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update((parts[0] + "\n").getBytes(StandardCharsets.UTF_8));
    sha.update(typed);
    int computed = ByteBuffer.wrap(sha.digest()).getInt();
    if (computed != (int) Long.parseLong(parts[1], 16)) {
      throw new IllegalArgumentException("verifier key hash mismatch");
    }
    this.keyName = parts[0];
    this.keyHash = computed;
    this.key = ed25519(raw);
  }

  /** RFC 8032 encodes the point as y (little-endian) with x's parity in the top bit; the JDK wants them apart. */
  private static PublicKey ed25519(byte[] raw) throws Exception {
    byte[] le = raw.clone();
    boolean xOdd = (le[31] & 0x80) != 0;
    le[31] &= 0x7f;
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = le[31 - i];
    }
    EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, be));
    return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
  }

  /** Checks the note's signature by the pinned key and returns its checkpoint. */
  public Head open(String note) throws Exception {
    int blank = note.indexOf("\n\n");
    if (blank < 0) {
      throw new IllegalArgumentException("no blank line");
    }
    String text = note.substring(0, blank + 1);
    boolean verified = false;
    for (String line : note.substring(blank + 2).split("\n")) {
      if (!line.startsWith("\u2014 ")) {
        throw new IllegalArgumentException("bad signature line");
      }
      String[] fields = line.substring(2).split(" ");
      byte[] sig = Base64.getDecoder().decode(fields[1]);
      if (!fields[0].equals(keyName) || ByteBuffer.wrap(sig, 0, 4).getInt() != keyHash) {
        continue;
      }
      Signature ed = Signature.getInstance("Ed25519");
      ed.initVerify(key);
      ed.update(text.getBytes(StandardCharsets.UTF_8));
      if (!ed.verify(Arrays.copyOfRange(sig, 4, sig.length))) {
        throw new SecurityException("bad signature");
      }
      verified = true;
    }
    if (!verified) {
      throw new SecurityException("not signed by the pinned key");
    }
    String[] lines = text.split("\n");
    if (lines.length < 3) {
      throw new IllegalArgumentException("not a checkpoint");
    }
    return new Head(lines[0], Long.parseLong(lines[1]), Base64.getDecoder().decode(lines[2]));
  }

  /** RFC 9162: recompute the root from the leaf hash and its audit path; compare. */
  public static void checkInclusion(long index, long size, byte[] leafHash, List<byte[]> path, byte[] root) throws Exception {
    if (index >= size) {
      throw new SecurityException("index beyond size");
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if (sn == 0) {
        throw new SecurityException("path too long");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = node(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = node(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0 || !MessageDigest.isEqual(r, root)) {
      throw new SecurityException("inclusion proof does not lead to the root");
    }
  }

  /** RFC 9162 MTH over leaf hashes. */
  public static byte[] root(List<byte[]> leafHashes) throws Exception {
    if (leafHashes.isEmpty()) {
      return MessageDigest.getInstance("SHA-256").digest();
    }
    if (leafHashes.size() == 1) {
      return leafHashes.get(0);
    }
    int k = Integer.highestOneBit(leafHashes.size() - 1);
    return node(root(leafHashes.subList(0, k)), root(leafHashes.subList(k, leafHashes.size())));
  }

  public static byte[] leafHash(byte[] input) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update((byte) 0);
    sha.update(input);
    return sha.digest();
  }

  private static byte[] node(byte[] left, byte[] right) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update((byte) 1);
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  /** RFC 8785 for the JSON a CloudEvent holds (objects, arrays, strings, integers, booleans, null). */
  public static byte[] canonical(String json) throws Exception {
    StringBuilder out = new StringBuilder();
    write(JSON.readTree(json), out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      // RFC 8785 §3.2.3: members sorted by their names' UTF-16 code units (String.compareTo).
      Map<String, JsonNode> sorted = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      fields.forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(e.getKey(), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else if (node.isTextual()) {
      string(node.textValue(), out);
    } else if (node.isIntegralNumber()) {
      out.append(node.bigIntegerValue());
    } else if (node.isNumber()) {
      throw new IllegalArgumentException("fractional numbers are not in nodeward events");
    } else {
      out.append(node.toString());
    }
  }

  /** RFC 8785 §3.2.2.2: ECMAScript JSON.stringify escaping. */
  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Base64 strings of a JSON array to hashes. */
  public static List<byte[]> hashes(Iterable<?> base64) {
    List<byte[]> out = new ArrayList<>();
    for (Object o : base64) {
      out.add(Base64.getDecoder().decode((String) o));
    }
    return out;
  }
}
