package io.nodeward.console.web;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.nodeward.console.auth.BrowserSession;
import io.nodeward.console.auth.SignedInUser;
import io.nodeward.console.web.view.Assets;
import io.nodeward.console.web.view.Chrome;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Renders pages: the JTE templates compiled at build time, with the chrome every page shares. */
final class Pages {

  private static final String USER_KEY = Pages.class.getName() + ".user";
  private static final String FLASH = "nodeward.flash";

  private final TemplateEngine engine;
  private final Assets assets;
  private final SecureRandom random;
  private final Clock clock;

  Pages(TemplateEngine engine, Assets assets, SecureRandom random, Clock clock) {
    this.engine = engine;
    this.assets = assets;
    this.random = random;
    this.clock = clock;
  }

  Clock clock() {
    return clock;
  }

  /** The chrome of a page for whoever is signed in to this session (if anyone), with any banner left for it. */
  Chrome chrome(RoutingContext ctx, String title, String section) {
    SignedInUser user = viewer(ctx);
    List<Chrome.Banner> banners = new ArrayList<>();
    String csrf = null;
    if (ctx.session() != null && !ctx.session().isDestroyed()) {
      Chrome.Banner flash = ctx.session().remove(FLASH);
      if (flash != null) {
        banners.add(flash);
      }
      csrf = user == null ? null : BrowserSession.of(ctx).csrfToken(random);
    }
    Chrome.Viewer viewer = user == null ? null
        : new Chrome.Viewer(user.username(), user.userId(), user.role().name().toLowerCase(), user.isAdmin(), user.isAuditor());
    return new Chrome(title, section, viewer, csrf, banners, false, assets);
  }

  /** A message for the next page this session sees (after a redirect). */
  static void flash(RoutingContext ctx, String kind, String text) {
    ctx.session().put(FLASH, new Chrome.Banner(kind, text, null));
  }

  /** The signed-in user: set by the session guard on pages, looked up in the session on error pages. */
  static SignedInUser viewer(RoutingContext ctx) {
    SignedInUser user = ctx.get(USER_KEY);
    if (user == null && ctx.session() != null && !ctx.session().isDestroyed()) {
      user = BrowserSession.of(ctx).user().orElse(null);
    }
    return user;
  }

  static void rememberViewer(RoutingContext ctx, SignedInUser user) {
    ctx.put(USER_KEY, user);
  }

  void render(RoutingContext ctx, int status, String template, Object view) {
    StringOutput html = new StringOutput(8192);
    engine.render(template, view, html);
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .end(html.toString());
  }
}
