package io.nodeward.issuer.app;

import io.nodeward.events.CaBackend;
import io.nodeward.kit.tls.Fingerprints;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A signed client certificate and the chain that vouches for it.
 *
 * @param chain the issuing CA first, up to and including the root
 */
public record IssuedCertificate(X509Certificate certificate, List<X509Certificate> chain, CaBackend backend) {

  public IssuedCertificate {
    chain = List.copyOf(chain);
  }

  public String serialHex() {
    return Fingerprints.serialHex(certificate);
  }

  public String fingerprintSha256() {
    return Fingerprints.sha256Hex(certificate);
  }
}
