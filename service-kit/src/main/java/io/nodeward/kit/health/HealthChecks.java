package io.nodeward.kit.health;

import io.nodeward.kit.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One health shape for every nodeward service. {@code GET /health/live} says the process answers;
 * {@code GET /health/ready} (and {@code GET /health}, its alias) runs every registered check and answers
 * 200 when all are UP, 503 otherwise, with each check by name. A check that fails or takes longer than its
 * bound counts as DOWN, so a hung dependency makes the service unready instead of hanging the probe.
 */
public final class HealthChecks {

  public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(2);
  private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.-]{0,63}");

  private final Vertx vertx;
  private final String service;
  private final Duration checkTimeout;
  private final Map<String, Supplier<Future<Check>>> checks = new LinkedHashMap<>();

  private HealthChecks(Vertx vertx, String service, Duration checkTimeout) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.service = Objects.requireNonNull(service, "service");
    this.checkTimeout = Objects.requireNonNull(checkTimeout, "checkTimeout");
  }

  public static HealthChecks create(Vertx vertx, String service) {
    return new HealthChecks(vertx, service, DEFAULT_CHECK_TIMEOUT);
  }

  public static HealthChecks create(Vertx vertx, String service, Duration checkTimeout) {
    return new HealthChecks(vertx, service, checkTimeout);
  }

  /** A check answered at once from state in memory. */
  public HealthChecks check(String name, Supplier<Check> check) {
    Objects.requireNonNull(check, "check");
    return checkAsync(name, () -> Future.succeededFuture(check.get()));
  }

  /** A check that asks something (a database, a broker): bounded by the check timeout. */
  public synchronized HealthChecks checkAsync(String name, Supplier<Future<Check>> check) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a check name is a short identifier, not " + name);
    }
    if (checks.putIfAbsent(name, Objects.requireNonNull(check, "check")) != null) {
      throw new IllegalArgumentException("check " + name + " is registered already");
    }
    return this;
  }

  /** GET /health/live, GET /health/ready and GET /health on this router. */
  public HealthChecks mount(Router router) {
    router.get("/health/live").handler(this::live);
    router.get("/health/ready").handler(this::ready);
    router.get("/health").handler(this::ready);
    return this;
  }

  public String service() {
    return service;
  }

  /** {@code {"status":"UP","service":...}}: the event loop answered, which is all liveness means. */
  public JsonObject liveness() {
    return new JsonObject().put("status", "UP").put("service", service);
  }

  /** Runs every check (concurrently, each bounded) and gives the readiness body; never fails. */
  public Future<JsonObject> readiness() {
    List<Map.Entry<String, Supplier<Future<Check>>>> all;
    synchronized (this) {
      all = List.copyOf(checks.entrySet());
    }
    List<Future<Check>> results = all.stream().map(e -> bounded(e.getValue())).toList();
    return Future.join(results).transform(x -> {
      JsonObject byName = new JsonObject();
      boolean up = true;
      for (int i = 0; i < all.size(); i++) {
        Check check = results.get(i).result();
        up &= check.healthy();
        byName.put(all.get(i).getKey(), check.toJson());
      }
      return Future.succeededFuture(new JsonObject()
          .put("status", up ? "UP" : "DOWN")
          .put("service", service)
          .put("checks", byName));
    });
  }

  private void live(RoutingContext ctx) {
    Responses.json(ctx, 200, liveness());
  }

  private void ready(RoutingContext ctx) {
    readiness().onComplete(ar -> {
      JsonObject body = ar.result();
      Responses.json(ctx, "UP".equals(body.getString("status")) ? 200 : 503, body);
    });
  }

  /** The check's outcome, or DOWN when it throws, fails or outlives the timeout; the Future always succeeds. */
  private Future<Check> bounded(Supplier<Future<Check>> check) {
    Promise<Check> outcome = Promise.promise();
    long timer = vertx.setTimer(Math.max(1, checkTimeout.toMillis()),
        id -> outcome.tryComplete(Check.down(new JsonObject().put("error", "timed out"))));
    Future<Check> running;
    try {
      running = Objects.requireNonNull(check.get(), "a check answered null");
    } catch (RuntimeException e) {
      running = Future.failedFuture(e);
    }
    running.onComplete(ar -> {
      vertx.cancelTimer(timer);
      outcome.tryComplete(ar.succeeded() && ar.result() != null
          ? ar.result()
          : Check.down(new JsonObject().put("error", ar.succeeded() ? "no result" : String.valueOf(ar.cause().getMessage()))));
    });
    return outcome.future();
  }
}
