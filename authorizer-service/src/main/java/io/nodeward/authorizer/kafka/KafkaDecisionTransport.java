package io.nodeward.authorizer.kafka;

import io.nodeward.authorizer.app.DecisionTransport;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.EventSigner;
import io.nodeward.kit.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Decision events to Kafka through a plain producer driven from one worker thread of its own, rather than
 * service-kit's {@code EventPublisher}: during an outage {@code send} blocks on metadata for up to
 * {@code max.block.ms}, and an event spooled in the meantime must be skipped, not handed to the producer late
 * (it would then reach Kafka once the broker is back, and again from the spool). The one thread keeps the
 * order and lets each send ask, at its turn, whether it is still wanted.
 */
public final class KafkaDecisionTransport implements DecisionTransport {

  /** How long a send may wait for topic metadata: short, so an outage is detected in well under a second. */
  private static final String MAX_BLOCK_MS = "250";

  private final Vertx vertx;
  private final Producer<String, byte[]> kafka;
  private final EventCodec codec;
  /** The authorizer's event key; null when it signs nothing (tests). Signing runs here, on the sender thread. */
  private final EventSigner signer;
  private final WorkerExecutor sender;
  private final Queue<Runnable> queued = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean runScheduled = new AtomicBoolean();

  private KafkaDecisionTransport(Vertx vertx, Producer<String, byte[]> kafka, EventCodec codec, EventSigner signer) {
    this.signer = signer;
    this.vertx = vertx;
    this.kafka = kafka;
    this.codec = codec;
    this.sender = vertx.createSharedWorkerExecutor("nodeward-decision-sender-" + Integer.toHexString(
        System.identityHashCode(this)), 1);
  }

  /** Creates the producer (it resolves the bootstrap addresses: blocking) on a worker. */
  /**
   * @param requestsWait true when requests wait for the acknowledgement (durability before-forward): no linger,
   *     a record leaves at once, and batches fill by themselves while earlier ones are in flight; false: a few ms of
   *     linger buy fuller batches, less CPU per decision, since nobody waits
   */
  public static Future<KafkaDecisionTransport> create(Vertx vertx, KafkaSettings settings, EventCodec codec,
      boolean requestsWait) {
    return vertx.executeBlocking(() -> new KafkaDecisionTransport(vertx,
        new KafkaProducer<>(producerConfig(settings, requestsWait ? 0 : 5)), codec, settings.signing().signer()));
  }

  /** The service's producer settings ({@code acks=all}, idempotent) with this transport's batching. */
  static Map<String, Object> producerConfig(KafkaSettings settings, int lingerMillis) {
    Map<String, Object> config = new HashMap<>(settings.producerConfig());
    config.put("max.block.ms", MAX_BLOCK_MS);
    config.put("linger.ms", Integer.toString(lingerMillis));
    config.put("batch.size", "131072");
    long delivery = Long.parseLong(String.valueOf(config.get("delivery.timeout.ms")));
    long request = Long.parseLong(String.valueOf(config.get("request.timeout.ms")));
    // Kafka: delivery.timeout.ms >= linger.ms + request.timeout.ms
    config.put("request.timeout.ms", Long.toString(Math.min(request, delivery - lingerMillis - 1)));
    config.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    config.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    return config;
  }

  @Override
  public void send(CloudEvent<?> event, BooleanSupplier stillWanted, Consumer<Exception> done) {
    queued.add(() -> {
      if (stillWanted.getAsBoolean()) {
        hand(event, done);
      }
    });
    if (runScheduled.compareAndSet(false, true)) {
      sender.executeBlocking(() -> {
        runScheduled.set(false);
        for (Runnable next = queued.poll(); next != null; next = queued.poll()) {
          next.run();
        }
        return null;
      }, true);
    }
  }

  /** Runs on the sender thread; the callback runs on Kafka's I/O thread. */
  private void hand(CloudEvent<?> event, Consumer<Exception> done) {
    try {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(event.topic().name(), event.key(),
              codec.encodeBytes(signer == null ? event : codec.sign(event, signer)));
      record.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
      kafka.send(record, (metadata, exception) -> done.accept(exception));
    } catch (RuntimeException e) {
      done.accept(e);
    }
  }

  /** Unsent records are aborted ({@code close(0)} fails them): whoever queued them has spooled them already. */
  @Override
  public Future<Void> close() {
    return vertx.executeBlocking(() -> {
      kafka.close(Duration.ZERO);
      return (Void) null;
    }, false).onComplete(x -> sender.close());
  }
}
