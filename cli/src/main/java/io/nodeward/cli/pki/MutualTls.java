package io.nodeward.cli.pki;

import io.nodeward.cli.core.CliFailure;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS context that presents a node certificate and trusts only nodeward's CA (from {@code ca.pem}), not the
 * system's roots: the gateway and the renewal listener are nodeward's own servers.
 */
public final class MutualTls {

  private MutualTls() {
  }

  public static SSLContext context(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> trusted) {
    try {
      char[] password = new char[0];
      KeyStore identity = KeyStore.getInstance("PKCS12");
      identity.load(null, null);
      identity.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(identity, password);

      KeyStore anchors = KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      for (int i = 0; i < trusted.size(); i++) {
        anchors.setCertificateEntry("ca-" + i, trusted.get(i));
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(anchors);

      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw CliFailure.failed("INVALID_KEY", "The certificate and key cannot be used for TLS: " + e.getMessage() + ".");
    }
  }

  /** Whether {@code key} belongs to {@code certificate}: sign a nonce and verify it with the certificate. */
  public static boolean matches(X509Certificate certificate, PrivateKey key) {
    try {
      String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
      byte[] nonce = new byte[32];
      new java.security.SecureRandom().nextBytes(nonce);
      java.security.Signature signer = java.security.Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(nonce);
      byte[] signature = signer.sign();
      java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(nonce);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** A PKCS#12 bundle of the key, its certificate and the CA chain, for browsers and keystores. */
  public static byte[] pkcs12(String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(alias, key, password, chain.toArray(new X509Certificate[0]));
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      store.store(out, password);
      return out.toByteArray();
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("could not build the PKCS#12 bundle", e);
    }
  }
}
