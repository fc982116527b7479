package io.nodeward.cli.audit;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An Ed25519 verifier key of a C2SP signed note, as {@code golang.org/x/mod/sumdb/note} defines it: a name, the
 * key hash (first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key)) and the 32-byte public key. Read from the
 * note format {@code <name>+<8 hex>+<base64(0x01 ‖ key)>}, or from an RFC 8410 PEM public key plus a name.
 */
public final class NoteKey {

  private static final byte ED25519 = 0x01;
  /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4): SEQUENCE { SEQUENCE { OID 1.3.101.112 } BIT STRING }. */
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private final String name;
  private final byte[] publicKey;
  private final byte[] keyHash;

  private NoteKey(String name, byte[] publicKey) {
    if (name.isEmpty() || name.contains("+") || name.chars().anyMatch(c -> Character.isWhitespace(c))) {
      throw new IllegalArgumentException("a key name has no spaces or '+'");
    }
    if (publicKey.length != 32) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
    }
    this.name = name;
    this.publicKey = publicKey.clone();
    this.keyHash = keyHash(name, publicKey);
  }

  /** {@code <name>+<8 lower-hex key hash>+<base64(0x01 ‖ key)>}; the hash in it must match. */
  public static NoteKey parseVerifierKey(String text) {
    // the name has no '+', the base64 key may: split at the first two only
    String[] parts = text.trim().split("\\+", 3);
    if (parts.length != 3 || parts[1].length() != 8) {
      throw new IllegalArgumentException("not a verifier key (<name>+<hash>+<key>)");
    }
    byte[] raw = Base64.getDecoder().decode(parts[2]);
    if (raw.length != 33 || raw[0] != ED25519) {
      throw new IllegalArgumentException("not an Ed25519 verifier key");
    }
    NoteKey key = new NoteKey(parts[0], Arrays.copyOfRange(raw, 1, 33));
    if (!HexFormat.of().formatHex(key.keyHash).equals(parts[1].toLowerCase())) {
      throw new IllegalArgumentException("the verifier key's hash does not match its name and key");
    }
    return key;
  }

  /** An RFC 8410 {@code BEGIN PUBLIC KEY} PEM; the name comes from the note being verified. */
  public static byte[] parsePem(String pem) {
    String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(base64);
    if (der.length != SPKI_PREFIX.length + 32 || !Arrays.equals(Arrays.copyOf(der, SPKI_PREFIX.length), SPKI_PREFIX)) {
      throw new IllegalArgumentException("not an Ed25519 public key (RFC 8410 SubjectPublicKeyInfo)");
    }
    return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
  }

  public static NoteKey of(String name, byte[] publicKey) {
    return new NoteKey(name, publicKey);
  }

  static byte[] keyHash(String name, byte[] publicKey) {
    MessageDigest sha = LogHashes.sha256();
    sha.update(name.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) '\n');
    sha.update(ED25519);
    sha.update(publicKey);
    return Arrays.copyOf(sha.digest(), 4);
  }

  public String name() {
    return name;
  }

  public byte[] keyHash() {
    return keyHash.clone();
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The note-format line, to pin. */
  public String verifierKey() {
    byte[] raw = new byte[33];
    raw[0] = ED25519;
    System.arraycopy(publicKey, 0, raw, 1, 32);
    return name + "+" + HexFormat.of().formatHex(keyHash) + "+" + Base64.getEncoder().encodeToString(raw);
  }

  boolean verify(byte[] message, byte[] signature) {
    try {
      byte[] spki = new byte[SPKI_PREFIX.length + 32];
      System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
      System.arraycopy(publicKey, 0, spki, SPKI_PREFIX.length, 32);
      PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NoteKey that && name.equals(that.name) && Arrays.equals(publicKey, that.publicKey);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return verifierKey();
  }
}
