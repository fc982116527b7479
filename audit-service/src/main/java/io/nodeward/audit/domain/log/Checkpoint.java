package io.nodeward.audit.domain.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A tree head in the C2SP tlog-checkpoint form: {@code <origin>\n<tree size>\n<base64 root hash>\n}. The origin
 * names the log, so a signature for one log can never be passed off for another.
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {

  private static final Pattern ORIGIN = Pattern.compile("[^\\s+]{1,256}");
  private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");

  public Checkpoint {
    if (origin == null || !ORIGIN.matcher(origin).matches()) {
      throw new IllegalArgumentException("an origin is 1 to 256 characters without spaces or '+'");
    }
    if (size < 0) {
      throw new IllegalArgumentException("negative tree size");
    }
    if (rootHash == null || rootHash.length != MerkleHash.SIZE) {
      throw new IllegalArgumentException("a root hash has 32 bytes");
    }
    rootHash = rootHash.clone();
  }

  /** The checkpoint body, the bytes the note signature covers. */
  public String body() {
    return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
  }

  public byte[] bodyBytes() {
    return body().getBytes(StandardCharsets.UTF_8);
  }

  /** Parses a body of exactly three lines (extension lines are not part of ours: refused). */
  public static Checkpoint parse(String body) {
    if (!body.endsWith("\n")) {
      throw new IllegalArgumentException("a checkpoint body ends with a newline");
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    if (lines.length != 3) {
      throw new IllegalArgumentException("a checkpoint has three lines: origin, tree size, root hash");
    }
    if (!SIZE.matcher(lines[1]).matches()) {
      throw new IllegalArgumentException("the tree size is not a decimal number without leading zeros");
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the root hash is not base64");
    }
    if (!Base64.getEncoder().encodeToString(root).equals(lines[2])) {
      throw new IllegalArgumentException("the root hash is not in canonical base64");
    }
    return new Checkpoint(lines[0], Long.parseLong(lines[1]), root);
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c && c.origin.equals(origin) && c.size == size && Arrays.equals(c.rootHash, rootHash);
  }

  @Override
  public int hashCode() {
    return origin.hashCode() * 31 + Long.hashCode(size) * 17 + Arrays.hashCode(rootHash);
  }

  @Override
  public String toString() {
    return origin + "@" + size + ":" + Base64.getEncoder().encodeToString(rootHash);
  }
}
