package io.nodeward.console.auth;

import io.nodeward.console.domain.ConsoleProblem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every state-changing request must carry the session's CSRF token (OWASP's synchronizer-token pattern): forms send
 * it as {@code _csrf}, htmx as the {@code X-CSRF-Token} header. A request whose {@code Origin} is another site is
 * refused before that. One token per session, made anew at sign-in: unlike vertx-web's {@code CSRFHandler}, it does
 * not rotate after every request or expire after 30 minutes, which would break a page with several forms or a live
 * view polling beside a form.
 */
public final class CsrfGuard implements Handler<RoutingContext> {

  public static final String FIELD = "_csrf";
  public static final String HEADER = "X-CSRF-Token";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final Supplier<String> publicOrigin;

  public CsrfGuard(Supplier<String> publicOrigin) {
    this.publicOrigin = publicOrigin;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (SAFE.contains(ctx.request().method())) {
      ctx.next();
      return;
    }
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && !"null".equals(origin) && !origin.equals(publicOrigin.get())) {
      ctx.fail(refused());
      return;
    }
    String sent = ctx.request().getHeader(HEADER);
    if (sent == null) {
      sent = ctx.request().getFormAttribute(FIELD);
    }
    String expected = BrowserSession.of(ctx).expectedCsrfToken();
    if (!matches(sent, expected)) {
      ctx.fail(refused());
      return;
    }
    ctx.next();
  }

  static boolean matches(String sent, String expected) {
    return sent != null && expected != null
        && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static ConsoleProblem refused() {
    return ConsoleProblem.forbidden("CSRF_TOKEN_INVALID",
        "This form did not come from your console session (it may be from before you signed in again). Reload the page and try again.");
  }
}
