package io.nodeward.authorizer.domain;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Who may call {@code POST /authorize}: a client certificate (its chain already verified by the handshake) whose
 * URI SANs include one of the configured identities. The identity found is what the decision event names as its
 * caller.
 */
public final class AuthorizeCallers {

  private static final int URI_SAN = 6;

  private final Set<String> allowed;

  public AuthorizeCallers(Collection<String> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  /** The allowed identity this certificate carries, or null when it carries none. */
  public String identity(X509Certificate certificate) {
    for (String uri : uriSans(certificate)) {
      if (allowed.contains(uri)) {
        return uri;
      }
    }
    return null;
  }

  private static List<String> uriSans(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names == null) {
        return List.of();
      }
      return names.stream()
          .filter(name -> name.size() == 2 && Integer.valueOf(URI_SAN).equals(name.get(0))
              && name.get(1) instanceof String)
          .map(name -> (String) name.get(1))
          .toList();
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }
}
