package io.nodeward.cli.audit;

import io.nodeward.cli.core.CliFailure;

/**
 * The key checkpoints must be signed with: a verifier key in note format (name and key hash included), or a bare
 * Ed25519 public key from a PEM, whose name is taken from the note's signature line and must still produce the
 * key hash on that line (C2SP signed-note).
 */
public final class TrustedKey {

  private final NoteKey named;
  private final byte[] bare;

  private TrustedKey(NoteKey named, byte[] bare) {
    this.named = named;
    this.bare = bare;
  }

  /** A PEM ({@code BEGIN PUBLIC KEY}) or a verifier key line; anything else is a usage error. */
  public static TrustedKey parse(String text, String where) {
    try {
      if (text.contains("-----BEGIN PUBLIC KEY-----")) {
        return new TrustedKey(null, NoteKey.parsePem(text));
      }
      return new TrustedKey(NoteKey.parseVerifierKey(text), null);
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage("INVALID_PUBLIC_KEY", where + " is neither an Ed25519 PEM public key nor a note verifier key: "
          + e.getMessage() + ".");
    }
  }

  public static TrustedKey of(NoteKey key) {
    return new TrustedKey(key, null);
  }

  /** The named key that signs {@code checkpoint}, or null. */
  public NoteKey verifying(Checkpoint checkpoint) {
    if (named != null) {
      return checkpoint.verify(named) ? named : null;
    }
    for (String name : checkpoint.signerNames()) {
      NoteKey candidate;
      try {
        candidate = NoteKey.of(name, bare);
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (checkpoint.verify(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  public boolean sameKeyAs(NoteKey other) {
    return named != null ? named.equals(other) : java.util.Arrays.equals(bare, other.publicKey());
  }

  public String describe() {
    return named != null ? named.name() : "(the given public key)";
  }
}
