package io.nodeward.identity;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hosted UI's OAuth 2.0 authorization-code flow with PKCE for browsers: {@code GET /oauth2/authorize}
 * shows a login form, {@code POST /login} checks the password and redirects back with a code,
 * {@code POST /oauth2/token} trades code (or refresh token) for tokens, {@code POST /oauth2/revoke} ends a refresh
 * token and {@code GET /logout} sends the browser back to a registered sign-out URL, as Cognito's hosted UI does.
 */
final class HostedUi {

  private static final Logger LOG = LoggerFactory.getLogger(HostedUi.class);
  private static final String FORM_TYPE = "application/x-www-form-urlencoded";

  private final SignIn signIn;
  private final AuthorizationCodes codes;
  private final RedirectUris redirectUris;
  private final List<String> logoutUris;
  private final Clock clock;

  HostedUi(SignIn signIn, AuthorizationCodes codes, RedirectUris redirectUris, List<String> logoutUris, Clock clock) {
    this.signIn = signIn;
    this.codes = codes;
    this.redirectUris = redirectUris;
    this.logoutUris = List.copyOf(logoutUris);
    this.clock = clock;
  }

  void authorize(RoutingContext ctx) {
    try {
      AuthorizeRequest request = AuthorizeRequest.parse(ctx.queryParams(), signIn, redirectUris);
      loginPage(ctx, 200, request, null);
    } catch (AuthorizeRequest.Refusal refusal) {
      refuse(ctx, refusal);
    }
  }

  void login(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    AuthorizeRequest request;
    try {
      request = AuthorizeRequest.parse(form, signIn, redirectUris);
    } catch (AuthorizeRequest.Refusal refusal) {
      refuse(ctx, refusal);
      return;
    }
    String username = form.get("username");
    String password = form.get("password");
    if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
      loginPage(ctx, 400, request, "Enter your username and password.");
      return;
    }
    signIn.authenticate(username, password)
        .map(user -> new TokenMinter.Session(user, request.clientId(), request.scope(), clock.instant(), UUID.randomUUID().toString(), request.nonce()))
        .map(session -> codes.issue(session, request.redirectUri(), request.codeChallenge(), clock.instant()))
        .onSuccess(code -> redirect(ctx, request.redirectUri(), "code", code, request.state()))
        .onFailure(failure -> {
          if (failure instanceof CognitoError) {
            loginPage(ctx, 401, request, "Incorrect username or password.");
          } else {
            LOG.error("Hosted-UI login failed", failure);
            loginPage(ctx, 500, request, "Something went wrong; try again.");
          }
        });
  }

  void token(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith(FORM_TYPE)) {
      oauthError(ctx, 400, "invalid_request", "Send application/x-www-form-urlencoded.");
      return;
    }
    MultiMap form = ctx.request().formAttributes();
    String grantType = form.get("grant_type");
    Future<Tokens> tokens;
    if ("authorization_code".equals(grantType)) {
      tokens = codeGrant(form);
    } else if ("refresh_token".equals(grantType)) {
      tokens = required(form, "refresh_token", "client_id")
          .compose(ok -> signIn.refresh(form.get("refresh_token"), form.get("client_id")));
    } else {
      oauthError(ctx, 400, "unsupported_grant_type", null);
      return;
    }
    tokens.onSuccess(result -> tokenResponse(ctx, result)).onFailure(failure -> tokenFailure(ctx, failure));
  }

  /**
   * Cognito's {@code GET /logout?client_id=&logout_uri=}: ends the hosted-UI sign-in and redirects to
   * {@code logout_uri}, which must be registered exactly (else this would be an open redirector). The dev provider
   * keeps no browser session of its own, so there is nothing else to end; refresh tokens end through
   * {@code /oauth2/revoke}.
   */
  void logout(RoutingContext ctx) {
    String clientId = ctx.queryParams().get("client_id");
    String logoutUri = ctx.queryParams().get("logout_uri");
    if (!signIn.isClient(clientId)) {
      page(ctx, 400, LoginPage.error("invalid_client", "Unknown client_id."));
    } else if (logoutUri == null || !logoutUris.contains(logoutUri)) {
      page(ctx, 400, LoginPage.error("invalid_request", "logout_uri is not a registered sign-out URL."));
    } else {
      ctx.response().setStatusCode(302).putHeader("Location", logoutUri).putHeader("Cache-Control", "no-store").end();
    }
  }

  /** Cognito's {@code POST /oauth2/revoke} (RFC 7009): {@code token} (a refresh token) and {@code client_id}. */
  void revoke(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith(FORM_TYPE)) {
      oauthError(ctx, 400, "invalid_request", "Send application/x-www-form-urlencoded.");
      return;
    }
    MultiMap form = ctx.request().formAttributes();
    required(form, "token", "client_id")
        .compose(ok -> signIn.revoke(form.get("token"), form.get("client_id")))
        .onSuccess(v -> ctx.response().setStatusCode(200).putHeader("Cache-Control", "no-store").end())
        .onFailure(failure -> tokenFailure(ctx, failure));
  }

  /** OIDC UserInfo (as Cognito's {@code /oauth2/userInfo}): who the bearer access token belongs to. */
  void userInfo(RoutingContext ctx, SigningKeys keys) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      oauthError(ctx, 401, "invalid_request", "Send an access token as Bearer.");
      return;
    }
    signIn.userOf(authorization.substring(7).trim(), keys)
        .onSuccess(user -> json(ctx, 200, new JsonObject()
            .put("sub", user.sub())
            .put("username", user.username())
            .put("email", user.email())
            .put("email_verified", "true")))
        .onFailure(failure -> {
          ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
          oauthError(ctx, 401, "invalid_token", null);
        });
  }

  private Future<Tokens> codeGrant(MultiMap form) {
    return required(form, "code", "redirect_uri", "client_id", "code_verifier").compose(ok -> {
      String clientId = form.get("client_id");
      if (!signIn.isClient(clientId)) {
        return Future.failedFuture(new OAuthError(400, "invalid_client"));
      }
      return codes.redeem(form.get("code"), clientId, form.get("redirect_uri"), form.get("code_verifier"), clock.instant())
          .map(signIn::startSession)
          .orElseGet(() -> Future.failedFuture(new OAuthError(400, "invalid_grant")));
    });
  }

  private static Future<Void> required(MultiMap form, String... names) {
    for (String name : names) {
      String value = form.get(name);
      if (value == null || value.isEmpty()) {
        return Future.failedFuture(new OAuthError(400, "invalid_request"));
      }
    }
    return Future.succeededFuture();
  }

  private static void tokenResponse(RoutingContext ctx, Tokens tokens) {
    JsonObject body = new JsonObject()
        .put("access_token", tokens.accessToken())
        .put("id_token", tokens.idToken())
        .put("token_type", Tokens.TOKEN_TYPE)
        .put("expires_in", tokens.expiresIn());
    if (tokens.refreshToken() != null) {
      body.put("refresh_token", tokens.refreshToken());
    }
    json(ctx, 200, body);
  }

  private static void tokenFailure(RoutingContext ctx, Throwable failure) {
    if (failure instanceof OAuthError error) {
      oauthError(ctx, error.status, error.getMessage(), null);
    } else if (failure instanceof CognitoError error) {
      // An unknown client on refresh is the client's fault, a bad refresh token the grant's (RFC 6749 §5.2).
      oauthError(ctx, 400, "ResourceNotFoundException".equals(error.type()) ? "invalid_client" : "invalid_grant", null);
    } else {
      LOG.error("Token endpoint failed", failure);
      oauthError(ctx, 500, "server_error", null);
    }
  }

  private static void oauthError(RoutingContext ctx, int status, String error, String description) {
    JsonObject body = new JsonObject().put("error", error);
    if (description != null) {
      body.put("error_description", description);
    }
    json(ctx, status, body);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json;charset=UTF-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Pragma", "no-cache")
        .end(body.encode());
  }

  private static void refuse(RoutingContext ctx, AuthorizeRequest.Refusal refusal) {
    if (refusal.redirectUri == null) {
      page(ctx, 400, LoginPage.error(refusal.error, refusal.getMessage()));
    } else {
      redirect(ctx, refusal.redirectUri, "error", refusal.error, refusal.state);
    }
  }

  private static void redirect(RoutingContext ctx, String redirectUri, String name, String value, String state) {
    StringBuilder location = new StringBuilder(redirectUri)
        .append(redirectUri.contains("?") ? '&' : '?')
        .append(name).append('=').append(encode(value));
    if (state != null) {
      location.append("&state=").append(encode(state));
    }
    ctx.response().setStatusCode(302).putHeader("Location", location.toString()).putHeader("Cache-Control", "no-store").end();
  }

  /**
   * The login form. Its Content-Security-Policy lets it post to this provider and follow the answer's redirect to
   * the client's registered redirect URI: browsers apply {@code form-action} to the redirects after a form post too,
   * so {@code 'self'} alone would stop every sign-in at the hop back to the client.
   */
  private static void loginPage(RoutingContext ctx, int status, AuthorizeRequest request, String error) {
    page(ctx, status, LoginPage.render(request, error), origin(request.redirectUri()));
  }

  private static String origin(String uri) {
    java.net.URI parsed = java.net.URI.create(uri);
    return parsed.getScheme() + "://" + parsed.getRawAuthority();
  }

  private static void page(RoutingContext ctx, int status, String html) {
    page(ctx, status, html, null);
  }

  private static void page(RoutingContext ctx, int status, String html, String formTarget) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/html;charset=UTF-8")
        .putHeader("Cache-Control", "no-store")
        // The login form must not be framed (clickjacking) nor run any script.
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"
            + (formTarget == null ? "" : " " + formTarget) + "; frame-ancestors 'none'")
        .end(html);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** An RFC 6749 §5.2 error; the message is the error code. */
  private static final class OAuthError extends RuntimeException {
    final int status;

    OAuthError(int status, String error) {
      super(error, null, false, false);
      this.status = status;
    }
  }
}
