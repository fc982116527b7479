package io.nodeward.authorizer.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nodeward.authorizer.app.AllowListStatus;
import io.nodeward.authorizer.app.DecisionRecorder;
import io.nodeward.authorizer.app.DecisionSink;
import io.nodeward.events.AccessDecided;
import io.nodeward.events.DecisionReason;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** The authorizer's Prometheus metrics; counts every decision by effect and reason. */
public final class AuthorizerMetrics implements DecisionSink {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<DecisionReason, Counter> decisions = new EnumMap<>(DecisionReason.class);
  private final Counter connectionFailures;

  public AuthorizerMetrics(AllowListStatus allowList, DecisionRecorder recorder, Clock clock) {
    for (DecisionReason reason : DecisionReason.values()) {
      decisions.put(reason, Counter.builder("nodeward_authorizer_decisions")
          .description("Access decisions by effect and reason")
          .tag("effect", reason.effect().name())
          .tag("reason", reason.name())
          .register(registry));
    }
    connectionFailures = Counter.builder("nodeward_authorizer_gateway_connection_failures")
        .description("Gateway connections that failed, mostly refused TLS handshakes (no or untrusted client "
            + "certificate, old protocol)")
        .register(registry);
    Gauge.builder("nodeward_authorizer_allowlist_certificates", allowList, l -> l.snapshot().certificateCount())
        .description("Certificates known to the allow-list (active and revoked)").register(registry);
    Gauge.builder("nodeward_authorizer_allowlist_nodes", allowList, l -> l.snapshot().nodeCount())
        .description("Provisioned nodes known to the allow-list").register(registry);
    Gauge.builder("nodeward_authorizer_consumer_lag_records", allowList, AllowListStatus::lag)
        .description("Records on the nodes and certificates topics not applied yet (-1 unknown)").register(registry);
    Gauge.builder("nodeward_authorizer_allowlist_freshness_age_seconds", allowList, l -> {
          Duration age = l.freshness().age(clock.instant());
          return age == null ? Double.NaN : age.toMillis() / 1000.0;
        })
        .description("Time since the allow-list last confirmed it had consumed everything").register(registry);
    Gauge.builder("nodeward_authorizer_allowlist_fresh", allowList, l -> l.freshness().isFresh(clock.instant()) ? 1 : 0)
        .description("1 while the allow-list is fresh, 0 while every request is denied ALLOWLIST_STALE")
        .register(registry);
    Gauge.builder("nodeward_authorizer_spool_bytes", recorder, DecisionRecorder::backlogBytes)
        .description("Bytes of decision events waiting on disk for Kafka").register(registry);
    Gauge.builder("nodeward_authorizer_spool_events", recorder, DecisionRecorder::backlogEvents)
        .description("Decision events waiting on disk for Kafka").register(registry);
    // Totals kept by the recorder are exposed as counters (…_total), as the common naming scheme asks.
    FunctionCounter.builder("nodeward_authorizer_spool_dropped", recorder, DecisionRecorder::dropped)
        .description("Decision events dropped because the spool was full").register(registry);
    FunctionCounter.builder("nodeward_authorizer_decisions_published", recorder, DecisionRecorder::published)
        .description("Decision events acknowledged by Kafka on first send").register(registry);
    FunctionCounter.builder("nodeward_authorizer_decisions_resent", recorder, DecisionRecorder::resent)
        .description("Decision events delivered to Kafka from the spool").register(registry);
    FunctionCounter.builder("nodeward_authorizer_spool_unreadable", recorder, DecisionRecorder::unreadable)
        .description("Spool records that could not be read back (torn by a crash mid-write); set aside as "
            + "<segment>.unreadable").register(registry);
    FunctionCounter.builder("nodeward_authorizer_decisions_not_durable", recorder, DecisionRecorder::notDurable)
        .description("Decisions neither Kafka nor the spool could hold: their requests were refused "
            + "DECISION_NOT_DURABLE (503)").register(registry);
    FunctionCounter.builder("nodeward_authorizer_decisions_spooled_after_ack_wait", recorder,
            DecisionRecorder::spooledAfterAckWait)
        .description("Decisions fsync'd in the spool because Kafka had not acknowledged them in time "
            + "(durability before-forward)").register(registry);
    Gauge.builder("nodeward_authorizer_decision_durability_failing", recorder, r -> r.durabilityFailing() ? 1 : 0)
        .description("1 while decisions cannot be made durable (spool full or failing, Kafka not acknowledging): "
            + "every request is refused DECISION_NOT_DURABLE").register(registry);
  }

  @Override
  public void decided(AccessDecided decision) {
    decisions.get(decision.reason()).increment();
  }

  public void connectionFailed(Throwable failure) {
    connectionFailures.increment();
  }

  public double connectionFailures() {
    return connectionFailures.count();
  }

  public double count(DecisionReason reason) {
    return decisions.get(reason).count();
  }

  public String scrape() {
    return registry.scrape();
  }
}
