package io.nodeward.issuer.api;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which client certificates the renewal listener's TLS handshake accepts: those whose signature verifies with a
 * certificate of nodeward's CA chain. Validity dates are deliberately not checked here, so that an expired
 * certificate reaches the renewal use case and gets a precise CERTIFICATE_EXPIRED problem instead of a bare
 * handshake failure; the handshake still proves the client holds the certificate's private key.
 */
public final class RenewalClientTrust extends X509ExtendedTrustManager {

  private final List<X509Certificate> caChain;

  public RenewalClientTrust(List<X509Certificate> caChain) {
    this.caChain = List.copyOf(caChain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("no client certificate");
    }
    X509Certificate leaf = chain[0];
    for (X509Certificate ca : caChain) {
      if (ca.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
        try {
          leaf.verify(ca.getPublicKey());
          return;
        } catch (GeneralSecurityException e) {
          throw new CertificateException("the client certificate was not issued by nodeward's CA");
        }
      }
    }
    throw new CertificateException("the client certificate was not issued by nodeward's CA");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("the renewal listener trusts clients only");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  /** Sent in the CertificateRequest, so clients with several certificates pick one from this CA. */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return caChain.toArray(new X509Certificate[0]);
  }
}
