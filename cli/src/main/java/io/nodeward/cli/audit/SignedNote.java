package io.nodeward.cli.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note (as {@code golang.org/x/mod/sumdb/note}): a UTF-8 text ending in a newline, one blank line,
 * then signature lines {@code — <key name> <base64(4-byte key hash ‖ signature)>}. It verifies for a key when one of
 * its lines names that key, carries that key's hash, and holds a valid Ed25519 signature over the text.
 */
public record SignedNote(String text, List<Signature> signatures) {

  private static final String DASH = "\u2014 ";

  /** One signature line. */
  public record Signature(String name, byte[] keyHash, byte[] signature) {
  }

  /** Parses without verifying. Throws {@link IllegalArgumentException} naming what is malformed. */
  public static SignedNote parse(String note) {
    if (!note.endsWith("\n")) {
      throw new IllegalArgumentException("a signed note ends with a newline");
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw new IllegalArgumentException("a signed note has a blank line before its signatures");
    }
    List<Signature> signatures = new ArrayList<>();
    for (String line : note.substring(split + 2).split("\n")) {
      int space = line.lastIndexOf(' ');
      if (!line.startsWith(DASH) || space <= DASH.length()) {
        throw new IllegalArgumentException("a signature line is an em dash, a space, the key name and the signature");
      }
      byte[] blob;
      try {
        blob = Base64.getDecoder().decode(line.substring(space + 1));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a signature is not base64");
      }
      if (blob.length < 5) {
        throw new IllegalArgumentException("a signature is too short");
      }
      signatures.add(new Signature(line.substring(DASH.length(), space), Arrays.copyOf(blob, 4),
          Arrays.copyOfRange(blob, 4, blob.length)));
    }
    return new SignedNote(note.substring(0, split + 1), List.copyOf(signatures));
  }

  /** True when a signature by {@code key} verifies over the text. */
  public boolean verifiedBy(NoteKey key) {
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    for (Signature signature : signatures) {
      if (signature.name().equals(key.name()) && Arrays.equals(signature.keyHash(), key.keyHash())
          && signature.signature().length == 64 && key.verify(message, signature.signature())) {
        return true;
      }
    }
    return false;
  }

  public List<String> signerNames() {
    return signatures.stream().map(Signature::name).toList();
  }
}
