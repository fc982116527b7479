package io.nodeward.kit.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One service's Prometheus metrics: its own registry (never a global one, so the services of the one-process
 * stack keep their numbers apart) and names of the form {@code nodeward_<service>_<what>[_<unit>]}.
 * Micrometer's Prometheus registry adds {@code _total} to counters and {@code _seconds} to timers.
 */
public final class ServiceMetrics implements AutoCloseable {

  private static final Pattern PART = Pattern.compile("[a-z][a-z0-9_]*");

  private final String service;
  private final String prefix;
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics;

  private ServiceMetrics(String service, boolean jvm) {
    if (service == null || !PART.matcher(service).matches()) {
      throw new IllegalArgumentException("a service name is lower-case letters, digits and '_', not " + service);
    }
    this.service = service;
    this.prefix = "nodeward_" + service + "_";
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    if (jvm) {
      new JvmMemoryMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
      this.gcMetrics = new JvmGcMetrics();
      gcMetrics.bindTo(registry);
    } else {
      this.gcMetrics = null;
    }
  }

  /** A registry for {@code service} with the JVM's memory, threads, GC, CPU and uptime bound to it. */
  public static ServiceMetrics create(String service) {
    return new ServiceMetrics(service, true);
  }

  /** Only the service's own meters: for tests, and for a second registry in the same JVM. */
  public static ServiceMetrics withoutJvmMetrics(String service) {
    return new ServiceMetrics(service, false);
  }

  public String service() {
    return service;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** {@code nodeward_<service>_<what>}; {@code what} is lower snake case and does not end in {@code _total}. */
  public String name(String what) {
    if (what == null || !PART.matcher(what).matches()) {
      throw new IllegalArgumentException("a metric name part is lower snake case, not " + what);
    }
    if (what.endsWith("_total")) {
      throw new IllegalArgumentException("leave _total off " + what + ": the Prometheus registry adds it to counters");
    }
    return prefix + what;
  }

  /** @param tags alternating tag names and values */
  public Counter counter(String what, String description, String... tags) {
    return Counter.builder(name(what)).description(description).tags(tags).register(registry);
  }

  /** A timer in seconds with histogram buckets, so dashboards can compute quantiles across instances. */
  public Timer timer(String what, String description, String... tags) {
    return Timer.builder(name(what)).description(description).tags(tags)
        .publishPercentileHistogram().register(registry);
  }

  /** A gauge read at scrape time; {@code value} must be cheap and never block. */
  public Gauge gauge(String what, String description, Supplier<Number> value, String... tags) {
    return Gauge.builder(name(what), value).description(description).tags(tags).register(registry);
  }

  /** The exposition in the given content type ({@link MetricsHandler} picks it), all meters or only the named. */
  String scrape(String contentType, java.util.Set<String> names) {
    return names.isEmpty() ? registry.scrape(contentType) : registry.scrape(contentType, names);
  }

  /** Prometheus text 0.0.4; for tests and debugging. */
  public String scrape() {
    return registry.scrape();
  }

  /** GET /metrics on this router, scraped off the event loop. */
  public ServiceMetrics mount(Vertx vertx, Router router) {
    router.get("/metrics").handler(MetricsHandler.create(vertx, this));
    return this;
  }

  @Override
  public void close() {
    if (gcMetrics != null) {
      gcMetrics.close();
    }
    registry.close();
  }

  @Override
  public String toString() {
    return "ServiceMetrics[" + Objects.requireNonNull(service) + "]";
  }
}
