package io.nodeward.authorizer.config;

import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import java.time.Duration;

/**
 * What one client can take from the gateway (issue 13.12).
 *
 * @param maxConnections open connections the gateway holds at once, over all event loops; one more is closed at once
 * @param headerTimeout how long a connection may take, after its handshake or its last response, to send a
 *     request's complete headers; then it is closed (slow-header clients)
 * @param ratePerSecond requests a second one certificate (by serial, revoked or not; an address when there is no
 *     certificate) may make, a burst of one second's worth; beyond, 429 RATE_LIMITED with Retry-After. 0 (the
 *     default): no limit, until the stack and compose tests that drive one certificate in a closed loop set theirs
 */
public record GatewayLimits(int maxConnections, Duration headerTimeout, int ratePerSecond) {

  static final String MAX_CONNECTIONS = AuthorizerConfig.PREFIX + "GATEWAY_MAX_CONNECTIONS";
  static final String HEADER_TIMEOUT = AuthorizerConfig.PREFIX + "GATEWAY_HEADER_TIMEOUT";
  static final String RATE = AuthorizerConfig.PREFIX + "GATEWAY_RATE";

  public GatewayLimits {
    if (headerTimeout.isNegative() || headerTimeout.isZero()) {
      throw new ConfigException(HEADER_TIMEOUT, "must be positive");
    }
  }

  static GatewayLimits fromEnv(Env env) {
    return new GatewayLimits(
        env.integer(MAX_CONNECTIONS, 10_000, 1, 1_000_000),
        env.duration(HEADER_TIMEOUT, Duration.ofSeconds(10)),
        env.integer(RATE, 0, 0, 1_000_000));
  }
}
