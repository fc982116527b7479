package io.nodeward.authorizer.config;

import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The mutual-TLS listener for {@code POST /authorize} (issue 13.3): the only place an authorizer answers the API
 * Gateway authorizer contract. Off unless callers are listed: a decision service nobody may call needs no port.
 *
 * @param host interface of the listener
 * @param port its port (0: any free port)
 * @param clientCaPem PEM file with the CA certificates a caller's client certificate must chain to
 * @param callers the URI SANs (e.g. {@code spiffe://nodeward.local/service/lambda-authorizer}) let through; any
 *     other verified certificate gets 403 AUTHORIZE_CALLER_NOT_ALLOWED
 * @param ratePerSecond requests a second one caller may make (a burst of one second's worth); beyond, 429
 */
public record AuthorizeApiSettings(String host, int port, Path clientCaPem, List<String> callers, int ratePerSecond) {

  static final String HOST = AuthorizerConfig.PREFIX + "AUTHORIZE_HOST";
  static final String PORT = AuthorizerConfig.PREFIX + "AUTHORIZE_PORT";
  static final String CLIENT_CA_PEM = AuthorizerConfig.PREFIX + "AUTHORIZE_CLIENT_CA_PEM";
  static final String CLIENTS = AuthorizerConfig.PREFIX + "AUTHORIZE_CLIENTS";
  static final String RATE = AuthorizerConfig.PREFIX + "AUTHORIZE_RATE";

  public AuthorizeApiSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(clientCaPem, "clientCaPem");
    callers = List.copyOf(callers);
    for (String caller : callers) {
      if (!isAbsoluteUri(caller)) {
        throw new ConfigException(CLIENTS, "must be a comma-separated list of URI SANs such as "
            + "spiffe://nodeward.local/service/lambda-authorizer");
      }
    }
    if (ratePerSecond < 1) {
      throw new ConfigException(RATE, "must be at least 1");
    }
  }

  static AuthorizeApiSettings fromEnv(Env env, Path trustChainPem) {
    return new AuthorizeApiSettings(
        env.string(HOST, "127.0.0.1"),
        env.port(PORT, 8445),
        env.path(CLIENT_CA_PEM, trustChainPem),
        env.list(CLIENTS, ""),
        env.integer(RATE, 1000, 1, 1_000_000));
  }

  /** Whether the listener runs at all. */
  public boolean enabled() {
    return !callers.isEmpty();
  }

  private static boolean isAbsoluteUri(String value) {
    try {
      URI uri = new URI(value);
      return uri.isAbsolute() && !value.isBlank() && value.length() <= 512;
    } catch (Exception e) {
      return false;
    }
  }
}
