package io.nodeward.issuer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.nodeward.events.CertificateIssued;
import io.nodeward.events.CertificateStatus;
import io.nodeward.events.EventData;
import io.nodeward.events.IssuanceDenied;
import io.nodeward.events.IssuanceRefusal;
import io.nodeward.events.KeySource;
import io.nodeward.issuer.domain.CertificateRegistry;
import io.nodeward.issuer.domain.Propagation;
import io.nodeward.kit.metrics.ServiceMetrics;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The issuer's Prometheus metrics ({@code nodeward_issuer_*}, /work/team/contracts/metrics.md): certificates
 * issued by key source and refusals by reason (counted from the events the log acknowledged), latency of the
 * whole HTTP call by route, of CA signing and of the Kafka acknowledgement, certificates by status and those
 * expiring within 7 days (counted at scrape time, off the event loop), and how revocations propagated.
 */
public final class IssuerMetrics {

  public static final String SERVICE = "issuer";
  private static final Duration EXPIRING_WITHIN = Duration.ofDays(7);

  private final ServiceMetrics metrics;
  private final Map<KeySource, Counter> issued = new EnumMap<>(KeySource.class);
  private final Map<IssuanceRefusal, Counter> denied = new EnumMap<>(IssuanceRefusal.class);
  private final Timer caSign;
  private final Timer kafkaAck;
  private final Timer propagationConfirmed;
  private final Timer propagationPending;

  public IssuerMetrics(ServiceMetrics metrics, CertificateRegistry certificates, Clock clock) {
    this.metrics = metrics;
    for (KeySource source : KeySource.values()) {
      issued.put(source, metrics.counter("certificates_issued", "Certificates issued (acknowledged by Kafka), by "
          + "where the key was made", "key_source", lower(source)));
    }
    for (IssuanceRefusal reason : IssuanceRefusal.values()) {
      denied.put(reason, metrics.counter("issuance_denied", "Issuance requests refused (IssuanceDenied recorded), "
          + "by reason", "reason", reason.name()));
    }
    caSign = metrics.timer("ca_sign", "Time the CA back end took to sign one certificate");
    kafkaAck = metrics.timer("kafka_ack", "Time from publishing an issuer event to Kafka's acknowledgement (acks=all)");
    propagationConfirmed = metrics.timer("revocation_propagation", "Time a revocation or deprovisioning waited for "
        + "the authorizers, by outcome", "outcome", "confirmed");
    propagationPending = metrics.timer("revocation_propagation", "Time a revocation or deprovisioning waited for "
        + "the authorizers, by outcome", "outcome", "pending");
    for (CertificateStatus status : CertificateStatus.values()) {
      metrics.gauge("certificates", "Certificates the issuer knows, by status",
          () -> certificates.count(status, clock.instant()), "status", lower(status));
    }
    metrics.gauge("certificates_expiring_7d", "Active certificates whose notAfter is within the next 7 days",
        () -> certificates.expiringWithin(clock.instant(), EXPIRING_WITHIN));
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  public ServiceMetrics metrics() {
    return metrics;
  }

  /** An event the log acknowledged after {@code nanos}: counts issuances and refusals. */
  public void recorded(EventData data, long nanos) {
    kafkaAck.record(nanos, TimeUnit.NANOSECONDS);
    if (data instanceof CertificateIssued certificate && certificate.keySource() != null) {
      issued.get(certificate.keySource()).increment();
    } else if (data instanceof IssuanceDenied refusal && refusal.reason() != null) {
      denied.get(refusal.reason()).increment();
    }
  }

  public void caSigned(long nanos) {
    caSign.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void propagated(Propagation propagation, long nanos) {
    (propagation.complete() ? propagationConfirmed : propagationPending).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** First on the router: times every call to its end, by route template and status ({@code _request_seconds}). */
  public Handler<RoutingContext> requestTimer() {
    return ctx -> {
      long began = System.nanoTime();
      ctx.addEndHandler(v -> {
        String route = ctx.currentRoute() == null || ctx.currentRoute().getPath() == null
            ? "other" : ctx.currentRoute().getPath();
        metrics.timer("request", "The whole HTTP call, by route and status", "route", route,
            "status", Integer.toString(ctx.response().getStatusCode()))
            .record(System.nanoTime() - began, TimeUnit.NANOSECONDS);
      });
      ctx.next();
    };
  }
}
