package io.nodeward.console.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * Pages are served on the console's public address only. Someone who opens {@code http://localhost:3000} is sent to
 * {@code http://127.0.0.1:3000}: the session cookie belongs to one host, and the hosted UI sends the browser back
 * to the registered (public) address, so a sign-in started on another host name could never complete.
 */
final class CanonicalHost implements Handler<RoutingContext> {

  private final Supplier<String> publicUrl;

  CanonicalHost(Supplier<String> publicUrl) {
    this.publicUrl = publicUrl;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String host = ctx.request().getHeader("Host");
    String url = publicUrl.get();
    String authority = url.substring(url.indexOf("://") + 3);
    if (host == null || host.equalsIgnoreCase(authority)) {
      ctx.next();
    } else if (ctx.request().method() == HttpMethod.GET || ctx.request().method() == HttpMethod.HEAD) {
      ctx.response().setStatusCode(308).putHeader("Location", url + ctx.request().uri()).end();
    } else {
      ctx.response().setStatusCode(421).putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("Use the console at " + url + ".");
    }
  }
}
