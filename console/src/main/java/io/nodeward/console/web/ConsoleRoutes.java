package io.nodeward.console.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import io.nodeward.console.auth.CsrfGuard;
import io.nodeward.console.auth.SessionGuard;
import io.nodeward.console.auth.SignInRoutes;
import io.nodeward.console.client.AuditClient;
import io.nodeward.console.client.ExportStream;
import io.nodeward.console.client.IssuerClient;
import io.nodeward.console.web.view.Assets;
import io.nodeward.kit.http.RequestIds;
import io.nodeward.kit.health.HealthChecks;
import io.nodeward.kit.metrics.ServiceMetrics;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.ext.web.sstore.SessionStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/** The console's routes: assets and health without a session; sign-in; the pages, each behind the session guard. */
public final class ConsoleRoutes {

  /** Forms are small; the CSR upload has its own limit. */
  static final long FORM_LIMIT_BYTES = 64 * 1024;
  private static final String SESSIONS_MAP = "nodeward.console.sessions";

  /** What the routes need; built by ConsoleService. */
  public record Dependencies(IssuerClient issuer, AuditClient audit, ExportStream exports, SignInRoutes signIn, SessionGuard guard,
      Supplier<String> publicOrigin, String hostedUiOrigin, boolean secureCookies, Duration sessionIdle,
      Duration liveInterval, HealthChecks health, ServiceMetrics metrics, SecureRandom random, Clock clock) {
  }

  private final Router router;
  private final Dependencies d;
  private final Pages pages;
  private final Handler<RoutingContext> formBody = BodyHandler.create(false).setBodyLimit(FORM_LIMIT_BYTES);
  private final CsrfGuard csrf;

  private ConsoleRoutes(Router router, Dependencies d, Pages pages) {
    this.router = router;
    this.d = d;
    this.pages = pages;
    this.csrf = new CsrfGuard(d.publicOrigin());
  }

  /** Session cookie: HttpOnly (no script reads it), SameSite=Lax (the hosted UI's redirect back is a top-level GET). */
  static SessionHandler sessions(Vertx vertx, boolean secure, Duration idle) {
    SessionStore store = LocalSessionStore.create(vertx, SESSIONS_MAP, 60_000);
    return SessionHandler.create(store)
        // __Host- binds the cookie to this exact origin (no Domain, Path=/, Secure): RFC 6265bis §4.1.3.2.
        .setSessionCookieName(secure ? "__Host-nodeward-session" : "nodeward-session")
        .setSessionCookiePath("/")
        .setCookieHttpOnlyFlag(true)
        .setCookieSecureFlag(secure)
        .setCookieSameSite(CookieSameSite.LAX)
        .setSessionTimeout(idle.toMillis())
        .setLazySession(true)
        .setMinLength(32);
  }

  public static Router router(Vertx vertx, Dependencies d) {
    Pages pages = new Pages(TemplateEngine.createPrecompiled(null, ContentType.Html, null, "io.nodeward.console.templates"),
        Assets.fromClasspath(), d.random(), d.clock());
    Router router = Router.router(vertx);
    new ConsoleRoutes(router, d, pages).mount(vertx);
    return router;
  }

  private void mount(Vertx vertx) {
    router.route().handler(RequestIds.create());
    router.route().handler(new RequestTiming(d.metrics()));
    router.route().handler(new SecurityHeaders(d.hostedUiOrigin()));
    d.health().mount(router);
    d.metrics().mount(vertx, router);
    router.get("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars")
        .setMaxAgeSeconds(Duration.ofDays(365).toSeconds()).setDirectoryListing(false));
    router.get("/static/:version/*").handler(StaticHandler.create("console-static")
        .setMaxAgeSeconds(Duration.ofDays(1).toSeconds()).setDirectoryListing(false));

    router.route().handler(new CanonicalHost(d.publicOrigin()));
    router.route().handler(sessions(vertx, d.secureCookies(), d.sessionIdle()));
    router.get("/signin").handler(d.signIn()::signIn);
    router.get("/callback").handler(d.signIn()::callback);
    router.post("/signout").handler(formBody).handler(this::signedInOrGone).handler(csrf).handler(d.signIn()::signOut);
    router.get("/signed-out").handler(new SignedOutPage(pages));

    router.get("/").handler(ctx -> ctx.redirect("/nodes"));
    page(HttpMethod.GET, "/nodes").handler(new NodesPage(pages, d.issuer()));
    page(HttpMethod.GET, "/account").handler(new AccountPage(pages));

    page(HttpMethod.GET, "/certificates").handler(new CertificatesPage(pages, d.issuer()));
    CertificatePage certificate = new CertificatePage(pages, d.issuer());
    page(HttpMethod.GET, "/certificates/:serial").handler(certificate::show);
    page(HttpMethod.GET, "/certificates/:serial/chain.pem").handler(certificate::chain);
    page(HttpMethod.GET, "/certificates/:serial/revoke").handler(certificate::confirm);
    page(HttpMethod.POST, "/certificates/:serial/revoke").handler(certificate::revoke);

    IssuePage issue = new IssuePage(pages, d.issuer());
    page(HttpMethod.GET, "/issue").handler(issue::form);
    router.post("/issue").handler(new MultipartForm(IssuePage.MAX_FORM_BYTES)).handler(d.guard()).handler(this::rememberViewer)
        .handler(csrf).handler(issue::issue);

    AccessPage access = new AccessPage(pages, d.issuer(), d.audit(), d.liveInterval());
    page(HttpMethod.GET, "/access").handler(access::page);
    page(HttpMethod.GET, "/access/live").handler(access::live);

    AuditPages audit = new AuditPages(pages, d.audit(), d.exports());
    page(HttpMethod.GET, "/audit").handler(audit::search);
    page(HttpMethod.GET, "/audit/events/:sequence").handler(audit::event);
    page(HttpMethod.GET, "/audit/integrity").handler(audit::integrity);
    page(HttpMethod.GET, "/audit/integrity/verdict").handler(audit::verdict);
    page(HttpMethod.GET, "/audit/summary").handler(audit::summary);
    page(HttpMethod.GET, "/audit/export").handler(audit::export);

    AdminPages admin = new AdminPages(pages, d.issuer());
    page(HttpMethod.GET, "/admin/nodes").handler(admin::list);
    page(HttpMethod.POST, "/admin/nodes").handler(admin::provision);
    page(HttpMethod.GET, "/admin/nodes/:nodeId/deprovision").handler(admin::confirm);
    page(HttpMethod.POST, "/admin/nodes/:nodeId/deprovision").handler(admin::deprovision);

    ErrorPages errors = new ErrorPages(pages);
    router.route().failureHandler(errors);
    for (int status : new int[] {404, 405, 413, 500}) {
      router.errorHandler(status, errors);
    }
  }

  /** A page behind the session guard; state-changing ones also behind the CSRF guard. */
  private Route page(HttpMethod method, String path) {
    Route route = router.route(method, path);
    if (method != HttpMethod.GET) {
      route.handler(formBody);
    }
    route.handler(d.guard()).handler(this::rememberViewer);
    if (method != HttpMethod.GET) {
      route.handler(csrf);
    }
    return route;
  }

  private void rememberViewer(RoutingContext ctx) {
    Pages.rememberViewer(ctx, SessionGuard.user(ctx));
    ctx.next();
  }

  /** Signing out of a session that already ended changes nothing: show that it is over. */
  private void signedInOrGone(RoutingContext ctx) {
    if (ctx.session() == null || io.nodeward.console.auth.BrowserSession.of(ctx).user().isEmpty()) {
      ctx.redirect("/signed-out");
      return;
    }
    ctx.next();
  }
}
