package io.nodeward.console.auth;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Cognito hosted UI as the console uses it: URLs for the browser ({@code /oauth2/authorize}, {@code /logout})
 * on the public domain, and the console's own calls ({@code /oauth2/token}, {@code /oauth2/revoke}) on the
 * back-channel address. A public client with PKCE by default; with a client secret it authenticates with HTTP
 * Basic as Cognito expects.
 */
public final class HostedUiClient {

  /** The hosted UI refused (an OAuth error such as invalid_grant), or could not be reached. */
  public static final class Failure extends RuntimeException {
    private final boolean unreachable;

    Failure(String message, boolean unreachable, Throwable cause) {
      super(message, cause, false, false);
      this.unreachable = unreachable;
    }

    public boolean unreachable() {
      return unreachable;
    }
  }

  private final WebClient web;
  private final String publicBase;
  private final String backchannelBase;
  private final String clientId;
  private final String clientSecret;
  private final String scopes;
  private final long timeoutMillis;

  public HostedUiClient(WebClient web, URI publicUrl, URI backchannelUrl, String clientId, String clientSecret, String scopes,
      Duration timeout) {
    this.web = web;
    this.publicBase = origin(publicUrl);
    this.backchannelBase = origin(backchannelUrl);
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.scopes = scopes;
    this.timeoutMillis = timeout.toMillis();
  }

  /** The hosted UI's origin as browsers see it: the Content-Security-Policy lets forms go there (sign-out). */
  public String publicOrigin() {
    return publicBase;
  }

  public String authorizeUrl(PendingSignIn pending, String challenge, String redirectUri) {
    return publicBase + "/oauth2/authorize?response_type=code"
        + "&client_id=" + encode(clientId)
        + "&redirect_uri=" + encode(redirectUri)
        + "&scope=" + encode(scopes)
        + "&state=" + encode(pending.state())
        + "&nonce=" + encode(pending.nonce())
        + "&code_challenge=" + encode(challenge)
        + "&code_challenge_method=S256";
  }

  /** Cognito's sign-out: ends the hosted UI's own session and comes back to {@code logoutUri}. */
  public String logoutUrl(String logoutUri) {
    return publicBase + "/logout?client_id=" + encode(clientId) + "&logout_uri=" + encode(logoutUri);
  }

  public Future<TokenSet> redeem(String code, String codeVerifier, String redirectUri) {
    return tokens(MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", "authorization_code")
        .add("client_id", clientId)
        .add("code", code)
        .add("redirect_uri", redirectUri)
        .add("code_verifier", codeVerifier));
  }

  public Future<TokenSet> refresh(String refreshToken) {
    return tokens(MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", "refresh_token")
        .add("client_id", clientId)
        .add("refresh_token", refreshToken));
  }

  /** Revokes the refresh token (RFC 7009), so that sign-out also ends what the session could still obtain. */
  public Future<Void> revoke(String refreshToken) {
    return send("/oauth2/revoke", MultiMap.caseInsensitiveMultiMap().add("token", refreshToken).add("client_id", clientId))
        .compose(response -> response.statusCode() == 200
            ? Future.succeededFuture()
            : Future.failedFuture(new Failure("the hosted UI refused to revoke: HTTP " + response.statusCode(), false, null)));
  }

  private Future<TokenSet> tokens(MultiMap form) {
    return send("/oauth2/token", form).compose(HostedUiClient::tokenSet);
  }

  private Future<HttpResponse<Buffer>> send(String path, MultiMap form) {
    HttpRequest<Buffer> request = web.postAbs(backchannelBase + path).timeout(timeoutMillis);
    if (clientSecret != null) {
      request.basicAuthentication(encode(clientId), encode(clientSecret));
    }
    return request.sendForm(form)
        .recover(e -> Future.failedFuture(new Failure("the hosted UI is unreachable: " + e.getMessage(), true, e)));
  }

  private static Future<TokenSet> tokenSet(HttpResponse<Buffer> response) {
    JsonObject body;
    try {
      body = response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (response.statusCode() != 200 || body == null) {
      String error = body == null ? "HTTP " + response.statusCode() : body.getString("error", "HTTP " + response.statusCode());
      boolean unreachable = response.statusCode() >= 500;
      return Future.failedFuture(new Failure("the token endpoint answered " + error, unreachable, null));
    }
    String access = body.getString("access_token");
    if (access == null || !"Bearer".equalsIgnoreCase(body.getString("token_type", "Bearer"))) {
      return Future.failedFuture(new Failure("the token endpoint answered without a bearer access token", false, null));
    }
    return Future.succeededFuture(new TokenSet(access, body.getString("id_token"), body.getString("refresh_token"),
        body.getLong("expires_in", 3600L)));
  }

  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
