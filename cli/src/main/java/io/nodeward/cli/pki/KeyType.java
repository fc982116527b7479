package io.nodeward.cli.pki;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;

/** The key types a node certificate may have, as the CLI names them and as the issuer's API names them. */
public enum KeyType {
  EC_P256("ec-p256", "EC_P256", "SHA256withECDSA"),
  RSA_2048("rsa-2048", "RSA_2048", "SHA256withRSA"),
  RSA_3072("rsa-3072", "RSA_3072", "SHA256withRSA");

  private final String cliName;
  private final String apiName;
  private final String signatureAlgorithm;

  KeyType(String cliName, String apiName, String signatureAlgorithm) {
    this.cliName = cliName;
    this.apiName = apiName;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  public String cliName() {
    return cliName;
  }

  public String apiName() {
    return apiName;
  }

  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  public static KeyType parse(String value) {
    for (KeyType type : values()) {
      if (type.cliName.equalsIgnoreCase(value) || type.apiName.equalsIgnoreCase(value)) {
        return type;
      }
    }
    throw new IllegalArgumentException("'" + value + "' is not a key type; use ec-p256, rsa-2048 or rsa-3072");
  }

  /** The type of an existing key (for renewing onto a fresh key of the same type). */
  public static KeyType of(PrivateKey key) {
    if (key instanceof RSAKey rsa) {
      return rsa.getModulus().bitLength() > 2048 ? RSA_3072 : RSA_2048;
    }
    if (key instanceof ECKey) {
      return EC_P256;
    }
    throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
  }

  /** A new key pair from the platform's own providers (kept on this machine). */
  public KeyPair generate() {
    try {
      if (this == EC_P256) {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(this == RSA_2048 ? 2048 : 3072);
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("this Java cannot make " + cliName + " keys", e);
    }
  }
}
