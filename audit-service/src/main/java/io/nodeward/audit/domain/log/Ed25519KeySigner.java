package io.nodeward.audit.domain.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * A checkpoint signer holding its Ed25519 key in memory, read from a PKCS#8 PEM (what
 * {@code openssl genpkey -algorithm ed25519} writes). The key never appears in {@code toString}, logs or errors.
 */
public final class Ed25519KeySigner implements LogSigner {

  private final String keyName;
  private final Ed25519PrivateKeyParameters privateKey;
  private final byte[] publicKey;

  public Ed25519KeySigner(String keyName, Ed25519PrivateKeyParameters privateKey) {
    this.keyName = keyName;
    this.privateKey = privateKey;
    this.publicKey = privateKey.generatePublicKey().getEncoded();
    VerifierKey.of(keyName, publicKey); // validates the name
  }

  public static Ed25519KeySigner generate(String keyName) {
    return new Ed25519KeySigner(keyName, new Ed25519PrivateKeyParameters(new SecureRandom()));
  }

  /** @throws IllegalArgumentException if the PEM is not an Ed25519 private key (the message never quotes it) */
  public static Ed25519KeySigner fromPem(String keyName, String pem) {
    AsymmetricKeyParameter key;
    try {
      key = PrivateKeyFactory.createKey(Pem.decode("PRIVATE KEY", pem));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a PKCS#8 private key in PEM");
    }
    if (!(key instanceof Ed25519PrivateKeyParameters ed25519)) {
      throw new IllegalArgumentException("the private key is not an Ed25519 key");
    }
    return new Ed25519KeySigner(keyName, ed25519);
  }

  @Override
  public String keyName() {
    return keyName;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /** PKCS#8 PEM of the private key, for writing the key file once. */
  public String privateKeyPem() {
    try {
      PrivateKeyInfo info = PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey);
      return Pem.encode("PRIVATE KEY", info.getEncoded());
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the key", e);
    }
  }

  /** The public key as an RFC 8410 SubjectPublicKeyInfo PEM (what {@code openssl pkey -pubout} prints). */
  public String publicKeyPem() {
    return publicKeyPem(publicKey);
  }

  public static String publicKeyPem(byte[] rawPublicKey) {
    try {
      SubjectPublicKeyInfo info = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
          new Ed25519PublicKeyParameters(rawPublicKey, 0));
      return Pem.encode("PUBLIC KEY", info.getEncoded());
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the key", e);
    }
  }

  /** The raw 32-byte key of an Ed25519 public key PEM. */
  public static byte[] readPublicKeyPem(String pem) {
    AsymmetricKeyParameter key;
    try {
      key = PublicKeyFactory.createKey(Pem.decode("PUBLIC KEY", pem));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a public key in PEM");
    }
    if (!(key instanceof Ed25519PublicKeyParameters ed25519)) {
      throw new IllegalArgumentException("the public key is not an Ed25519 key");
    }
    return ed25519.getEncoded();
  }

  @Override
  public String toString() {
    return "Ed25519KeySigner[" + keyName + "]";
  }

  /** RFC 7468 text encoding, the two labels used here. */
  static final class Pem {
    private Pem() {
    }

    static String encode(String label, byte[] der) {
      String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
      return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    static byte[] decode(String label, String pem) {
      String begin = "-----BEGIN " + label + "-----";
      String end = "-----END " + label + "-----";
      int from = pem.indexOf(begin);
      int to = pem.indexOf(end);
      if (from < 0 || to < from) {
        throw new IllegalArgumentException("no " + label + " PEM block");
      }
      return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }
  }
}
