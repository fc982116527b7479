package io.nodeward.audit.kafka;

import io.nodeward.audit.app.CheckpointPublication;
import io.nodeward.audit.domain.log.Checkpoint;
import io.nodeward.audit.domain.log.InvalidNoteException;
import io.nodeward.audit.domain.log.SignedNote;
import io.nodeward.audit.domain.log.VerifierKey;
import io.nodeward.events.AuditLogCheckpoint;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.InvalidEventException;
import io.nodeward.events.Topics;
import io.nodeward.kit.kafka.EventPublisher;
import io.nodeward.kit.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints on {@code nodeward.audit-checkpoints.v1} (kept forever), keyed by the log's origin so all of one
 * log's notes are in one partition, in order. Publishing waits for every in-sync replica. Reading the newest walks
 * that partition back from its end and takes the newest note that verifies with the log's key: a note anyone else
 * wrote there is passed over and logged.
 */
public final class KafkaCheckpointPublication implements CheckpointPublication {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaCheckpointPublication.class);
  private static final int STEP = 64;
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration READ_LIMIT = Duration.ofSeconds(20);

  private final Vertx vertx;
  private final EventPublisher publisher;
  private final KafkaSettings settings;
  private final EventCodec codec;
  private final Clock clock;

  public KafkaCheckpointPublication(Vertx vertx, EventPublisher publisher, KafkaSettings settings, EventCodec codec, Clock clock) {
    this.vertx = vertx;
    this.publisher = publisher;
    this.settings = settings;
    this.codec = codec;
    this.clock = clock;
  }

  @Override
  public Future<Void> publish(String origin, long treeSize, byte[] rootHash, String note) {
    AuditLogCheckpoint data = new AuditLogCheckpoint(origin, treeSize, Base64.getEncoder().encodeToString(rootHash), note);
    return publisher.publish(CloudEvent.of(publisher.source(), data, clock.instant()));
  }

  @Override
  public Future<Optional<Checkpoint>> newest(String origin, VerifierKey key) {
    return vertx.executeBlocking(() -> readNewest(origin, key), false);
  }

  private Optional<Checkpoint> readNewest(String origin, VerifierKey key) {
    Map<String, Object> config = new HashMap<>(settings.consumerConfig(null, STEP));
    config.put("key.deserializer", StringDeserializer.class.getName());
    config.put("value.deserializer", ByteArrayDeserializer.class.getName());
    config.put("enable.auto.commit", "false");
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      List<PartitionInfo> partitions = consumer.partitionsFor(Topics.AUDIT_CHECKPOINTS.name(), READ_LIMIT);
      if (partitions == null || partitions.isEmpty()) {
        return Optional.empty();
      }
      // The partition the producer's default partitioner picks for this key (murmur2, as Kafka's own).
      int partition = Utils.toPositive(Utils.murmur2(origin.getBytes(StandardCharsets.UTF_8))) % partitions.size();
      TopicPartition tp = new TopicPartition(Topics.AUDIT_CHECKPOINTS.name(), partition);
      consumer.assign(List.of(tp));
      long begin = consumer.beginningOffsets(List.of(tp), READ_LIMIT).get(tp);
      long end = consumer.endOffsets(List.of(tp), READ_LIMIT).get(tp);
      for (long to = end; to > begin; to -= STEP) {
        long from = Math.max(begin, to - STEP);
        Optional<Checkpoint> found = newestIn(consumer, tp, from, to, origin, key);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
  }

  private Optional<Checkpoint> newestIn(KafkaConsumer<String, byte[]> consumer, TopicPartition tp, long from, long to,
      String origin, VerifierKey key) {
    consumer.seek(tp, from);
    List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
    long deadline = System.nanoTime() + READ_LIMIT.toNanos();
    while (consumer.position(tp, READ_LIMIT) < to && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
        if (record.offset() < to) {
          read.add(record);
        }
      }
    }
    Checkpoint newest = null;
    for (ConsumerRecord<String, byte[]> record : read) {
      Checkpoint checkpoint = checkpoint(record, origin, key);
      if (checkpoint != null && (newest == null || checkpoint.size() > newest.size())) {
        newest = checkpoint;
      }
    }
    return Optional.ofNullable(newest);
  }

  private Checkpoint checkpoint(ConsumerRecord<String, byte[]> record, String origin, VerifierKey key) {
    if (!origin.equals(record.key())) {
      return null;
    }
    try {
      if (!(codec.decode(record.value()).data() instanceof AuditLogCheckpoint data)) {
        return null;
      }
      Checkpoint checkpoint = SignedNote.open(data.note(), key);
      return checkpoint.origin().equals(origin) ? checkpoint : null;
    } catch (InvalidEventException | InvalidNoteException e) {
      LOG.warn("a record at offset {} of {} claims to be a checkpoint of {} but does not verify: {}", record.offset(),
          record.topic(), origin, e.getMessage());
      return null;
    }
  }

  @Override
  public Future<Void> close() {
    return publisher.close();
  }
}
