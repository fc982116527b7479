package io.nodeward.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * Ed25519 keys for event signatures, in the standard encodings (PKCS#8 for private keys, SubjectPublicKeyInfo for
 * public ones, as {@code openssl genpkey -algorithm ed25519} writes them) and their key ids.
 */
public final class EventKeys {

  private EventKeys() {
  }

  /** A new key pair: its PKCS#8 private key (DER). */
  public static byte[] generatePkcs8() {
    return pkcs8(new Ed25519PrivateKeyParameters(new SecureRandom()));
  }

  /** The SubjectPublicKeyInfo (DER) of the public half of a PKCS#8 private key. */
  public static byte[] publicKeyOf(byte[] pkcs8) {
    return spki(privateKey(pkcs8).generatePublicKey());
  }

  /** The first 16 hex digits of SHA-256 over the SubjectPublicKeyInfo: short, stable, and computable by anyone. */
  public static String keyId(byte[] spki) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(spki);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Fails with IllegalArgumentException unless {@code spki} is an Ed25519 SubjectPublicKeyInfo. */
  public static void checkPublicKey(byte[] spki) {
    publicKey(spki);
  }

  static Ed25519PrivateKeyParameters privateKey(byte[] pkcs8) {
    AsymmetricKeyParameter key;
    try {
      key = PrivateKeyFactory.createKey(pkcs8);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a PKCS#8 private key");
    }
    if (!(key instanceof Ed25519PrivateKeyParameters ed25519)) {
      throw new IllegalArgumentException("not an Ed25519 private key (event signing keys are Ed25519)");
    }
    return ed25519;
  }

  static Ed25519PublicKeyParameters publicKey(byte[] spki) {
    AsymmetricKeyParameter key;
    try {
      key = PublicKeyFactory.createKey(spki);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a SubjectPublicKeyInfo public key");
    }
    if (!(key instanceof Ed25519PublicKeyParameters ed25519)) {
      throw new IllegalArgumentException("not an Ed25519 public key (event signing keys are Ed25519)");
    }
    return ed25519;
  }

  static byte[] pkcs8(Ed25519PrivateKeyParameters key) {
    try {
      return PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] spki(Ed25519PublicKeyParameters key) {
    try {
      return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
