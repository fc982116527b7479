package io.nodeward.kit.kafka;

import io.nodeward.events.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Moves records that are not valid events to the dead-letter topic, bytes untouched, with where they came from
 * and why they were refused in headers, so an operator can inspect and replay them.
 */
public final class DeadLetterPublisher {

  public static final String HEADER_REASON = "nodeward-dlq-reason";
  public static final String HEADER_TOPIC = "nodeward-dlq-topic";
  public static final String HEADER_PARTITION = "nodeward-dlq-partition";
  public static final String HEADER_OFFSET = "nodeward-dlq-offset";
  public static final String HEADER_CONSUMER = "nodeward-dlq-consumer";
  /** The {@link io.nodeward.events.RejectionReason}: MALFORMED, INVALID, UNSIGNED, UNKNOWN_KEY, BAD_SIGNATURE... */
  public static final String HEADER_REJECTION = "nodeward-dlq-rejection";

  private final KafkaProducer<String, byte[]> producer;
  private final String consumerName;
  private final long closeTimeoutMillis;

  private final Vertx vertx;

  DeadLetterPublisher(Vertx vertx, KafkaSettings settings, String consumerName) {
    this.vertx = vertx;
    this.closeTimeoutMillis = settings.closeTimeout().toMillis();
    this.producer = KafkaProducer.create(vertx, settings.withClientId(settings.clientId() + "-dlq").producerConfig());
    this.consumerName = consumerName;
  }

  record Rejected(KafkaConsumerRecord<String, byte[]> record, io.nodeward.events.RejectionReason rejection, String reason) {
  }

  Future<Void> send(List<Rejected> rejected) {
    if (rejected.isEmpty()) {
      return Future.succeededFuture();
    }
    return Future.all(rejected.stream().map(this::send).toList()).mapEmpty();
  }

  private Future<Void> send(Rejected rejected) {
    KafkaConsumerRecord<String, byte[]> source = rejected.record();
    KafkaProducerRecord<String, byte[]> record =
        KafkaProducerRecord.create(Topics.DEAD_LETTER.name(), source.key(), source.value());
    record.addHeader(HEADER_REASON, truncate(rejected.reason()));
    record.addHeader(HEADER_REJECTION, rejected.rejection().name());
    record.addHeader(HEADER_TOPIC, source.topic());
    record.addHeader(HEADER_PARTITION, Integer.toString(source.partition()));
    record.addHeader(HEADER_OFFSET, Long.toString(source.offset()));
    record.addHeader(HEADER_CONSUMER, consumerName);
    return producer.send(record).mapEmpty();
  }

  private static String truncate(String reason) {
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    return bytes.length <= 512 ? reason : new String(bytes, 0, 512, StandardCharsets.UTF_8);
  }

  Future<Void> close() {
    // Directly, not through Vert.x's queue, which a send blocked on a gone broker holds (see EventPublisher.close).
    return io.nodeward.kit.app.Lifecycle.blocking(vertx, consumerName + "-dlq-close",
        () -> producer.unwrap().close(java.time.Duration.ofMillis(closeTimeoutMillis)));
  }
}
