package io.nodeward.console.web;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every console answer. The Content-Security-Policy allows scripts and styles from the console itself
 * only — no inline script, no eval — so an injected {@code <script>} does not run; {@code frame-ancestors 'none'}
 * stops clickjacking; forms may post to the console and (sign-out) the hosted UI only. Pages are {@code no-store}:
 * they show one person's certificates and records.
 */
final class SecurityHeaders implements Handler<RoutingContext> {

  private final String csp;

  SecurityHeaders(String hostedUiOrigin) {
    this.csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self'; form-action 'self' " + hostedUiOrigin + "; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
  }

  String contentSecurityPolicy() {
    return csp;
  }

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    headers.set("Content-Security-Policy", csp)
        .set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Referrer-Policy", "same-origin")
        .set("Cross-Origin-Opener-Policy", "same-origin")
        .set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (!ctx.request().path().startsWith("/webjars/") && !ctx.request().path().startsWith("/static/")) {
      headers.set("Cache-Control", "no-store");
    }
    ctx.next();
  }
}
