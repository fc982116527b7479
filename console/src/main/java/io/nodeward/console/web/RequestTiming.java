package io.nodeward.console.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nodeward.kit.metrics.ServiceMetrics;
import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Server time per request, API calls included, from arrival to the response headers: sent as
 * {@code Server-Timing: app;dur=<ms>} (browsers' developer tools show it; the console benchmark reads it) and
 * recorded as {@code nodeward_console_request_seconds{route,status}} (the route's path template, so the label
 * set stays small).
 */
final class RequestTiming implements Handler<RoutingContext> {

  private final MeterRegistry registry;
  private final String name;

  RequestTiming(ServiceMetrics metrics) {
    this.registry = metrics.registry();
    this.name = metrics.name("request");
  }

  @Override
  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.addHeadersEndHandler(v -> {
      long nanos = System.nanoTime() - started;
      ctx.response().putHeader("Server-Timing", String.format(Locale.ROOT, "app;dur=%.2f", nanos / 1e6));
      Route route = ctx.currentRoute();
      String path = route == null || route.getPath() == null ? "other" : route.getPath();
      Timer.builder(name).description("Console requests, server time including API calls")
          .tag("route", path).tag("status", Integer.toString(ctx.response().getStatusCode() / 100) + "xx")
          .publishPercentileHistogram().register(registry)
          .record(nanos, TimeUnit.NANOSECONDS);
    });
    ctx.next();
  }
}
