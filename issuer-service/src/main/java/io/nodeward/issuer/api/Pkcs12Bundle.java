package io.nodeward.issuer.api;

import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A PKCS#12 bundle (key, certificate, chain) protected by the caller's password. The JDK's PKCS#12 writer uses
 * PBES2 with AES-256 and an HMAC-SHA256 MAC, which OpenSSL 3, browsers and curl read. Blocking (key
 * derivation): call from a worker.
 */
final class Pkcs12Bundle {

  static final String MEDIA_TYPE = "application/x-pkcs12";

  private Pkcs12Bundle() {
  }

  static byte[] create(String alias, PrivateKey key, X509Certificate certificate, List<X509Certificate> chain,
      char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      List<Certificate> path = new ArrayList<>();
      path.add(certificate);
      path.addAll(chain);
      store.setKeyEntry(alias, key, password, path.toArray(new Certificate[0]));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, password);
      return out.toByteArray();
    } catch (Exception e) {
      throw new IllegalStateException("could not build the PKCS#12 bundle", e);
    }
  }
}
