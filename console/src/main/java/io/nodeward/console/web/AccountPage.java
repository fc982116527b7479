package io.nodeward.console.web;

import io.nodeward.console.auth.SessionGuard;
import io.nodeward.console.auth.SignedInUser;
import io.nodeward.console.domain.Relative;
import io.nodeward.console.web.view.AccountView;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /account}: who the console thinks you are, and your user id (what an admin needs to give you a node). */
final class AccountPage implements Handler<RoutingContext> {

  private final Pages pages;

  AccountPage(Pages pages) {
    this.pages = pages;
  }

  @Override
  public void handle(RoutingContext ctx) {
    SignedInUser user = SessionGuard.user(ctx);
    var now = pages.clock().instant();
    pages.render(ctx, 200, "account.jte", new AccountView(pages.chrome(ctx, "Your account", "account"), user.username(),
        user.userId(), user.email(), user.role().name().toLowerCase(),
        Relative.utc(user.signedInAt()) + " (" + Relative.from(now, user.signedInAt()) + ")",
        Relative.from(now, user.accessExpiresAt())));
  }
}
