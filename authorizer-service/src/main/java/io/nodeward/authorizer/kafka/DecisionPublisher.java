package io.nodeward.authorizer.kafka;

import io.nodeward.events.AccessDecided;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.EventData;
import io.nodeward.events.EventType;
import io.nodeward.events.InvalidEventException;
import io.nodeward.kit.kafka.EventPublisher;
import io.nodeward.kit.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every access decision as an {@link AccessDecided} CloudEvent whose id is the decision id, without
 * ever making a request wait or fail for it. When Kafka does not acknowledge (outage), the event goes to the
 * on-disk {@link DecisionSpool}, and so does every later decision until the spool has been re-sent; spooled
 * events keep their id, so the audit service deduplicates a decision that reached Kafka twice.
 * On close, events still waiting for Kafka are spooled, so a restart during an outage loses none.
 */
public final class DecisionPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(DecisionPublisher.class);

  private final Vertx vertx;
  private final EventPublisher kafka;
  private final EventCodec codec;
  private final DecisionSpool spool;
  private final WorkerExecutor spoolWorker;
  private final String source;
  private final Set<CloudEvent<AccessDecided>> inFlight = ConcurrentHashMap.newKeySet();
  private final Queue<String> toSpool = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong resent = new AtomicLong();
  private final AtomicLong unreadable = new AtomicLong();
  private volatile boolean degraded;
  private volatile boolean closing;
  private final long drainTimer;

  private DecisionPublisher(Vertx vertx, EventPublisher kafka, EventCodec codec, DecisionSpool spool, String source,
      long drainInterval) {
    this.vertx = vertx;
    this.kafka = kafka;
    this.codec = codec;
    this.spool = spool;
    this.source = source;
    this.spoolWorker = vertx.createSharedWorkerExecutor("nodeward-decision-spool-" + System.identityHashCode(this), 1);
    this.drainTimer = vertx.setPeriodic(drainInterval, drainInterval, id -> drain());
  }

  /** Opens the spool (blocking file I/O, on a worker) and the producer. */
  public static Future<DecisionPublisher> create(Vertx vertx, KafkaSettings settings, String source, Path spoolDir,
      long spoolMaxBytes, long drainIntervalMillis) {
    EventCodec codec = new EventCodec();
    return vertx.executeBlocking(() -> new DecisionSpool(spoolDir, spoolMaxBytes))
        .map(spool -> {
          if (spool.pendingEvents() > 0) {
            LOG.info("{} decision event(s) left in the spool by an earlier run will be re-sent", spool.pendingEvents());
          }
          return new DecisionPublisher(vertx, EventPublisher.create(vertx, settings, source), codec, spool, source,
              drainIntervalMillis);
        });
  }

  /** Never blocks, never throws: the request that made the decision has already been answered or proxied. */
  public void publish(AccessDecided decision) {
    CloudEvent<AccessDecided> event =
        new CloudEvent<>(decision.decisionId(), source, EventType.ACCESS_DECIDED, decision.decidedAt(), decision);
    if (degraded || closing) {
      spoolLater(event);
      return;
    }
    inFlight.add(event);
    try {
      kafka.publish(event).onComplete(ar -> {
        if (!inFlight.remove(event)) {
          return; // close() already spooled it
        }
        if (ar.succeeded()) {
          published.incrementAndGet();
        } else {
          if (!degraded) {
            LOG.warn("Kafka did not take a decision event ({}); spooling decisions to disk until it does",
                ar.cause().getMessage());
          }
          degraded = true;
          spoolLater(event);
        }
      });
    } catch (RuntimeException e) {
      inFlight.remove(event);
      degraded = true;
      spoolLater(event);
    }
  }

  private void spoolLater(CloudEvent<AccessDecided> event) {
    toSpool.add(codec.encode(event));
    if (flushScheduled.compareAndSet(false, true)) {
      spoolWorker.executeBlocking(this::flushToDisk, true)
          .onFailure(e -> LOG.error("could not write the decision spool", e));
    }
  }

  /** Runs on the spool worker: one write and one fsync for everything queued meanwhile. */
  private Void flushToDisk() throws Exception {
    flushScheduled.set(false);
    List<String> lines = new ArrayList<>();
    for (String line = toSpool.poll(); line != null; line = toSpool.poll()) {
      lines.add(line);
    }
    if (!lines.isEmpty()) {
      spool.append(lines);
    }
    return null;
  }

  /** Re-sends sealed segments oldest first; a segment is deleted only after Kafka acknowledged all of it. */
  private void drain() {
    if (closing || spool.pendingEvents() <= 0 && toSpool.isEmpty() || !draining.compareAndSet(false, true)) {
      return;
    }
    spoolWorker.executeBlocking(() -> {
          flushToDisk();
          spool.seal();
          return spool.sealedSegments();
        }, true)
        .compose(this::resendAll)
        .onComplete(ar -> {
          draining.set(false);
          if (ar.succeeded() && spool.pendingEvents() <= 0 && toSpool.isEmpty()) {
            if (degraded) {
              LOG.info("Kafka is back: the decision spool is delivered");
            }
            degraded = false;
          }
        });
  }

  private Future<Void> resendAll(List<Path> segments) {
    Future<Void> chain = Future.succeededFuture();
    for (Path segment : segments) {
      chain = chain.compose(v -> closing ? Future.failedFuture("closing") : resend(segment));
    }
    return chain;
  }

  private Future<Void> resend(Path segment) {
    return spoolWorker.executeBlocking(() -> spool.read(segment), true).compose(lines -> {
      List<Future<Void>> sends = new ArrayList<>(lines.size());
      for (String line : lines) {
        CloudEvent<EventData> event;
        try {
          event = codec.decode(line);
        } catch (InvalidEventException e) {
          // A torn last line after a crash mid-write: nothing to deliver from it.
          unreadable.incrementAndGet();
          continue;
        }
        sends.add(kafka.publish(event));
      }
      return Future.all(sends)
          .compose(all -> spoolWorker.executeBlocking(() -> {
            spool.delete(segment, lines.size());
            return null;
          }, true))
          .onSuccess(v -> resent.addAndGet(sends.size()))
          .mapEmpty();
    });
  }

  public long published() {
    return published.get();
  }

  public long resent() {
    return resent.get();
  }

  public long spoolBytes() {
    return spool.bytes();
  }

  public long spooledEvents() {
    return spool.pendingEvents() + toSpool.size();
  }

  public long dropped() {
    return spool.dropped();
  }

  public boolean degraded() {
    return degraded;
  }

  /** Spools whatever Kafka has not acknowledged yet, then closes the spool and the producer. */
  public Future<Void> close() {
    closing = true;
    vertx.cancelTimer(drainTimer);
    for (CloudEvent<AccessDecided> event : List.copyOf(inFlight)) {
      if (inFlight.remove(event)) {
        toSpool.add(codec.encode(event));
      }
    }
    return spoolWorker.executeBlocking(() -> {
          flushToDisk();
          spool.close();
          return null;
        }, true)
        .onFailure(e -> LOG.error("could not write the decision spool on close", e))
        .transform(v -> kafka.close())
        .transform(v -> {
          spoolWorker.close();
          return Future.<Void>succeededFuture();
        });
  }
}
