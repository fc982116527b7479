package io.nodeward.authorizer.kafka;

import io.nodeward.authorizer.domain.AllowListSnapshot;
import io.nodeward.authorizer.app.AllowListStatus;
import io.nodeward.authorizer.domain.Freshness;
import io.nodeward.events.AuthorizerStatus;
import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.EventData;
import io.nodeward.events.NodeDeprovisioned;
import io.nodeward.events.Topics;
import io.nodeward.kit.kafka.ConsumedEvent;
import io.nodeward.kit.kafka.ConsumerSpec;
import io.nodeward.kit.kafka.EventConsumer;
import io.nodeward.kit.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live allow-list: every partition of the nodes and certificates topics replayed from the beginning
 * (no consumer group, no commits, so every instance holds everything), applied batch by batch into a new
 * {@link AllowListSnapshot} swapped in with one volatile write.
 *
 * <p>Freshness: every {@code checkInterval} it asks the broker for the end offsets and waits until the
 * consumer has applied up to them; when it has, everything published before the question was asked is in
 * the list, so freshness is confirmed as of the moment of asking. If the broker cannot be reached or the
 * consumer is stuck, the confirmation ages and the policy fails closed past the bound.
 */
public final class AllowList implements AllowListStatus {

  private static final Logger LOG = LoggerFactory.getLogger(AllowList.class);
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

  private final Vertx vertx;
  private final Clock clock;
  private final Duration maxStaleness;
  private volatile AllowListSnapshot snapshot = AllowListSnapshot.EMPTY;
  private volatile Instant confirmedAt;
  private volatile long lag = -1;
  private volatile boolean checking;
  private volatile boolean staleLogged;
  private final Map<String, Long> appliedInBatches = new ConcurrentHashMap<>();
  private final SharedCatchUp catchUp = new SharedCatchUp(() -> this.consumer.awaitCaughtUp());
  private volatile Runnable onRevocationApplied = () -> { };
  private EventConsumer consumer;
  private long timerId = -1;
  private int ticks;

  private AllowList(Vertx vertx, Clock clock, Duration maxStaleness) {
    this.vertx = vertx;
    this.clock = clock;
    this.maxStaleness = maxStaleness;
  }

  /** Starts consuming and completes once the initial replay is applied (the list is fresh). */
  public static Future<AllowList> start(Vertx vertx, KafkaSettings settings, Duration maxStaleness,
      Duration checkInterval, Clock clock) {
    AllowList list = new AllowList(vertx, clock, maxStaleness);
    ConsumerSpec spec = ConsumerSpec.replay(Topics.NODES, Topics.CERTIFICATES).withRetryBackoff(Duration.ofMillis(200));
    return EventConsumer.start(vertx, settings, spec, list::apply)
        .compose(consumer -> {
          list.consumer = consumer;
          Instant asked = clock.instant();
          return consumer.awaitCaughtUp().onSuccess(v -> list.confirm(asked));
        })
        .map(v -> {
          list.timerId = vertx.setPeriodic(checkInterval.toMillis(), id -> list.check());
          LOG.info("allow-list replayed: {} certificate(s), {} node(s)", list.snapshot.certificateCount(),
              list.snapshot.nodeCount());
          return list;
        });
  }

  /**
   * Swaps in the new snapshot, then notes the batch's offsets as applied: from this moment every decision, on
   * every connection, reads a snapshot that has them. A revocation or deprovisioning among them is announced at
   * once (the status publisher tells the issuer, which waits for every instance).
   */
  private Future<Void> apply(List<ConsumedEvent> batch) {
    List<EventData> events = new ArrayList<>(batch.size());
    boolean revokes = false;
    for (ConsumedEvent consumed : batch) {
      EventData data = consumed.event().data();
      events.add(data);
      revokes |= data instanceof CertificateRevoked || data instanceof NodeDeprovisioned;
    }
    snapshot = snapshot.apply(events);
    for (ConsumedEvent consumed : batch) {
      appliedInBatches.merge(consumed.topic() + "\u0000" + consumed.partition(), consumed.offset() + 1, Math::max);
    }
    if (revokes) {
      onRevocationApplied.run();
    }
    return Future.succeededFuture();
  }

  /** Called (on the consumer's thread) right after a batch with a revocation or deprovisioning is applied. */
  public void onRevocationApplied(Runnable listener) {
    onRevocationApplied = listener;
  }

  /**
   * For every partition of the nodes and certificates topics, the next offset to apply: the consumer's position
   * after its last batch, or the offsets of a batch just applied when they are further on.
   */
  public List<AuthorizerStatus.AppliedOffset> appliedOffsets() {
    Map<String, AuthorizerStatus.AppliedOffset> byPartition = new TreeMap<>();
    if (consumer != null) {
      consumer.appliedPositions().forEach((tp, position) -> byPartition.put(tp.getTopic() + "\u0000" + tp.getPartition(),
          new AuthorizerStatus.AppliedOffset(tp.getTopic(), tp.getPartition(), position)));
    }
    appliedInBatches.forEach((key, next) -> byPartition.merge(key, offset(key, next),
        (a, b) -> a.nextOffset() >= b.nextOffset() ? a : b));
    return List.copyOf(byPartition.values());
  }

  private static AuthorizerStatus.AppliedOffset offset(String key, long next) {
    int split = key.indexOf('\u0000');
    return new AuthorizerStatus.AppliedOffset(key.substring(0, split), Integer.parseInt(key.substring(split + 1)), next);
  }

  /** Completes once everything published before the call is applied (one broker question for many callers). */
  @Override
  public Future<Void> catchUp() {
    return catchUp.await();
  }

  /**
   * At most one question to the broker is outstanding: while the broker is unreachable, a Kafka client call
   * blocks the consumer's thread until its API timeout, and piling up more would only delay recovery and close.
   */
  private void check() {
    Instant asked = clock.instant();
    if (!freshness().isFresh(asked) && !staleLogged) {
      staleLogged = true;
      LOG.warn("allow-list is stale (last confirmed {}); every request is denied ALLOWLIST_STALE until it catches up",
          confirmedAt);
    }
    if (checking) {
      return;
    }
    checking = true;
    boolean measureLag = ++ticks % 4 == 0;
    consumer.awaitCaughtUp()
        .onSuccess(v -> confirm(asked))
        .transform(ar -> measureLag ? consumer.lag().onSuccess(this::recordLag).onFailure(e -> lag = -1).mapEmpty()
            : Future.<Void>succeededFuture())
        .onComplete(ar -> checking = false);
  }

  private void confirm(Instant asked) {
    Instant previous = confirmedAt;
    if (previous == null || asked.isAfter(previous)) {
      confirmedAt = asked;
    }
    if (staleLogged && freshness().isFresh(clock.instant())) {
      staleLogged = false;
      LOG.info("allow-list is fresh again");
    }
  }

  private void recordLag(Map<?, Long> perPartition) {
    lag = perPartition.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public AllowListSnapshot snapshot() {
    return snapshot;
  }

  @Override
  public Freshness freshness() {
    return new Freshness(confirmedAt, maxStaleness);
  }

  @Override
  public long lag() {
    return lag;
  }

  @Override
  public boolean consumerRunning() {
    return consumer != null && consumer.running();
  }

  @Override
  public String consumerError() {
    return consumer == null ? null : consumer.lastError();
  }

  @Override
  public long appliedEvents() {
    return consumer == null ? 0 : consumer.appliedEvents();
  }

  /**
   * Stops consuming. Waits at most {@code CLOSE_GRACE} for the consumer: during a broker outage its thread can be
   * stuck in a client call until the API timeout, and the close then finishes in the background.
   */
  public Future<Void> close() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    if (consumer == null) {
      return Future.succeededFuture();
    }
    Promise<Void> grace = Promise.promise();
    long timer = vertx.setTimer(CLOSE_GRACE.toMillis(), id -> {
      LOG.warn("allow-list consumer did not close within {} ms (broker unreachable?); it closes in the background",
          CLOSE_GRACE.toMillis());
      grace.tryComplete();
    });
    consumer.close().onComplete(ar -> {
      vertx.cancelTimer(timer);
      grace.tryComplete();
    });
    return grace.future();
  }
}
