package io.nodeward.kit.auth;

import io.nodeward.kit.http.ProblemException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * Route handler that lets a request through only with a valid Cognito bearer token, and leaves the
 * {@link Principal} for the handlers after it ({@link #principal(RoutingContext)}). Refusals go to the
 * router's failure handler ({@code ProblemHandler}) as {@link ProblemException}s; 401s carry the
 * RFC 6750 §3 {@code WWW-Authenticate} challenge.
 */
public final class CognitoAuthHandler implements Handler<RoutingContext> {

  private static final String PRINCIPAL_KEY = CognitoAuthHandler.class.getName() + ".principal";
  private static final String BEARER = "Bearer ";

  private final CognitoTokenVerifier verifier;

  private CognitoAuthHandler(CognitoTokenVerifier verifier) {
    this.verifier = Objects.requireNonNull(verifier);
  }

  public static CognitoAuthHandler create(CognitoTokenVerifier verifier) {
    return new CognitoAuthHandler(verifier);
  }

  /** The verified caller; only on routes behind this handler. */
  public static Principal principal(RoutingContext ctx) {
    Principal principal = ctx.get(PRINCIPAL_KEY);
    if (principal == null) {
      throw new IllegalStateException("no principal: the route is not behind CognitoAuthHandler");
    }
    return principal;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String token = bearerToken(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    verifier.verify(token).onComplete(result -> {
      if (result.succeeded()) {
        ctx.put(PRINCIPAL_KEY, result.result());
        ctx.next();
      } else {
        refuse(ctx, result.cause());
      }
    });
  }

  private static String bearerToken(String authorization) {
    if (authorization == null || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return authorization.substring(BEARER.length());
  }

  private static void refuse(RoutingContext ctx, Throwable cause) {
    if (cause instanceof ProblemException problem && problem.problem().status() == 401 && !ctx.response().headWritten()) {
      // RFC 6750 §3.1: no error code when no token was sent at all.
      String challenge = TokenRefusal.TOKEN_MISSING.code().equals(problem.problem().code())
          ? "Bearer"
          : "Bearer error=\"invalid_token\"";
      ctx.response().putHeader("WWW-Authenticate", challenge);
    }
    ctx.fail(cause);
  }
}
