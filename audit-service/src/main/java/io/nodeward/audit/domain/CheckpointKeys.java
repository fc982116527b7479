package io.nodeward.audit.domain;

import io.nodeward.events.AuditCheckpoint;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The checkpoint key pair: generation (EC P-256), PEM in and out (RFC 7468 "PUBLIC KEY" / "PRIVATE KEY"), key ids
 * and signature checks. Plain JCA so the command-line verifier needs nothing else.
 */
public final class CheckpointKeys {

  private CheckpointKeys() {
  }

  public static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 unavailable", e);
    }
  }

  /** "sha256:" + hex SHA-256 of the SubjectPublicKeyInfo: names the key without revealing anything. */
  public static String keyId(PublicKey publicKey) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean verify(AuditCheckpoint checkpoint, PublicKey publicKey) {
    if (!CheckpointSigner.ALGORITHM.equals(checkpoint.algorithm()) || !keyId(publicKey).equals(checkpoint.keyId())) {
      return false;
    }
    try {
      Signature signature = Signature.getInstance(CheckpointSigner.ALGORITHM);
      signature.initVerify(publicKey);
      signature.update(CheckpointSigner.signedBytes(
          checkpoint.sequence(), checkpoint.headHash(), checkpoint.recordedAt(), checkpoint.keyId()));
      return signature.verify(Base64.getDecoder().decode(checkpoint.signature()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  public static String publicKeyPem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  public static String privateKeyPem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  public static PublicKey readPublicKey(String pem) {
    try {
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der("PUBLIC KEY", pem)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an EC public key in PEM", e);
    }
  }

  public static KeyPair readKeyPair(String privatePem, String publicPem) {
    try {
      PrivateKey privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der("PRIVATE KEY", privatePem)));
      return new KeyPair(readPublicKey(publicPem), privateKey);
    } catch (GeneralSecurityException e) {
      // Deliberately no cause text: it could echo key material.
      throw new IllegalArgumentException("not an EC private key in PKCS#8 PEM");
    }
  }

  private static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static byte[] der(String label, String pem) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("no " + label + " PEM block");
    }
    try {
      return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad base64 in " + label + " PEM block");
    }
  }
}
