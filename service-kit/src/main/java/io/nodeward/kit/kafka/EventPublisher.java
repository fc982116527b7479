package io.nodeward.kit.kafka;

import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.EventData;
import io.nodeward.events.EventSigner;
import io.nodeward.kit.app.Lifecycle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Clock;

/**
 * Publishes nodeward events as structured CloudEvents to the topic their type declares, keyed by
 * {@link EventData#key()}, signed with the service's event key when its {@link KafkaSettings} carry one. A returned Future succeeds only once every in-sync replica has the record
 * (idempotent producer, {@code acks=all}): callers rely on that before they answer anyone.
 */
public final class EventPublisher {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventPublisher.class);

  private final KafkaProducer<String, byte[]> producer;
  private final EventCodec codec;
  private final String source;
  private final Clock clock;
  private final long closeTimeoutMillis;
  private final EventSigner signer;
  private final Vertx vertx;
  private final String clientId;

  private EventPublisher(Vertx vertx, String clientId, KafkaProducer<String, byte[]> producer, EventCodec codec,
      String source, Clock clock, long closeTimeoutMillis, EventSigner signer) {
    this.vertx = vertx;
    this.clientId = clientId;
    this.signer = signer;
    this.producer = producer;
    this.closeTimeoutMillis = closeTimeoutMillis;
    this.codec = codec;
    this.source = source;
    this.clock = clock;
  }

  public static EventPublisher create(Vertx vertx, KafkaSettings settings, String source) {
    return create(vertx, settings, source, new EventCodec(), Clock.systemUTC());
  }

  public static EventPublisher create(Vertx vertx, KafkaSettings settings, String source, EventCodec codec, Clock clock) {
    KafkaProducer<String, byte[]> producer = KafkaProducer.create(vertx, settings.producerConfig());
    // A failed send already fails the Future its caller holds; without a handler Vert.x logs it a second time.
    producer.exceptionHandler(e -> LOG.debug("{}: send failed: {}", settings.clientId(), e.getMessage()));
    return new EventPublisher(vertx, settings.clientId(), producer, codec, source, clock,
        settings.closeTimeout().toMillis(), settings.signing().signer());
  }

  /** Wraps {@code data} in a new CloudEvent (fresh UUID, now), signs it if this service signs, and publishes it. */
  public <T extends EventData> Future<CloudEvent<T>> publish(T data) {
    CloudEvent<T> event = signed(CloudEvent.of(source, data, clock.instant()));
    return send(event).map(event);
  }

  /** An acknowledged event and where the log stored it. */
  public record Published<T extends EventData>(CloudEvent<T> event, String topic, int partition, long offset) {
  }

  /** As {@link #publish(EventData)}, and says where the log stored the event (revocations wait on that offset). */
  public <T extends EventData> Future<Published<T>> publishAt(T data) {
    CloudEvent<T> event = signed(CloudEvent.of(source, data, clock.instant()));
    return producer.send(record(event))
        .map(meta -> new Published<>(event, meta.getTopic(), meta.getPartition(), meta.getOffset()));
  }

  /**
   * Publishes an event as it is, signed by this service if it signs: re-sending keeps its id (and, Ed25519 being
   * deterministic, its signature), so consumers see a duplicate, not a second event.
   */
  public Future<Void> publish(CloudEvent<?> event) {
    return send(signed(event));
  }

  private <T extends EventData> CloudEvent<T> signed(CloudEvent<T> event) {
    return signer == null ? event : codec.sign(event, signer);
  }

  private Future<Void> send(CloudEvent<?> event) {
    return producer.send(record(event)).mapEmpty();
  }

  private KafkaProducerRecord<String, byte[]> record(CloudEvent<?> event) {
    KafkaProducerRecord<String, byte[]> record =
        KafkaProducerRecord.create(event.topic().name(), event.key(), codec.encodeBytes(event));
    record.addHeader("content-type", CloudEvent.CONTENT_TYPE);
    return record;
  }

  public String source() {
    return source;
  }

  /**
   * Flushes what is in flight for at most the close timeout, then closes: never waits on a broker that is gone.
   * The Kafka producer is closed directly, on a thread of its own: Vert.x's own close queues behind a send that is
   * blocked waiting for metadata from a broker that is gone (up to {@code max.block.ms}), which once held the audit
   * service's stop. Closing aborts such a send, whose Future then fails.
   */
  public Future<Void> close() {
    return Lifecycle.blocking(vertx, clientId + "-close",
        () -> producer.unwrap().close(java.time.Duration.ofMillis(closeTimeoutMillis)));
  }
}
