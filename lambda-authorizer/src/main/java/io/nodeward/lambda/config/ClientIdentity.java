package io.nodeward.lambda.config;

/**
 * The Lambda's identity towards the authorizer's mutual-TLS {@code /authorize} listener: its client certificate
 * (chain, leaf first) and PKCS#8 private key, and the CA chain the authorizer's server certificate must chain to.
 * PEM text; {@link #toString()} never shows the key.
 */
public record ClientIdentity(String certificatePem, String privateKeyPem, String serverCaPem) {

  public ClientIdentity {
    require(certificatePem, "certificatePem", "-----BEGIN CERTIFICATE-----");
    require(privateKeyPem, "privateKeyPem", "-----BEGIN ");
    require(serverCaPem, "caChainPem", "-----BEGIN CERTIFICATE-----");
  }

  private static void require(String pem, String name, String marker) {
    if (pem == null || !pem.contains(marker)) {
      throw new IllegalArgumentException(name + " is missing or not PEM");
    }
  }

  @Override
  public String toString() {
    return "ClientIdentity[certificate, private key (hidden), CA chain]";
  }
}
