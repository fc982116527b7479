package io.nodeward.audit.domain.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A note verifier key, as in Go's {@code golang.org/x/mod/sumdb/note}: {@code <name>+<8 hex key hash>+<base64(0x01 ‖
 * 32-byte Ed25519 public key)>}. The key hash, the first 4 bytes of SHA-256(name ‖ '\n' ‖ 0x01 ‖ key), names the
 * key in signature lines, so a verifier picks the right signature without trying every one.
 */
public record VerifierKey(String name, int keyHash, byte[] publicKey) {

  /** The signature algorithm byte of Ed25519 in the note format. */
  public static final byte ED25519 = 0x01;
  private static final Pattern NAME = Pattern.compile("[^\\s+]+");
  private static final Pattern TEXT = Pattern.compile("([^\\s+]+)\\+([0-9a-f]{8})\\+([A-Za-z0-9+/=]+)");

  public VerifierKey {
    if (name == null || !NAME.matcher(name).matches() || name.length() > 256) {
      throw new IllegalArgumentException("a key name is 1 to 256 characters without spaces or '+'");
    }
    if (publicKey == null || publicKey.length != 32) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
    }
    publicKey = publicKey.clone();
  }

  public static VerifierKey of(String name, byte[] publicKey) {
    return new VerifierKey(name, keyHash(name, publicKey), publicKey);
  }

  /** Parses the text form; the key hash must match the name and key. */
  public static VerifierKey parse(String text) {
    Matcher m = TEXT.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a verifier key (<name>+<8 hex>+<base64 key>)");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(m.group(3));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the verifier key's key is not base64");
    }
    if (key.length != 33 || key[0] != ED25519) {
      throw new IllegalArgumentException("the verifier key is not an Ed25519 key");
    }
    VerifierKey parsed = of(m.group(1), Arrays.copyOfRange(key, 1, 33));
    if (parsed.keyHash != Integer.parseUnsignedInt(m.group(2), 16)) {
      throw new IllegalArgumentException("the verifier key's hash does not match its name and key");
    }
    return parsed;
  }

  public static int keyHash(String name, byte[] publicKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(ED25519);
      sha.update(publicKey);
      return ByteBuffer.wrap(sha.digest()).getInt();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code signature} (64 bytes) is this key's Ed25519 signature over {@code message}. */
  public boolean verifies(byte[] message, byte[] signature) {
    if (signature.length != 64) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The text form clients pin. */
  @Override
  public String toString() {
    byte[] key = new byte[33];
    key[0] = ED25519;
    System.arraycopy(publicKey, 0, key, 1, 32);
    return name + "+" + String.format("%08x", keyHash) + "+" + Base64.getEncoder().encodeToString(key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifierKey k && k.name.equals(name) && k.keyHash == keyHash && Arrays.equals(k.publicKey, publicKey);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(publicKey);
  }
}
