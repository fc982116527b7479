package io.nodeward.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

/**
 * Where the hosted UI may send an authorization code: a registered redirect URI, matched exactly (RFC 6749
 * §3.1.2.2), or, for a native app client such as the {@code nodeward} command-line client, a loopback address on
 * any port (RFC 8252 §7.3: the app listens on a port the operating system picked, so no port can be registered).
 * Only {@code 127.0.0.1} and {@code [::1]} over plain http count as loopback; {@code localhost} does not, because a
 * name can resolve elsewhere and be answered by another listener (RFC 8252 §8.3).
 */
final class RedirectUris {

  private final List<String> registered;
  private final Set<String> loopbackClients;

  RedirectUris(List<String> registered, List<String> loopbackClients) {
    this.registered = List.copyOf(registered);
    this.loopbackClients = Set.copyOf(loopbackClients);
  }

  boolean allows(String clientId, String redirectUri) {
    if (redirectUri == null) {
      return false;
    }
    return registered.contains(redirectUri) || loopbackClients.contains(clientId) && isLoopback(redirectUri);
  }

  /** {@code http://127.0.0.1:<port>/<path>} or {@code http://[::1]:<port>/<path>}, no user info, no fragment. */
  static boolean isLoopback(String redirectUri) {
    URI uri;
    try {
      uri = new URI(redirectUri);
    } catch (URISyntaxException e) {
      return false;
    }
    String host = uri.getHost();
    return "http".equals(uri.getScheme())
        && ("127.0.0.1".equals(host) || "[::1]".equals(host))
        && uri.getPort() > 0
        && uri.getRawUserInfo() == null
        && uri.getRawFragment() == null
        && uri.getRawPath() != null && uri.getRawPath().startsWith("/");
  }
}
