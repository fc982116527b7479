package io.nodeward.cli.auth;

import io.nodeward.cli.core.CliFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * Where the hosted UI sends the browser back to: a loopback address this client listens on (RFC 8252 §7.3).
 * By default {@code http://127.0.0.1:<any free port>/callback}, which the dev identity provider accepts for its
 * native app client. Amazon Cognito matches a registered redirect exactly and accepts plain http only for
 * {@code localhost}, so against Cognito the client uses the registered one, e.g.
 * {@code http://localhost:8765/callback}. Either way the listener binds the loopback interface only.
 */
public record LoopbackRedirect(String host, int port, String path) {

  private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

  public static final LoopbackRedirect ANY_PORT = new LoopbackRedirect("127.0.0.1", 0, "/callback");

  /** The default address on a given port (0: any free one), as {@code --port} asks. */
  public static LoopbackRedirect onPort(int port) {
    if (port < 0 || port > 65535) {
      throw CliFailure.usage("INVALID_PORT", "--port must be between 0 and 65535.");
    }
    return new LoopbackRedirect("127.0.0.1", port, "/callback");
  }

  /** A redirect URI given by the user: http, a loopback host, an explicit port, a path; nothing else. */
  public static LoopbackRedirect parse(String value) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw invalid(value);
    }
    String host = uri.getHost() == null ? null : uri.getHost();
    if (!"http".equals(uri.getScheme()) || host == null || !LOOPBACK_HOSTS.contains(host) || uri.getPort() <= 0
        || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
        || uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
      throw invalid(value);
    }
    return new LoopbackRedirect(host, uri.getPort(), uri.getRawPath());
  }

  private static CliFailure invalid(String value) {
    return CliFailure.usage("INVALID_REDIRECT_URI", "--redirect-uri must be http://localhost:<port>/<path>, "
        + "http://127.0.0.1:<port>/<path> or http://[::1]:<port>/<path> (it was '" + value + "').");
  }

  /** The address the listener binds: the loopback interface the host names. */
  public String bindAddress() {
    return "[::1]".equals(host) ? "::1" : "127.0.0.1";
  }

  /** The redirect URI sent to the hosted UI, once the listener knows its port. */
  public String uri(int boundPort) {
    return "http://" + host + ":" + boundPort + path;
  }
}
