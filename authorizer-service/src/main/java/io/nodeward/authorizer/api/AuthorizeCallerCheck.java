package io.nodeward.authorizer.api;

import io.nodeward.authorizer.domain.AuthorizeCallers;
import io.nodeward.kit.http.RateLimiter;
import io.nodeward.kit.http.ProblemException;
import io.nodeward.kit.http.Problems;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Before any body is read on the {@code /authorize} listener: the handshake verified the caller's chain; here its
 * URI SAN must be one of the configured callers (else 403 AUTHORIZE_CALLER_NOT_ALLOWED) and within its rate
 * (else 429 with Retry-After). The caller's identity travels on to the decision. A platform handler, so that Vert.x
 * Web lets it run before the body handler.
 */
final class AuthorizeCallerCheck implements PlatformHandler {

  static final String CALLER = "nodeward.authorize.caller";

  private final AuthorizeCallers callers;
  private final RateLimiter limiter;

  AuthorizeCallerCheck(AuthorizeCallers callers, RateLimiter limiter) {
    this.callers = callers;
    this.limiter = limiter;
  }

  @Override
  public void handle(RoutingContext ctx) {
    X509Certificate certificate = peer(ctx);
    String caller = certificate == null ? null : callers.identity(certificate);
    if (caller == null) {
      ctx.fail(Problems.forbidden("AUTHORIZE_CALLER_NOT_ALLOWED",
          "This client certificate does not name a caller allowed to ask for decisions."));
      return;
    }
    Duration wait = limiter.acquire(caller, System.nanoTime());
    if (!wait.isZero()) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      ctx.response().putHeader("Retry-After", Long.toString(seconds));
      ctx.fail(new ProblemException(429, "AUTHORIZE_RATE_LIMITED", "Too many requests",
          "Too many decisions asked by this caller; try again in " + seconds + " s."));
      return;
    }
    ctx.put(CALLER, caller);
    ctx.next();
  }

  private static X509Certificate peer(RoutingContext ctx) {
    try {
      List<Certificate> chain = ctx.request().connection().peerCertificates();
      return chain != null && !chain.isEmpty() && chain.get(0) instanceof X509Certificate x509 ? x509 : null;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }
}
