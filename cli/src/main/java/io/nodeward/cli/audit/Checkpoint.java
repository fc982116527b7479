package io.nodeward.cli.audit;

import java.util.Base64;
import java.util.List;

/**
 * A C2SP tlog-checkpoint: a signed note whose text is {@code <origin>\n<tree size>\n<base64 root hash>\n}
 * (extension lines may follow). Parsed here from the two specifications alone.
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash, String note, SignedNote signed) {

  /** Parses without verifying (see {@link #verify}). Throws {@link IllegalArgumentException} naming what is wrong. */
  public static Checkpoint parse(String note) {
    SignedNote signed = SignedNote.parse(note);
    String[] lines = signed.text().split("\n", -1);
    if (lines.length < 4) {
      throw new IllegalArgumentException("a checkpoint has origin, size and root hash lines");
    }
    if (lines[0].isEmpty()) {
      throw new IllegalArgumentException("the checkpoint's origin is empty");
    }
    if (!lines[1].matches("0|[1-9][0-9]{0,17}")) {
      throw new IllegalArgumentException("the checkpoint's size is not a decimal number without leading zeros");
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the checkpoint's root hash is not base64");
    }
    if (root.length != LogHashes.HASH_BYTES) {
      throw new IllegalArgumentException("the checkpoint's root hash is not 32 bytes");
    }
    return new Checkpoint(lines[0], Long.parseLong(lines[1]), root, note, signed);
  }

  public boolean verify(NoteKey key) {
    return signed.verifiedBy(key);
  }

  public List<String> signerNames() {
    return signed.signerNames();
  }

  public String rootBase64() {
    return Base64.getEncoder().encodeToString(rootHash);
  }
}
