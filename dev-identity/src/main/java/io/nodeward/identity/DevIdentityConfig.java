package io.nodeward.identity;

import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Configuration of the dev identity provider, read from environment variables:
 * <ul>
 *   <li>{@code NODEWARD_IDP_HOST} (127.0.0.1) — interface to listen on</li>
 *   <li>{@code NODEWARD_IDP_PORT} (9229) — port; 0 picks a free one (tests)</li>
 *   <li>{@code NODEWARD_IDP_POOL_ID} (us-east-1_nodeward) — user pool id, last segment of the issuer</li>
 *   <li>{@code NODEWARD_IDP_CLIENT_IDS} (nodeward-console,nodeward-cli) — registered app clients</li>
 *   <li>{@code NODEWARD_IDP_REDIRECT_URIS} (http://127.0.0.1:3000/callback,http://localhost:3000/callback) —
 *       hosted-UI redirect URIs, exact match, shared by all clients</li>
 *   <li>{@code NODEWARD_IDP_LOOPBACK_CLIENT_IDS} (nodeward-cli) — native app clients that may also be redirected to
 *       {@code http://127.0.0.1:<any port>/...} or {@code http://[::1]:<any port>/...} (RFC 8252 §7.3)</li>
 *   <li>{@code NODEWARD_IDP_LOGOUT_URIS} (http://127.0.0.1:3000/signed-out,http://localhost:3000/signed-out) — where the
 *       hosted UI's {@code /logout} may send the browser back to ({@code logout_uri}, exact match, as Cognito's
 *       "allowed sign-out URLs")</li>
 *   <li>{@code NODEWARD_IDP_ISSUER_BASE} (http://&lt;host&gt;:&lt;port&gt;) — public base URL; issuer is base + "/" + poolId</li>
 *   <li>{@code NODEWARD_DATA_DIR} (./data) — users and signing keys live in its {@code dev-identity/} folder</li>
 * </ul>
 *
 * @param issuerBase null means "http://host:actualPort", known once listening
 */
public record DevIdentityConfig(
    String host, int port, String poolId, List<String> clientIds, List<String> redirectUris, List<String> loopbackClientIds,
    List<String> logoutUris, String issuerBase, Path dataDir) {

  public static final String DEFAULT_POOL_ID = "us-east-1_nodeward";
  public static final List<String> DEFAULT_CLIENT_IDS = List.of("nodeward-console", "nodeward-cli");
  public static final List<String> DEFAULT_REDIRECT_URIS =
      List.of("http://127.0.0.1:3000/callback", "http://localhost:3000/callback");
  public static final List<String> DEFAULT_LOOPBACK_CLIENT_IDS = List.of("nodeward-cli");
  public static final List<String> DEFAULT_LOGOUT_URIS =
      List.of("http://127.0.0.1:3000/signed-out", "http://localhost:3000/signed-out");

  // Cognito pool ids are "<region>_<id>"; the id ends up in URL paths, so keep it to safe characters.
  private static final Pattern POOL_ID = Pattern.compile("[a-z0-9-]+_[A-Za-z0-9]+");

  public DevIdentityConfig {
    Objects.requireNonNull(host, "NODEWARD_IDP_HOST");
    if (port < 0 || port > 65535) {
      throw new ConfigException("NODEWARD_IDP_PORT", "must be 0..65535, not " + port);
    }
    if (poolId == null || !POOL_ID.matcher(poolId).matches()) {
      throw new ConfigException("NODEWARD_IDP_POOL_ID", "must look like <region>_<id> (e.g. us-east-1_nodeward), not " + poolId);
    }
    clientIds = List.copyOf(clientIds);
    if (clientIds.isEmpty() || clientIds.stream().anyMatch(id -> !id.matches("[\\w+-]{1,128}"))) {
      throw new ConfigException("NODEWARD_IDP_CLIENT_IDS", "must list client ids of letters, digits, '-', '_' or '+'");
    }
    redirectUris = List.copyOf(redirectUris);
    redirectUris.forEach(uri -> requireAbsoluteUrl("NODEWARD_IDP_REDIRECT_URIS", uri));
    loopbackClientIds = List.copyOf(loopbackClientIds);
    if (!clientIds.containsAll(loopbackClientIds)) {
      throw new ConfigException("NODEWARD_IDP_LOOPBACK_CLIENT_IDS", "must name clients listed in NODEWARD_IDP_CLIENT_IDS");
    }
    logoutUris = List.copyOf(logoutUris);
    logoutUris.forEach(uri -> requireAbsoluteUrl("NODEWARD_IDP_LOGOUT_URIS", uri));
    if (issuerBase != null) {
      requireAbsoluteUrl("NODEWARD_IDP_ISSUER_BASE", issuerBase);
      issuerBase = issuerBase.endsWith("/") ? issuerBase.substring(0, issuerBase.length() - 1) : issuerBase;
    }
    Objects.requireNonNull(dataDir, "NODEWARD_DATA_DIR");
  }

  public static DevIdentityConfig defaults() {
    return fromEnv(Map.of());
  }

  public static DevIdentityConfig fromEnv() {
    return fromEnv(Env.system());
  }

  public static DevIdentityConfig fromEnv(Map<String, String> env) {
    return fromEnv(Env.of(env));
  }

  public static DevIdentityConfig fromEnv(Env env) {
    List<String> clientIds = env.list("NODEWARD_IDP_CLIENT_IDS", String.join(",", DEFAULT_CLIENT_IDS));
    return new DevIdentityConfig(
        env.string("NODEWARD_IDP_HOST", "127.0.0.1"),
        env.port("NODEWARD_IDP_PORT", 9229),
        env.string("NODEWARD_IDP_POOL_ID", DEFAULT_POOL_ID),
        clientIds,
        env.list("NODEWARD_IDP_REDIRECT_URIS", String.join(",", DEFAULT_REDIRECT_URIS)),
        env.list("NODEWARD_IDP_LOOPBACK_CLIENT_IDS", String.join(",", registered(DEFAULT_LOOPBACK_CLIENT_IDS, clientIds))),
        env.list("NODEWARD_IDP_LOGOUT_URIS", String.join(",", DEFAULT_LOGOUT_URIS)),
        env.string("NODEWARD_IDP_ISSUER_BASE", null),
        env.path("NODEWARD_DATA_DIR", Path.of("./data")));
  }

  /** A free port on 127.0.0.1 and the given data directory: what tests start. */
  public static DevIdentityConfig forTests(Path dataDir) {
    return defaults().withPort(0).withDataDir(dataDir);
  }

  public DevIdentityConfig withPort(int newPort) {
    return new DevIdentityConfig(host, newPort, poolId, clientIds, redirectUris, loopbackClientIds, logoutUris, issuerBase, dataDir);
  }

  public DevIdentityConfig withDataDir(Path dir) {
    return new DevIdentityConfig(host, port, poolId, clientIds, redirectUris, loopbackClientIds, logoutUris, issuerBase, dir);
  }

  public DevIdentityConfig withPoolId(String id) {
    return new DevIdentityConfig(host, port, id, clientIds, redirectUris, loopbackClientIds, logoutUris, issuerBase, dataDir);
  }

  public DevIdentityConfig withClientIds(List<String> ids) {
    return new DevIdentityConfig(host, port, poolId, ids, redirectUris, registered(loopbackClientIds, ids), logoutUris, issuerBase, dataDir);
  }

  public DevIdentityConfig withRedirectUris(List<String> uris) {
    return new DevIdentityConfig(host, port, poolId, clientIds, uris, loopbackClientIds, logoutUris, issuerBase, dataDir);
  }

  public DevIdentityConfig withLogoutUris(List<String> uris) {
    return new DevIdentityConfig(host, port, poolId, clientIds, redirectUris, loopbackClientIds, uris, issuerBase, dataDir);
  }

  private static List<String> registered(List<String> wanted, List<String> clientIds) {
    return wanted.stream().filter(clientIds::contains).toList();
  }

  /** Where this provider keeps its users file and signing keys. */
  public Path identityDir() {
    return dataDir.resolve("dev-identity");
  }

  private static void requireAbsoluteUrl(String variable, String value) {
    try {
      URI uri = URI.create(value);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null || uri.getFragment() != null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(variable, "must hold absolute http(s) URLs without fragment, not " + value);
    }
  }
}
