package io.nodeward.console.auth;

import io.nodeward.console.domain.ConsoleProblem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of every page: lets a request through only for a signed-in session that is neither idle too long (the
 * session store forgets those) nor older than the maximum age, and refreshes the access token when it is about to
 * expire. Anyone else goes to sign-in and comes back to the page they asked for.
 */
public final class SessionGuard implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(SessionGuard.class);
  private static final String USER_KEY = SessionGuard.class.getName() + ".user";

  private final HostedUiClient hostedUi;
  private final Duration maxAge;
  private final Duration refreshBefore;
  private final Clock clock;

  public SessionGuard(HostedUiClient hostedUi, Duration maxAge, Duration refreshBefore, Clock clock) {
    this.hostedUi = hostedUi;
    this.maxAge = maxAge;
    this.refreshBefore = refreshBefore;
    this.clock = clock;
  }

  /** The signed-in user of a request that passed this guard. */
  public static SignedInUser user(RoutingContext ctx) {
    SignedInUser user = ctx.get(USER_KEY);
    if (user == null) {
      throw new IllegalStateException("no user: the route is not behind the SessionGuard");
    }
    return user;
  }

  @Override
  public void handle(RoutingContext ctx) {
    BrowserSession session = BrowserSession.of(ctx);
    Instant now = clock.instant();
    Optional<SignedInUser> signedIn = session.user();
    if (signedIn.isEmpty() || now.isAfter(signedIn.get().signedInAt().plus(maxAge))) {
      signedIn.ifPresent(user -> session.destroy());
      toSignIn(ctx);
      return;
    }
    SignedInUser user = signedIn.get();
    user.refreshIfDue(clock, refreshBefore, hostedUi::refresh).onComplete(refreshed -> {
      if (refreshed.succeeded()) {
        ctx.put(USER_KEY, user);
        ctx.next();
      } else if (refreshed.cause() instanceof HostedUiClient.Failure failure && failure.unreachable()) {
        if (user.expired(clock.instant())) {
          ctx.fail(new ConsoleProblem(503, "SIGN_IN_UNAVAILABLE", "Sign-in is unavailable",
              "Your session needs a new token and the sign-in service cannot be reached right now. Try again in a moment."));
        } else {
          ctx.put(USER_KEY, user); // the token still works; the next request tries the refresh again
          ctx.next();
        }
      } else {
        // The pool no longer accepts the refresh token (revoked, expired, user removed): sign in again.
        LOG.info("{}'s session ended: the refresh token was refused", user.username());
        session.destroy();
        toSignIn(ctx);
      }
    });
  }

  /**
   * Back through sign-in to where the person was going. A page is redirected; an htmx request (a live view's poll)
   * gets {@code HX-Redirect} so the whole page goes; a form post returns to the page the form was on.
   */
  public static void toSignIn(RoutingContext ctx) {
    boolean htmx = "true".equals(ctx.request().getHeader("HX-Request"));
    String returnTo;
    if (htmx) {
      returnTo = pathOf(ctx.request().getHeader("HX-Current-URL"));
    } else if (ctx.request().method() == HttpMethod.GET || ctx.request().method() == HttpMethod.HEAD) {
      returnTo = ctx.request().uri();
    } else {
      returnTo = pathOf(ctx.request().getHeader("Referer"));
    }
    String location = "/signin?return=" + URLEncoder.encode(ReturnPath.sanitize(returnTo), StandardCharsets.UTF_8);
    if (htmx) {
      ctx.response().setStatusCode(200).putHeader("HX-Redirect", location).putHeader("Cache-Control", "no-store").end();
    } else {
      SignInRoutes.redirect(ctx, ctx.request().method() == HttpMethod.GET ? 302 : 303, location);
    }
  }

  /** The path and query of a URL the browser sent (HX-Current-URL, Referer); only ever used as a same-site path. */
  private static String pathOf(String url) {
    if (url == null) {
      return ReturnPath.HOME;
    }
    try {
      URI uri = new URI(url);
      return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    } catch (java.net.URISyntaxException e) {
      return ReturnPath.HOME;
    }
  }
}
