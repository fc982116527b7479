package io.nodeward.audit.domain.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * C2SP signed-note over a checkpoint: the body, an empty line, then signature lines
 * {@code — <key name> <base64(4-byte key hash ‖ signature)>}. We write one signature; a verifier accepts a note
 * when some line carries its key's name and hash and that signature verifies over the body.
 */
public final class SignedNote {

  /** U+2014 EM DASH and a space: how every signature line starts. */
  public static final String SIGNATURE_PREFIX = "\u2014 ";

  private SignedNote() {
  }

  public static String sign(Checkpoint checkpoint, LogSigner signer) {
    byte[] body = checkpoint.bodyBytes();
    byte[] signature = signer.sign(body);
    VerifierKey key = signer.verifierKey();
    byte[] line = ByteBuffer.allocate(4 + signature.length).putInt(key.keyHash()).put(signature).array();
    return checkpoint.body() + "\n" + SIGNATURE_PREFIX + key.name() + " " + Base64.getEncoder().encodeToString(line) + "\n";
  }

  /**
   * The checkpoint a note carries, if {@code key} signed it.
   *
   * @throws InvalidNoteException naming what is wrong (malformed, no signature by this key, bad signature)
   */
  public static Checkpoint open(String note, VerifierKey key) {
    int split = note.indexOf("\n\n");
    if (split < 0 || !note.endsWith("\n")) {
      throw new InvalidNoteException("not a signed note: no empty line between the text and the signatures");
    }
    String body = note.substring(0, split + 1);
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.parse(body);
    } catch (IllegalArgumentException e) {
      throw new InvalidNoteException("the note's text is not a checkpoint: " + e.getMessage());
    }
    boolean signedByKey = false;
    for (String line : note.substring(split + 2, note.length() - 1).split("\n", -1)) {
      if (!line.startsWith(SIGNATURE_PREFIX)) {
        throw new InvalidNoteException("a signature line must start with an em dash and a space");
      }
      String[] parts = line.substring(SIGNATURE_PREFIX.length()).split(" ", -1);
      if (parts.length != 2) {
        throw new InvalidNoteException("a signature line is '— <name> <base64>'");
      }
      byte[] decoded;
      try {
        decoded = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        throw new InvalidNoteException("a signature is not base64");
      }
      if (decoded.length < 5 || !parts[0].equals(key.name()) || ByteBuffer.wrap(decoded).getInt() != key.keyHash()) {
        continue;
      }
      byte[] signature = new byte[decoded.length - 4];
      System.arraycopy(decoded, 4, signature, 0, signature.length);
      if (!key.verifies(body.getBytes(StandardCharsets.UTF_8), signature)) {
        throw new InvalidNoteException("the signature by " + key.name() + " does not verify");
      }
      signedByKey = true;
    }
    if (!signedByKey) {
      throw new InvalidNoteException("the note carries no signature by " + key.name() + "+" + String.format("%08x", key.keyHash()));
    }
    return checkpoint;
  }
}
