package io.nodeward.kit.metrics;

import io.nodeward.kit.http.Problem;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.HashMap;
import java.util.regex.Pattern;

/**
 * {@code GET /metrics}. A scrape walks every meter, which takes milliseconds on a busy service: it runs on one
 * worker thread of its own, never on an event loop, and identical scrapes that arrive while one runs share its
 * result, so a flood of scrapes can neither block request handling nor occupy the shared worker pool. Bad
 * input gets a precise RFC 9457 answer: a malformed {@code Accept} 400, an unservable one 406, an oversized
 * query 414, an unknown parameter 400, too many waiting scrapes 503.
 */
public final class MetricsHandler implements Handler<RoutingContext> {

  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  static final int MAX_QUERY_LENGTH = 1024;
  static final int MAX_WAITING = 16;
  private static final String NAME_PARAMETER = "name[]";
  private static final String[] SAMPLE_SUFFIXES = {"_total", "_created", "_bucket", "_count", "_sum", "_max", "_info"};
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]{0,199}");

  private final ServiceMetrics metrics;
  private final WorkerExecutor worker;
  private final Map<String, Future<String>> inFlight = new HashMap<>();

  private MetricsHandler(Vertx vertx, ServiceMetrics metrics) {
    this.metrics = metrics;
    this.worker = vertx.createSharedWorkerExecutor("nodeward-metrics-" + metrics.service(), 1);
  }

  public static MetricsHandler create(Vertx vertx, ServiceMetrics metrics) {
    return new MetricsHandler(vertx, metrics);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String query = ctx.request().query();
    if (query != null && query.length() > MAX_QUERY_LENGTH) {
      refuse(ctx, 414, "QUERY_TOO_LONG", "URI too long",
          "The query string is longer than " + MAX_QUERY_LENGTH + " characters.");
      return;
    }
    AcceptHeader.Format format;
    try {
      var chosen = AcceptHeader.choose(ctx.request().getHeader(HttpHeaders.ACCEPT));
      if (chosen.isEmpty()) {
        refuse(ctx, 406, "NOT_ACCEPTABLE", "Not acceptable",
            "Metrics are served as text/plain (Prometheus 0.0.4) or application/openmetrics-text.");
        return;
      }
      format = chosen.get();
    } catch (AcceptHeader.MalformedAccept e) {
      refuse(ctx, 400, "MALFORMED_ACCEPT", "Bad request", e.getMessage());
      return;
    }
    Set<String> names;
    try {
      names = names(ctx.queryParams());
    } catch (IllegalArgumentException e) {
      refuse(ctx, 400, "UNKNOWN_PARAMETER", "Bad request", e.getMessage());
      return;
    }
    String contentType = format == AcceptHeader.Format.OPENMETRICS
        ? OPENMETRICS_TEXT
        : PROMETHEUS_TEXT;
    scrape(contentType, names).onComplete(ar -> {
      if (ar.succeeded()) {
        Responses.noStore(ctx.response()).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(ar.result());
      } else if (ar.cause() instanceof Busy) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
        refuse(ctx, 503, "METRICS_BUSY", "Service unavailable", "Too many scrapes are waiting; try again shortly.");
      } else {
        ctx.fail(ar.cause());
      }
    });
  }

  private static Set<String> names(MultiMap params) {
    Set<String> names = new TreeSet<>();
    for (Map.Entry<String, String> param : params) {
      if (!NAME_PARAMETER.equals(param.getKey())) {
        throw new IllegalArgumentException("The only query parameter /metrics takes is name[] (a metric name).");
      }
      if (!METRIC_NAME.matcher(param.getValue()).matches()) {
        throw new IllegalArgumentException("name[] must be a metric name.");
      }
      names.add(param.getValue());
      // The registry filters on family names (no _total, _bucket...); scrapers ask by sample names.
      for (String suffix : SAMPLE_SUFFIXES) {
        if (param.getValue().endsWith(suffix)) {
          names.add(param.getValue().substring(0, param.getValue().length() - suffix.length()));
        }
      }
    }
    return names;
  }

  private static final class Busy extends RuntimeException {
    Busy() {
      super("too many scrapes waiting", null, false, false);
    }
  }

  /** One scrape per distinct request at a time on the metrics worker; later identical requests share it. */
  private Future<String> scrape(String contentType, Set<String> names) {
    String key = contentType + '|' + names;
    Future<String> started;
    synchronized (inFlight) {
      Future<String> running = inFlight.get(key);
      if (running != null) {
        return running;
      }
      if (inFlight.size() >= MAX_WAITING) {
        return Future.failedFuture(new Busy());
      }
      started = worker.executeBlocking(() -> metrics.scrape(contentType, names), false);
      inFlight.put(key, started);
    }
    return started.onComplete(x -> {
      synchronized (inFlight) {
        inFlight.remove(key, started);
      }
    });
  }

  private static void refuse(RoutingContext ctx, int status, String code, String title, String detail) {
    Responses.problem(ctx, new Problem(status, code, title, detail));
  }
}
