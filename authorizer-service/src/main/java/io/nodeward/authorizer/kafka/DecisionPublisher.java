package io.nodeward.authorizer.kafka;

import io.nodeward.authorizer.store.DecisionSpool;
import io.nodeward.events.AccessDecided;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.EventData;
import io.nodeward.events.EventType;
import io.nodeward.events.InvalidEventException;
import io.nodeward.kit.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every access decision as an {@link AccessDecided} CloudEvent whose id is the decision id, without
 * ever making a request wait or fail for it. When Kafka does not acknowledge (outage), the event goes to the
 * on-disk {@link DecisionSpool}, and so does every later decision until the spool has been re-sent; spooled
 * events keep their id, so the audit service deduplicates a decision that reached Kafka twice.
 * On close, events still waiting for Kafka are spooled, so a restart during an outage loses none.
 *
 * <p>It drives a plain Kafka producer from its own single worker thread rather than through the Vert.x
 * wrapper: during an outage {@code send} blocks on metadata for up to {@code max.block.ms}, and a send that
 * has been spooled in the meantime must be skipped, not handed to the producer late (it would then reach
 * Kafka once the broker is back, and again from the spool).
 */
public final class DecisionPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(DecisionPublisher.class);
  /** How long a send may wait for topic metadata: short, so an outage is detected in well under a second. */
  private static final String MAX_BLOCK_MS = "250";

  private final Vertx vertx;
  private final Producer<String, byte[]> kafka;
  private final EventCodec codec;
  private final DecisionSpool spool;
  private final WorkerExecutor spoolWorker;
  private final WorkerExecutor sender;
  private final String source;
  private final Set<CloudEvent<AccessDecided>> inFlight = ConcurrentHashMap.newKeySet();
  private final Queue<Runnable> toSend = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean sendScheduled = new AtomicBoolean();
  private final Queue<String> toSpool = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong resent = new AtomicLong();
  private final AtomicLong unreadable = new AtomicLong();
  private volatile boolean degraded;
  private volatile boolean closing;
  private final long drainTimer;

  private DecisionPublisher(Vertx vertx, Producer<String, byte[]> kafka, EventCodec codec, DecisionSpool spool,
      String source, long drainInterval) {
    this.vertx = vertx;
    this.kafka = kafka;
    this.codec = codec;
    this.spool = spool;
    this.source = source;
    String id = Integer.toHexString(System.identityHashCode(this));
    this.spoolWorker = vertx.createSharedWorkerExecutor("nodeward-decision-spool-" + id, 1);
    this.sender = vertx.createSharedWorkerExecutor("nodeward-decision-sender-" + id, 1);
    this.drainTimer = vertx.setPeriodic(drainInterval, drainInterval, t -> drain());
  }

  /** Opens the spool (blocking file I/O) and the producer, on a worker. */
  public static Future<DecisionPublisher> create(Vertx vertx, KafkaSettings settings, String source, Path spoolDir,
      long spoolMaxBytes, long drainIntervalMillis) {
    EventCodec codec = new EventCodec();
    return vertx.executeBlocking(() -> {
      DecisionSpool spool = new DecisionSpool(spoolDir, spoolMaxBytes);
      if (spool.pendingEvents() > 0) {
        LOG.info("{} decision event(s) left in the spool by an earlier run will be re-sent", spool.pendingEvents());
      }
      Map<String, Object> config = new HashMap<>(settings.producerConfig());
      config.put("max.block.ms", MAX_BLOCK_MS);
      // Nobody waits for a decision event: a few ms of linger buys fuller batches, less CPU per decision.
      config.put("linger.ms", "5");
      config.put("batch.size", "131072");
      long delivery = Long.parseLong(String.valueOf(config.get("delivery.timeout.ms")));
      long request = Long.parseLong(String.valueOf(config.get("request.timeout.ms")));
      config.put("request.timeout.ms", Long.toString(Math.min(request, delivery - 5 - 1))); // Kafka: >= linger + request

      config.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
      config.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
      return new DecisionPublisher(vertx, new KafkaProducer<>(config), codec, spool, source, drainIntervalMillis);
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
    enqueueSend(() -> {
      // Spooled by close() while waiting its turn: it must not reach Kafka from here any more.
      if (!closing && inFlight.contains(event)) {
        send(event, failure -> onFirstSend(event, failure));
      }
    });
  }

  private void onFirstSend(CloudEvent<AccessDecided> event, Exception failure) {
    if (!inFlight.remove(event)) {
      return; // close() already spooled it
    }
    if (failure == null) {
      published.incrementAndGet();
      return;
    }
    if (!degraded) {
      LOG.warn("Kafka did not take a decision event ({}); spooling decisions to disk until it does",
          failure.getMessage());
    }
    degraded = true;
    spoolLater(event);
  }

  private void enqueueSend(Runnable task) {
    toSend.add(task);
    if (sendScheduled.compareAndSet(false, true)) {
      sender.executeBlocking(() -> {
        sendScheduled.set(false);
        for (Runnable next = toSend.poll(); next != null; next = toSend.poll()) {
          next.run();
        }
        return null;
      }, true);
    }
  }

  /** Runs on the sender thread; the callback runs on Kafka's I/O thread with null or the failure. */
  private void send(CloudEvent<?> event, java.util.function.Consumer<Exception> done) {
    try {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(event.topic().name(), event.key(), codec.encodeBytes(event));
      record.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
      kafka.send(record, (metadata, exception) -> done.accept(exception));
    } catch (RuntimeException e) {
      done.accept(e);
    }
  }

  private Future<Void> sendAsync(CloudEvent<?> event) {
    Promise<Void> sent = Promise.promise();
    enqueueSend(() -> {
      if (closing) {
        sent.tryFail("closing");
      } else {
        send(event, failure -> {
          if (failure == null) {
            sent.tryComplete();
          } else {
            sent.tryFail(failure);
          }
        });
      }
    });
    return sent.future();
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
        sends.add(sendAsync(event));
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

  /**
   * Spools whatever Kafka has not acknowledged yet, then closes the spool and the producer. Unsent records are
   * aborted ({@code close(0)} fails them): they are on disk already.
   */
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
        .transform(v -> vertx.executeBlocking(() -> {
          kafka.close(Duration.ZERO);
          return null;
        }, false))
        .transform(v -> {
          spoolWorker.close();
          sender.close();
          return Future.<Void>succeededFuture();
        });
  }
}
