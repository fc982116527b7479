package io.nodeward.console.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /signed-out}: where the hosted UI's {@code /logout} sends the browser back to. */
final class SignedOutPage implements Handler<RoutingContext> {

  private final Pages pages;

  SignedOutPage(Pages pages) {
    this.pages = pages;
  }

  @Override
  public void handle(RoutingContext ctx) {
    pages.render(ctx, 200, "signed-out.jte", pages.chrome(ctx, "Signed out", ""));
  }
}
