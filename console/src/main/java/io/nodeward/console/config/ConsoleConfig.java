package io.nodeward.console.config;

import io.nodeward.kit.auth.CognitoConfig;
import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import io.nodeward.kit.config.Profile;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The console's configuration, read once from environment variables (defaults: the embedded stack's):
 * <ul>
 *   <li>{@code NODEWARD_CONSOLE_HOST} / {@code NODEWARD_CONSOLE_PORT} (127.0.0.1 / 3000; 0 picks a free port)</li>
 *   <li>{@code NODEWARD_CONSOLE_PUBLIC_URL} (http://&lt;host&gt;:&lt;port&gt;) — where browsers reach the console; its
 *       {@code /callback} is the redirect URI registered with the hosted UI, its {@code /signed-out} the sign-out URL.
 *       Plain http only on a loopback address: elsewhere the session cookie must be Secure.</li>
 *   <li>{@code NODEWARD_CONSOLE_ISSUER_URL} (http://127.0.0.1:8080), {@code NODEWARD_CONSOLE_AUDIT_URL}
 *       (http://127.0.0.1:8081) — the public APIs, called with the signed-in user's access token</li>
 *   <li>{@code NODEWARD_CONSOLE_HOSTED_UI_URL} (http://127.0.0.1:9229) — the Cognito domain browsers are sent to
 *       ({@code /oauth2/authorize}, {@code /logout}); {@code NODEWARD_CONSOLE_HOSTED_UI_BACKCHANNEL_URL} (the same) —
 *       where the console itself reaches it ({@code /oauth2/token}, {@code /oauth2/revoke}), e.g. inside compose</li>
 *   <li>{@code NODEWARD_CONSOLE_CLIENT_ID} (nodeward-console), {@code NODEWARD_CONSOLE_CLIENT_SECRET} (none: a
 *       public client with PKCE; set it for a Cognito app client that has a secret)</li>
 *   <li>{@code NODEWARD_CONSOLE_SCOPES} (openid email profile)</li>
 *   <li>{@code NODEWARD_CONSOLE_SESSION_IDLE} (30m), {@code NODEWARD_CONSOLE_SESSION_MAX_AGE} (12h) — a session ends
 *       after this long unused, and in any case this long after sign-in</li>
 *   <li>{@code NODEWARD_CONSOLE_REFRESH_BEFORE} (5m) — refresh the access token when it has less than this left</li>
 *   <li>{@code NODEWARD_CONSOLE_API_TIMEOUT} (10s) — longest wait for an API answer before the page says it is down</li>
 *   <li>{@code NODEWARD_CONSOLE_LIVE_INTERVAL} (2s) — how often live views (access history) ask for news</li>
 *   <li>and the shared {@code NODEWARD_COGNITO_ISSUER}, {@code NODEWARD_COGNITO_JWKS_URI},
 *       {@code NODEWARD_COGNITO_CLOCK_SKEW}, {@code NODEWARD_COGNITO_JWKS_MIN_REFRESH}: the pool whose tokens the
 *       console accepts (only those issued to its own client id)</li>
 * </ul>
 *
 * @param publicUrl null means "http://host:actualPort", known once listening (tests, the stack on port 0)
 */
public record ConsoleConfig(
    String host,
    int port,
    URI publicUrl,
    URI issuerUrl,
    URI auditUrl,
    URI hostedUiUrl,
    URI hostedUiBackchannelUrl,
    String clientId,
    String clientSecret,
    String scopes,
    Duration sessionIdle,
    Duration sessionMaxAge,
    Duration refreshBefore,
    Duration apiTimeout,
    Duration liveInterval,
    CognitoConfig cognito) {

  public static final int DEFAULT_PORT = 3000;
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

  public ConsoleConfig {
    Objects.requireNonNull(host, "NODEWARD_CONSOLE_HOST");
    if (publicUrl != null) {
      requireBase("NODEWARD_CONSOLE_PUBLIC_URL", publicUrl);
      if (!"https".equals(publicUrl.getScheme()) && !isLoopback(publicUrl)) {
        // A session cookie without Secure over a network is readable by anyone on the path.
        throw new ConfigException("NODEWARD_CONSOLE_PUBLIC_URL", "must be https unless it is a loopback address, not " + publicUrl);
      }
    }
    requireBase("NODEWARD_CONSOLE_ISSUER_URL", issuerUrl);
    requireBase("NODEWARD_CONSOLE_AUDIT_URL", auditUrl);
    requireBase("NODEWARD_CONSOLE_HOSTED_UI_URL", hostedUiUrl);
    requireBase("NODEWARD_CONSOLE_HOSTED_UI_BACKCHANNEL_URL", hostedUiBackchannelUrl);
    if (clientId == null || !clientId.matches("[\\w+-]{1,128}")) {
      throw new ConfigException("NODEWARD_CONSOLE_CLIENT_ID", "must be an app client id (letters, digits, '-', '_', '+')");
    }
    if (scopes == null || !(" " + scopes + " ").contains(" openid ")) {
      throw new ConfigException("NODEWARD_CONSOLE_SCOPES", "must include openid (the console checks the ID token's nonce)");
    }
    requireWithin("NODEWARD_CONSOLE_SESSION_IDLE", sessionIdle, Duration.ofMinutes(1), Duration.ofDays(1));
    requireWithin("NODEWARD_CONSOLE_SESSION_MAX_AGE", sessionMaxAge, sessionIdle, Duration.ofDays(30));
    requireWithin("NODEWARD_CONSOLE_REFRESH_BEFORE", refreshBefore, Duration.ofSeconds(10), Duration.ofDays(1));
    requireWithin("NODEWARD_CONSOLE_API_TIMEOUT", apiTimeout, Duration.ofMillis(100), Duration.ofMinutes(5));
    requireWithin("NODEWARD_CONSOLE_LIVE_INTERVAL", liveInterval, Duration.ofMillis(250), Duration.ofSeconds(2));
    Objects.requireNonNull(cognito, "cognito");
  }

  /** dev-identity's hosted UI, where browsers sign in when nothing else is configured. */
  static final String DEV_HOSTED_UI = "http://127.0.0.1:9229";

  /** The development defaults (NODEWARD_PROFILE=dev and nothing else set). */
  public static ConsoleConfig defaults() {
    return fromEnv(Env.of(Map.of(Profile.VARIABLE, "dev")));
  }

  public static ConsoleConfig fromEnv(Env env) {
    int port = env.port("NODEWARD_CONSOLE_PORT", DEFAULT_PORT);
    URI hostedUi = env.uri("NODEWARD_CONSOLE_HOSTED_UI_URL", DEV_HOSTED_UI);
    String clientId = env.string("NODEWARD_CONSOLE_CLIENT_ID", "nodeward-console");
    CognitoConfig pool = CognitoConfig.fromEnv(env);
    ConsoleConfig config = new ConsoleConfig(
        env.string("NODEWARD_CONSOLE_HOST", "127.0.0.1"),
        port,
        env.uri("NODEWARD_CONSOLE_PUBLIC_URL", null),
        env.uri("NODEWARD_CONSOLE_ISSUER_URL", "http://127.0.0.1:8080"),
        env.uri("NODEWARD_CONSOLE_AUDIT_URL", "http://127.0.0.1:8081"),
        hostedUi,
        env.uri("NODEWARD_CONSOLE_HOSTED_UI_BACKCHANNEL_URL", hostedUi.toString()),
        clientId,
        env.secret("NODEWARD_CONSOLE_CLIENT_SECRET", null),
        env.string("NODEWARD_CONSOLE_SCOPES", "openid email profile"),
        env.duration("NODEWARD_CONSOLE_SESSION_IDLE", Duration.ofMinutes(30)),
        env.duration("NODEWARD_CONSOLE_SESSION_MAX_AGE", Duration.ofHours(12)),
        env.duration("NODEWARD_CONSOLE_REFRESH_BEFORE", Duration.ofMinutes(5)),
        env.duration("NODEWARD_CONSOLE_API_TIMEOUT", Duration.ofSeconds(10)),
        env.duration("NODEWARD_CONSOLE_LIVE_INTERVAL", Duration.ofSeconds(2)),
        // The console accepts only tokens the pool issued to the console itself, whatever other services accept.
        new CognitoConfig(pool.issuer(), pool.jwksUri(), Set.of(clientId), pool.clockSkew(), pool.minJwksRefreshInterval()));
    refuseDevDefaults(Profile.fromEnv(env), config);
    return config;
  }

  /**
   * With NODEWARD_PROFILE=production: a real user pool over https, its hosted UI over https (the code exchange
   * carries the client secret), and a public https URL (session cookies marked Secure).
   */
  private static void refuseDevDefaults(Profile profile, ConsoleConfig config) {
    profile.requireProductionPool(config.cognito());
    profile.refuseDevValue("NODEWARD_CONSOLE_HOSTED_UI_URL", config.hostedUiUrl().toString(), DEV_HOSTED_UI,
        "the dev identity provider's");
    profile.requireHttps("NODEWARD_CONSOLE_HOSTED_UI_URL", config.hostedUiUrl());
    profile.requireHttps("NODEWARD_CONSOLE_HOSTED_UI_BACKCHANNEL_URL", config.hostedUiBackchannelUrl());
    profile.requireHttps("NODEWARD_CONSOLE_PUBLIC_URL", config.publicUrl(config.port()));
  }

  /** The public URL once the actual port is known. */
  public URI publicUrl(int actualPort) {
    return publicUrl != null ? publicUrl : URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + actualPort);
  }

  /** Secure cookies unless browsers reach the console over plain http on their own machine. */
  public boolean secureCookies(int actualPort) {
    return "https".equals(publicUrl(actualPort).getScheme());
  }

  public ConsoleConfig withPort(int newPort) {
    return new ConsoleConfig(host, newPort, publicUrl, issuerUrl, auditUrl, hostedUiUrl, hostedUiBackchannelUrl, clientId,
        clientSecret, scopes, sessionIdle, sessionMaxAge, refreshBefore, apiTimeout, liveInterval, cognito);
  }

  @Override
  public String toString() {
    return "ConsoleConfig[host=" + host + ", port=" + port + ", publicUrl=" + publicUrl + ", issuerUrl=" + issuerUrl
        + ", auditUrl=" + auditUrl + ", hostedUiUrl=" + hostedUiUrl + ", clientId=" + clientId
        + ", clientSecret=" + (clientSecret == null ? "none" : "(set)") + "]";
  }

  static boolean isLoopback(URI uri) {
    return uri.getHost() != null && LOOPBACK.contains(uri.getHost());
  }

  private static void requireBase(String variable, URI uri) {
    Objects.requireNonNull(uri, variable);
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
        || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null
        || uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath())) {
      throw new ConfigException(variable, "must be an http(s) origin such as https://console.example.com, not " + uri);
    }
  }

  private static void requireWithin(String variable, Duration value, Duration min, Duration max) {
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new ConfigException(variable, "must be between " + min + " and " + max);
    }
  }
}
