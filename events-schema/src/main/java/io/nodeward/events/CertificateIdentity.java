package io.nodeward.events;

import java.net.URI;
import java.util.Optional;

/**
 * Who a client certificate speaks for: the authoritative URI SAN
 * {@code spiffe://<trust-domain>/user/<userId>/node/<nodeId>}. Parsing is exact: any other shape, extra
 * segment, query, fragment, port, user-info or percent-encoding is not an identity.
 */
public record CertificateIdentity(String trustDomain, String userId, String nodeId) {

  public static final String SCHEME = "spiffe";

  public CertificateIdentity {
    Identifiers.requireTrustDomain(trustDomain);
    Identifiers.requireUserId(userId);
    Identifiers.requireNodeId(nodeId);
  }

  public String toUri() {
    return SCHEME + "://" + trustDomain + "/user/" + userId + "/node/" + nodeId;
  }

  /** Parses a URI SAN; empty unless it is exactly an identity URI as {@link #toUri()} writes it. */
  public static Optional<CertificateIdentity> parse(String uri) {
    if (uri == null || uri.length() > 512) {
      return Optional.empty();
    }
    String prefix = SCHEME + "://";
    if (!uri.startsWith(prefix)) {
      return Optional.empty();
    }
    String[] parts = uri.substring(prefix.length()).split("/", -1);
    if (parts.length != 5 || !"user".equals(parts[1]) || !"node".equals(parts[3])) {
      return Optional.empty();
    }
    if (!Identifiers.TRUST_DOMAIN.matcher(parts[0]).matches()
        || !Identifiers.isUserId(parts[2])
        || !Identifiers.isNodeId(parts[4])) {
      return Optional.empty();
    }
    return Optional.of(new CertificateIdentity(parts[0], parts[2], parts[4]));
  }

  public static Optional<CertificateIdentity> parse(URI uri) {
    return uri == null ? Optional.empty() : parse(uri.toString());
  }
}
