package io.nodeward.kit.auth;

import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Which Cognito user pool a service trusts and how strictly.
 *
 * @param issuer the pool's issuer, exactly as in the tokens' {@code iss}
 *     ({@code https://cognito-idp.<region>.amazonaws.com/<poolId>}, or dev-identity's)
 * @param jwksUri where the pool publishes its signing keys; {@code null} means {@code issuer + "/.well-known/jwks.json"}
 * @param allowedClientIds app clients whose access tokens are accepted: the token's {@code client_id} must be one of
 *     them (ID tokens are never accepted)
 * @param clockSkew tolerated difference between our clock and the pool's when checking {@code exp}/{@code nbf}
 * @param minJwksRefreshInterval least time between two JWKS fetches, so tokens with made-up key ids cannot
 *     turn the verifier into a request amplifier against the pool
 */
public record CognitoConfig(
    String issuer, String jwksUri, Set<String> allowedClientIds, Duration clockSkew, Duration minJwksRefreshInterval) {

  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
  public static final Duration DEFAULT_MIN_JWKS_REFRESH_INTERVAL = Duration.ofSeconds(30);

  public CognitoConfig {
    Objects.requireNonNull(issuer, "issuer");
    if (!isHttpUrl(issuer) || issuer.endsWith("/")) {
      throw new IllegalArgumentException("issuer must be an http(s) URL without a trailing slash: " + issuer);
    }
    jwksUri = jwksUri == null || jwksUri.isBlank() ? issuer + "/.well-known/jwks.json" : jwksUri;
    if (!isHttpUrl(jwksUri)) {
      throw new IllegalArgumentException("jwksUri must be an http(s) URL: " + jwksUri);
    }
    allowedClientIds = Set.copyOf(Objects.requireNonNull(allowedClientIds, "allowedClientIds"));
    if (allowedClientIds.isEmpty() || allowedClientIds.stream().anyMatch(String::isBlank)) {
      // An empty list would either accept every client of the pool or none; both are configuration mistakes.
      throw new IllegalArgumentException("allowedClientIds must name at least one app client");
    }
    clockSkew = clockSkew == null ? DEFAULT_CLOCK_SKEW : clockSkew;
    minJwksRefreshInterval = minJwksRefreshInterval == null ? DEFAULT_MIN_JWKS_REFRESH_INTERVAL : minJwksRefreshInterval;
    if (clockSkew.isNegative() || minJwksRefreshInterval.isNegative()) {
      throw new IllegalArgumentException("clockSkew and minJwksRefreshInterval must not be negative");
    }
  }

  /** dev-identity's default pool: what a service trusts when nothing is configured (the embedded stack). */
  public static final String DEV_ISSUER = "http://127.0.0.1:9229/us-east-1_nodeward";
  public static final String DEV_CLIENT_IDS = "nodeward-console,nodeward-cli";

  /**
   * From the environment, the same variables in every service:
   * {@code NODEWARD_COGNITO_ISSUER} (dev-identity's default pool), {@code NODEWARD_COGNITO_JWKS_URI}
   * (issuer + /.well-known/jwks.json), {@code NODEWARD_COGNITO_CLIENT_IDS} (nodeward-console,nodeward-cli),
   * {@code NODEWARD_COGNITO_CLOCK_SKEW} (60s), {@code NODEWARD_COGNITO_JWKS_MIN_REFRESH} (30s).
   * For a real user pool set the issuer to https://cognito-idp.&lt;region&gt;.amazonaws.com/&lt;poolId&gt;.
   */
  public static CognitoConfig fromEnv(Env env) {
    String issuer = env.string("NODEWARD_COGNITO_ISSUER", DEV_ISSUER);
    if (!isHttpUrl(issuer) || issuer.endsWith("/")) {
      throw new ConfigException("NODEWARD_COGNITO_ISSUER", "must be an http(s) URL without a trailing slash");
    }
    String jwksUri = env.string("NODEWARD_COGNITO_JWKS_URI", null);
    if (jwksUri != null && !isHttpUrl(jwksUri)) {
      throw new ConfigException("NODEWARD_COGNITO_JWKS_URI", "must be an http(s) URL");
    }
    Set<String> clientIds = Set.copyOf(env.list("NODEWARD_COGNITO_CLIENT_IDS", DEV_CLIENT_IDS));
    if (clientIds.isEmpty()) {
      throw new ConfigException("NODEWARD_COGNITO_CLIENT_IDS", "must name at least one app client");
    }
    Duration skew = env.duration("NODEWARD_COGNITO_CLOCK_SKEW", DEFAULT_CLOCK_SKEW);
    Duration refresh = env.duration("NODEWARD_COGNITO_JWKS_MIN_REFRESH", DEFAULT_MIN_JWKS_REFRESH_INTERVAL);
    try {
      return new CognitoConfig(issuer, jwksUri, clientIds, skew, refresh);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("NODEWARD_COGNITO_*", e.getMessage());
    }
  }

  /** The usual case: JWKS at its standard place, default skew and refresh interval. */
  public static CognitoConfig of(String issuer, Set<String> allowedClientIds) {
    return new CognitoConfig(issuer, null, allowedClientIds, null, null);
  }

  /** The issuer of a real Cognito user pool. */
  public static String cognitoIssuer(String region, String userPoolId) {
    return "https://cognito-idp." + region + ".amazonaws.com/" + userPoolId;
  }

  public CognitoConfig withMinJwksRefreshInterval(Duration interval) {
    return new CognitoConfig(issuer, jwksUri, allowedClientIds, clockSkew, interval);
  }

  public CognitoConfig withJwksUri(String uri) {
    return new CognitoConfig(issuer, uri, allowedClientIds, clockSkew, minJwksRefreshInterval);
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = URI.create(value);
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
