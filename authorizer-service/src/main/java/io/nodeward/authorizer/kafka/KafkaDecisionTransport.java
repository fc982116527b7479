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
  public static Future<KafkaDecisionTransport> create(Vertx vertx, KafkaSettings settings, EventCodec codec) {
    return vertx.executeBlocking(() -> new KafkaDecisionTransport(vertx, new KafkaProducer<>(producerConfig(settings)),
        codec, settings.signing().signer()));
  }

  static Map<String, Object> producerConfig(KafkaSettings settings) {
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
