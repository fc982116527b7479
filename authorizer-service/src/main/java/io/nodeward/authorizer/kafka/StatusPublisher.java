package io.nodeward.authorizer.kafka;

import io.nodeward.events.AuthorizerStatus;
import io.nodeward.kit.kafka.EventPublisher;
import io.nodeward.kit.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what this instance has applied ({@link AuthorizerStatus}) every interval and at once when asked
 * (after a revocation was applied), so that a revocation can wait until every live gateway confirms it. At most
 * one status is in flight: asks that arrive meanwhile fold into one more send right after it, so a burst of
 * revocations or a slow broker never piles up sends. The last status of a clean stop says STOPPING.
 */
public final class StatusPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);
  private static final Duration STOPPING_WAIT = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final EventPublisher events;
  private final AllowList allowList;
  private final String instanceId;
  private final Instant startedAt;
  private final Clock clock;
  private final Duration interval;
  private final AtomicBoolean inFlight = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private final AtomicLong published = new AtomicLong();
  private final long timer;
  private volatile boolean stopping;
  private volatile boolean failing;

  private StatusPublisher(Vertx vertx, EventPublisher events, AllowList allowList, String instanceId, Clock clock,
      Duration interval) {
    this.vertx = vertx;
    this.events = events;
    this.allowList = allowList;
    this.instanceId = instanceId;
    this.startedAt = clock.instant();
    this.clock = clock;
    this.interval = interval;
    this.timer = vertx.setPeriodic(interval.toMillis(), id -> publishNow());
  }

  /** Starts publishing; a short delivery timeout, so that a broker outage shows as failing sends, not a queue. */
  public static StatusPublisher start(Vertx vertx, KafkaSettings settings, AllowList allowList, String instanceId,
      Clock clock, Duration interval) {
    KafkaSettings statusSettings = settings.withClientId(settings.clientId() + "-status")
        .withDeliveryTimeout(Duration.ofSeconds(2));
    StatusPublisher publisher = new StatusPublisher(vertx,
        EventPublisher.create(vertx, statusSettings, "/nodeward/authorizer/" + instanceId), allowList, instanceId,
        clock, interval);
    allowList.onRevocationApplied(publisher::publishNow);
    publisher.publishNow();
    return publisher;
  }

  /** Sends the current status now, or right after the one in flight. Thread-safe, never blocks. */
  public void publishNow() {
    if (stopping) {
      return;
    }
    if (inFlight.compareAndSet(false, true)) {
      send();
    } else {
      again.set(true);
    }
  }

  private void send() {
    events.publish(status(AuthorizerStatus.State.RUNNING)).onComplete(ar -> {
      if (ar.succeeded()) {
        published.incrementAndGet();
        if (failing) {
          failing = false;
          LOG.info("authorizer status is published again");
        }
      } else if (!failing) {
        failing = true;
        LOG.warn("could not publish the authorizer status ({}); revocations will not count this instance as "
            + "confirming until it can", ar.cause().getMessage());
      }
      inFlight.set(false);
      if (again.getAndSet(false) && !stopping && inFlight.compareAndSet(false, true)) {
        send();
      }
    });
  }

  private AuthorizerStatus status(AuthorizerStatus.State state) {
    Instant now = clock.instant();
    return new AuthorizerStatus(instanceId, startedAt, now, state, allowList.freshness().isFresh(now),
        (int) interval.toMillis(), allowList.appliedOffsets());
  }

  /** Statuses acknowledged by Kafka so far. */
  public long published() {
    return published.get();
  }

  /** Says STOPPING (waiting at most a second for it), then closes the producer. */
  public Future<Void> close() {
    stopping = true;
    vertx.cancelTimer(timer);
    allowList.onRevocationApplied(() -> { });
    return events.publish(status(AuthorizerStatus.State.STOPPING))
        .timeout(STOPPING_WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .onFailure(e -> LOG.info("the STOPPING status was not acknowledged ({}); issuers will stop waiting for "
            + "this instance when its statuses age out", e.getMessage()))
        .transform(x -> events.close());
  }
}
