package io.nodeward.issuer.domain;

import io.nodeward.events.IssuanceRefusal;
import io.nodeward.events.KeyAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.EnumSet;
import java.util.Set;

/**
 * Key pairs for client certificates: generating them (CPU-heavy, RSA especially: callers run this on a
 * worker, never on an event loop) and classifying a caller's public key, refusing the weak ones.
 */
public final class KeyPairs {

  /** What the issuer generates on request; the seeds' default is RSA 2048. */
  public static final Set<KeyAlgorithm> SERVER_GENERATED = EnumSet.of(KeyAlgorithm.RSA_2048, KeyAlgorithm.RSA_3072,
      KeyAlgorithm.EC_P256);

  private static final ECParameterSpec P256 = curve("secp256r1");
  private static final ECParameterSpec P384 = curve("secp384r1");

  private KeyPairs() {
  }

  public static KeyPair generate(KeyAlgorithm algorithm, SecureRandom random) {
    if (!SERVER_GENERATED.contains(algorithm)) {
      throw new IssuanceRefusedException(IssuanceRefusal.INVALID_REQUEST,
          "keyAlgorithm must be one of " + SERVER_GENERATED + " for server-generated keys");
    }
    try {
      KeyPairGenerator generator;
      switch (algorithm) {
        case EC_P256 -> {
          generator = KeyPairGenerator.getInstance("EC", CryptoProviders.BOUNCY_CASTLE);
          generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        }
        case RSA_3072 -> {
          generator = KeyPairGenerator.getInstance("RSA");
          generator.initialize(new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), random);
        }
        default -> {
          generator = KeyPairGenerator.getInstance("RSA");
          generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), random);
        }
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate " + algorithm, e);
    }
  }

  /**
   * The algorithm of a caller's public key, or a WEAK_KEY refusal: RSA below 2048 bits or with a tiny public
   * exponent, and any curve but P-256/P-384 (NIST SP 800-131A; P-521 and brainpool are not accepted by
   * every TLS stack the authorizer may run on).
   */
  public static KeyAlgorithm classify(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (rsa.getPublicExponent().compareTo(java.math.BigInteger.valueOf(65537)) < 0) {
        throw new IssuanceRefusedException(IssuanceRefusal.WEAK_KEY, "RSA public exponent must be at least 65537");
      }
      if (bits < 2048) {
        throw new IssuanceRefusedException(IssuanceRefusal.WEAK_KEY, "RSA keys must have at least 2048 bits");
      }
      if (bits <= 2048) {
        return KeyAlgorithm.RSA_2048;
      }
      if (bits <= 3072) {
        return KeyAlgorithm.RSA_3072;
      }
      if (bits <= 4096) {
        return KeyAlgorithm.RSA_4096;
      }
      throw new IssuanceRefusedException(IssuanceRefusal.WEAK_KEY, "RSA keys above 4096 bits are not accepted");
    }
    if (key instanceof ECPublicKey ec) {
      if (sameCurve(ec.getParams(), P256)) {
        return KeyAlgorithm.EC_P256;
      }
      if (sameCurve(ec.getParams(), P384)) {
        return KeyAlgorithm.EC_P384;
      }
      throw new IssuanceRefusedException(IssuanceRefusal.WEAK_KEY, "EC keys must be on P-256 or P-384");
    }
    throw new IssuanceRefusedException(IssuanceRefusal.WEAK_KEY, "only RSA and EC keys are accepted");
  }

  public static boolean isRsa(KeyAlgorithm algorithm) {
    return algorithm.name().startsWith("RSA");
  }

  private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
    return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
        && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
  }

  private static ECParameterSpec curve(String name) {
    try {
      java.security.AlgorithmParameters parameters = java.security.AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec(name));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
