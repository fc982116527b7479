package io.nodeward.cli.pki;

import java.net.URI;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/** What the client needs to know of a certificate it holds: serial, window, and the node it is for. */
public record CertificateFacts(String serial, Instant notBefore, Instant notAfter, String nodeId) {

  public static CertificateFacts of(X509Certificate certificate) {
    return new CertificateFacts(certificate.getSerialNumber().toString(16), certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant(), nodeId(certificate));
  }

  public Duration lifetime() {
    return Duration.between(notBefore, notAfter);
  }

  /** From the SPIFFE URI SAN ({@code spiffe://<domain>/user/<u>/node/<n>}), which is authoritative; else the CN. */
  static String nodeId(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> name : names) {
          if (Integer.valueOf(6).equals(name.get(0))) {
            String path = URI.create(name.get(1).toString()).getPath();
            int at = path.lastIndexOf("/node/");
            if (at >= 0) {
              return path.substring(at + "/node/".length());
            }
          }
        }
      }
    } catch (CertificateParsingException | IllegalArgumentException e) {
      // fall back to the subject
    }
    String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    for (String part : subject.split(",")) {
      if (part.startsWith("CN=")) {
        return part.substring(3);
      }
    }
    return null;
  }
}
