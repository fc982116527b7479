package io.nodeward.console.web;

import io.nodeward.console.auth.BrowserSession;
import io.nodeward.console.auth.SessionGuard;
import io.nodeward.console.client.ApiProblem;
import io.nodeward.console.client.ApiUnavailable;
import io.nodeward.console.domain.ConsoleProblem;
import io.nodeward.console.web.view.Chrome;
import io.nodeward.console.web.view.ErrorView;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become pages: an API's problem as its sentence and code, an unreachable API as a
 * banner, an unknown page or someone else's object as the same 404 page, a session the APIs no longer accept as a
 * trip through sign-in. Anything unexpected is logged once here and shown without a stack trace.
 */
final class ErrorPages implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

  private final Pages pages;

  ErrorPages(Pages pages) {
    this.pages = pages;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset(); // a streamed answer (an export) broke off: the client must see it incomplete
      return;
    }
    Throwable failure = ctx.failure();
    if (failure instanceof ApiProblem problem && problem.status() == 401) {
      // The API no longer accepts this session's token (revoked, keys rotated): sign in again.
      if (ctx.session() != null && !ctx.session().isDestroyed()) {
        BrowserSession.of(ctx).destroy();
      }
      SessionGuard.toSignIn(ctx);
      return;
    }
    ErrorView view = view(ctx, failure);
    if ("true".equals(ctx.request().getHeader("HX-Request"))) {
      // A fragment request: htmx shows a banner from this status and text (console.js), the page stays.
      ctx.response().setStatusCode(view.status()).putHeader("Content-Type", "text/plain; charset=utf-8")
          .end(view.sentence() + (view.code() == null ? "" : " (" + view.code() + ")"));
      return;
    }
    pages.render(ctx, view.status(), "error.jte", view);
  }

  private ErrorView view(RoutingContext ctx, Throwable failure) {
    if (failure instanceof ConsoleProblem problem) {
      boolean signIn = problem.code().startsWith("SIGN_IN") || "STATE_MISMATCH".equals(problem.code())
          || problem.code().startsWith("ID_TOKEN") || "NONCE_MISMATCH".equals(problem.code());
      return new ErrorView(chrome(ctx, problem.title()), problem.status(), problem.title(), problem.sentence(), problem.code(),
          signIn ? "/signin" : null, signIn ? "Sign in again" : null);
    }
    if (failure instanceof ApiProblem problem) {
      if (problem.status() == 404) {
        return notFound(ctx, problem.code());
      }
      String title = problem.status() == 403 ? "Not allowed" : problem.status() >= 500 ? "The " + problem.api() + " API failed" : "That did not work";
      return new ErrorView(chrome(ctx, title), problem.status() >= 500 ? 502 : problem.status(), title, problem.sentence(),
          problem.code(), null, null);
    }
    if (failure instanceof ApiUnavailable down) {
      Chrome chrome = chrome(ctx, "Service unavailable");
      String text = "The " + down.api() + " API cannot be reached right now, so this page cannot show its data. "
          + "Nothing was changed. Try again in a moment.";
      chrome = withBanner(chrome, new Chrome.Banner("error", text, down.api().toUpperCase() + "_API_UNAVAILABLE"));
      return new ErrorView(chrome, 503, "Service unavailable", "The " + down.api() + " API is not answering.",
          down.api().toUpperCase() + "_API_UNAVAILABLE", ctx.request().uri(), "Try again");
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    if (failure == null || failure instanceof HttpException) {
      return byStatus(ctx, status);
    }
    LOG.error("Unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
    return new ErrorView(chrome(ctx, "Something went wrong"), 500, "Something went wrong",
        "The console could not complete this request. Nothing secret was shown or logged; try again.", "INTERNAL_ERROR",
        null, null);
  }

  private ErrorView byStatus(RoutingContext ctx, int status) {
    return switch (status) {
      case 404 -> notFound(ctx, "NOT_FOUND");
      case 405 -> new ErrorView(chrome(ctx, "Not allowed"), 405, "Not allowed", "This page cannot be used that way.",
          "METHOD_NOT_ALLOWED", null, null);
      case 413 -> new ErrorView(chrome(ctx, "Too large"), 413, "Too large", "What you sent is larger than the console accepts.",
          "BODY_TOO_LARGE", null, null);
      case 400 -> new ErrorView(chrome(ctx, "That did not work"), 400, "That did not work",
          "The console could not read this request.", "BAD_REQUEST", null, null);
      default -> new ErrorView(chrome(ctx, "Something went wrong"), status >= 400 && status < 600 ? status : 500,
          "Something went wrong", "The console could not complete this request. Try again.", "HTTP_" + status, null, null);
    };
  }

  private ErrorView notFound(RoutingContext ctx, String code) {
    return new ErrorView(chrome(ctx, "Page not found"), 404, "Page not found",
        "There is no such page, or what it shows is not yours.", code, null, null);
  }

  private Chrome chrome(RoutingContext ctx, String title) {
    return pages.chrome(ctx, title, "");
  }

  private static Chrome withBanner(Chrome chrome, Chrome.Banner banner) {
    List<Chrome.Banner> banners = new java.util.ArrayList<>(chrome.banners());
    banners.add(banner);
    return new Chrome(chrome.title(), chrome.section(), chrome.viewer(), chrome.csrfToken(), banners, chrome.charts(), chrome.assets());
  }
}
