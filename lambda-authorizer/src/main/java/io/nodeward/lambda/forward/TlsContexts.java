package io.nodeward.lambda.forward;

import io.nodeward.lambda.config.ClientIdentity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} from PEM text with the JDK alone (BouncyCastle would add ~1 s to a cold start): the client
 * key and certificate chain to present, and only the given CA chain as trust (not the JDK's public roots).
 */
final class TlsContexts {

  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final char[] IN_MEMORY = "in-memory".toCharArray();

  private TlsContexts() {
  }

  static SSLContext mutual(ClientIdentity identity) {
    try {
      Collection<? extends Certificate> chain = certificates(identity.certificatePem());
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("client", privateKey(identity.privateKeyPem()), IN_MEMORY, chain.toArray(Certificate[]::new));
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, IN_MEMORY);

      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (Certificate ca : certificates(identity.serverCaPem())) {
        trust.setCertificateEntry("ca-" + i++, ca);
      }
      TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);

      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalArgumentException("the client identity is not usable for TLS: " + e.getMessage(), e);
    }
  }

  private static Collection<? extends Certificate> certificates(String pem) throws GeneralSecurityException {
    Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    if (certificates.isEmpty()) {
      throw new GeneralSecurityException("no certificate in PEM");
    }
    return certificates;
  }

  /** PKCS#8 only; SEC1 ("EC PRIVATE KEY") and PKCS#1 ("RSA PRIVATE KEY") need `openssl pkcs8 -topk8 -nocrypt`. */
  private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    Matcher matcher = PKCS8.matcher(pem);
    if (!matcher.find()) {
      throw new GeneralSecurityException("the private key must be PKCS#8 PEM (BEGIN PRIVATE KEY)");
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(matcher.group(1)));
    for (String algorithm : new String[] {"EC", "RSA"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (InvalidKeySpecException notThisAlgorithm) {
        // try the next one
      }
    }
    throw new GeneralSecurityException("the private key is neither EC nor RSA");
  }
}
