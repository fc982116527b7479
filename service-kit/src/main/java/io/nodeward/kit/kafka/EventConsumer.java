package io.nodeward.kit.kafka;

import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.EventData;
import io.nodeward.events.EventTrust;
import io.nodeward.events.InvalidEventException;
import io.nodeward.events.RejectionReason;
import io.nodeward.events.Topic;
import io.nodeward.kit.app.Lifecycle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.PartitionInfo;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A poll loop that hands batches of validated CloudEvents to a {@link BatchHandler}. Offsets are committed
 * only after the handler's Future succeeds; a failed batch is re-read from its first offsets after a backoff.
 * Records that are not valid events, or not signed by a producer this service pins for their type, go to the
 * dead-letter topic (and that send must succeed before the batch counts as done) and to the service's
 * {@link RejectionListener}, so a poison or forged record never stops consumption, is never applied and is never
 * silently dropped.
 */
public final class EventConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);
  /** How long the poll loop may take to finish the batch in hand when closing. */
  static final java.time.Duration LOOP_STOP_TIMEOUT = java.time.Duration.ofMillis(1_000);

  private final Vertx vertx;
  private final KafkaSettings settings;
  private final ConsumerSpec spec;
  private final BatchHandler handler;
  private final EventCodec codec;
  private final KafkaConsumer<String, byte[]> consumer;
  private final DeadLetterPublisher deadLetters;
  private final Map<TopicPartition, Long> appliedPositions = new ConcurrentHashMap<>();
  private final AtomicLong appliedEvents = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final Map<RejectionReason, AtomicLong> rejectedByReason = new ConcurrentHashMap<>();
  private final RejectionListener rejections;
  private final AtomicLong failedBatches = new AtomicLong();
  private final Promise<Void> stopped = Promise.promise();
  private final Promise<Void> closed = Promise.promise();
  private volatile boolean running = true;
  private volatile boolean looping;
  private volatile String lastError;

  private EventConsumer(Vertx vertx, KafkaSettings settings, ConsumerSpec spec, BatchHandler handler, EventCodec codec,
      RejectionListener rejections) {
    this.rejections = rejections;
    this.vertx = vertx;
    this.settings = settings;
    this.spec = spec;
    this.handler = handler;
    this.codec = codec;
    this.consumer = KafkaConsumer.create(vertx, settings.consumerConfig(spec.groupId(), spec.maxPollRecords()));
    this.deadLetters = new DeadLetterPublisher(vertx, settings, settings.clientId());
  }

  public static Future<EventConsumer> start(Vertx vertx, KafkaSettings settings, ConsumerSpec spec, BatchHandler handler) {
    return start(vertx, settings, spec, handler, new EventCodec());
  }

  public static Future<EventConsumer> start(Vertx vertx, KafkaSettings settings, ConsumerSpec spec, BatchHandler handler,
      EventCodec codec) {
    return start(vertx, settings, spec, handler, codec, RejectionListener.NONE);
  }

  /**
   * @param rejections told about every record that was not applied (invalid, unsigned, wrongly signed), after it
   *     went to the dead-letter topic and before the batch commits: the audit service records a marker for each
   */
  public static Future<EventConsumer> start(Vertx vertx, KafkaSettings settings, ConsumerSpec spec, BatchHandler handler,
      EventCodec codec, RejectionListener rejections) {
    EventConsumer eventConsumer = new EventConsumer(vertx, settings, spec, handler, codec, rejections);
    return eventConsumer.attach()
        .onSuccess(v -> eventConsumer.loop())
        .recover(e -> eventConsumer.close().transform(x -> Future.failedFuture(e)))
        .map(eventConsumer);
  }

  private Future<Void> attach() {
    Set<String> names = spec.topics().stream().map(Topic::name).collect(Collectors.toCollection(HashSet::new));
    if (!spec.replaying()) {
      return consumer.subscribe(names);
    }
    List<Future<List<PartitionInfo>>> lookups = names.stream().map(consumer::partitionsFor).toList();
    return Future.all(lookups).compose(all -> {
      Set<TopicPartition> partitions = new HashSet<>();
      for (Future<List<PartitionInfo>> lookup : lookups) {
        lookup.result().forEach(p -> partitions.add(new TopicPartition(p.getTopic(), p.getPartition())));
      }
      if (partitions.isEmpty()) {
        return Future.failedFuture(new IllegalStateException("topics " + names + " do not exist at "
            + settings.bootstrapServers() + "; create them first (TopicProvisioner)"));
      }
      return consumer.assign(partitions).compose(v -> consumer.seekToBeginning(partitions));
    });
  }

  private void loop() {
    looping = true;
    if (!running) {
      stopped.tryComplete();
      return;
    }
    consumer.poll(settings.pollTimeout())
        .compose(this::process)
        .compose(v -> refreshPositions())
        .onComplete(ar -> {
          if (ar.succeeded()) {
            lastError = null;
            loop();
          } else {
            failedBatches.incrementAndGet();
            lastError = String.valueOf(ar.cause().getMessage());
            if (running) {
              LOG.warn("{}: batch failed, re-reading it in {} ms: {}", settings.clientId(),
                  spec.retryBackoff().toMillis(), lastError);
              vertx.setTimer(spec.retryBackoff().toMillis(), id -> loop());
            } else {
              stopped.tryComplete();
            }
          }
        });
  }

  private Future<Void> process(KafkaConsumerRecords<String, byte[]> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    List<ConsumedEvent> valid = new ArrayList<>(records.size());
    List<DeadLetterPublisher.Rejected> rejected = new ArrayList<>();
    Map<TopicPartition, Long> first = new LinkedHashMap<>();
    Map<TopicPartition, Long> last = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, byte[]> record = records.recordAt(i);
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      first.putIfAbsent(tp, record.offset());
      last.put(tp, record.offset());
      try {
        CloudEvent<EventData> event = decode(record.value());
        valid.add(new ConsumedEvent(event, record.topic(), record.partition(), record.offset()));
      } catch (InvalidEventException e) {
        rejected.add(new DeadLetterPublisher.Rejected(record, e.reason(), e.getMessage()));
      }
    }
    return deadLetters.send(rejected)
        .compose(v -> rejected.isEmpty() ? Future.<Void>succeededFuture()
            : rejections.rejected(rejected.stream().map(this::describe).toList()))
        .compose(v -> valid.isEmpty() ? Future.<Void>succeededFuture() : handler.handle(valid))
        .compose(v -> commit(last))
        .onSuccess(v -> {
          appliedEvents.addAndGet(valid.size());
          if (!rejected.isEmpty()) {
            deadLettered.addAndGet(rejected.size());
            rejected.forEach(r -> rejectedByReason.computeIfAbsent(r.rejection(), x -> new AtomicLong()).incrementAndGet());
            LOG.warn("{}: {} record(s) not applied and sent to the dead-letter topic: {}", settings.clientId(),
                rejected.size(), rejected.stream().collect(Collectors.groupingBy(DeadLetterPublisher.Rejected::rejection,
                    java.util.TreeMap::new, Collectors.counting())));
          }
        })
        .recover(e -> rewind(first).transform(x -> Future.failedFuture(e)));
  }

  /** Decodes and validates; where this service pins producer keys, also checks the producer's signature. */
  private CloudEvent<EventData> decode(byte[] value) throws InvalidEventException {
    EventTrust trust = settings.signing().trust();
    if (!trust.enforcing()) {
      return codec.decode(value);
    }
    EventCodec.Decoded decoded = codec.decodeForVerification(value);
    trust.verify(decoded.event(), decoded.signedContent());
    return decoded.event();
  }

  /** What the record claimed to be, read leniently: a forged or broken record still gets a precise marker. */
  private RejectedRecord describe(DeadLetterPublisher.Rejected rejected) {
    KafkaConsumerRecord<String, byte[]> record = rejected.record();
    byte[] value = record.value() == null ? new byte[0] : record.value();
    String id = null;
    String source = null;
    String type = null;
    if (value.length > 0 && value.length <= EventCodec.MAX_EVENT_BYTES) {
      try {
        JsonNode root = codec.mapper().readTree(value);
        id = claimed(root, "id");
        source = claimed(root, "source");
        type = claimed(root, "type");
      } catch (IOException | RuntimeException e) {
        // not JSON: nothing claimed
      }
    }
    return new RejectedRecord(record.topic(), record.partition(), record.offset(), record.key(), rejected.rejection(),
        // The record's own Kafka timestamp, not the time of this read: a redelivered batch must describe the record
        // exactly as before, so the audit marker made from it deduplicates instead of looking like a second event.
        rejected.reason(), id, source, type, sha256(value), Instant.ofEpochMilli(record.timestamp()));
  }

  private static String claimed(JsonNode root, String name) {
    JsonNode value = root == null ? null : root.get(name);
    if (value == null || !value.isTextual()) {
      return null;
    }
    String text = value.asText();
    return text.length() > 256 ? text.substring(0, 256) : text;
  }

  private static String sha256(byte[] value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Future<Void> commit(Map<TopicPartition, Long> last) {
    if (spec.replaying()) {
      return Future.succeededFuture();
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    last.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset + 1, "")));
    return consumer.commit(offsets).mapEmpty();
  }

  private Future<Void> rewind(Map<TopicPartition, Long> first) {
    return Future.all(first.entrySet().stream().map(e -> consumer.seek(e.getKey(), e.getValue())).toList()).mapEmpty();
  }

  /** After a batch is applied and before the next poll, the consumer's position is exactly what is applied. */
  private Future<Void> refreshPositions() {
    return consumer.assignment().compose(assigned -> Future.all(assigned.stream()
        .map(tp -> consumer.position(tp).onSuccess(p -> appliedPositions.put(tp, p)))
        .toList())
        .onSuccess(v -> appliedPositions.keySet().retainAll(assigned))
        .mapEmpty());
  }

  /**
   * For every assigned partition, how many records exist that are not applied yet (end offset minus applied
   * position). Fetches end offsets from the broker: it fails when the broker is unreachable, which is how
   * callers learn they cannot confirm freshness.
   */
  public Future<Map<TopicPartition, Long>> lag() {
    Set<TopicPartition> assigned = new HashSet<>(appliedPositions.keySet());
    if (assigned.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return consumer.endOffsets(assigned).map(ends -> {
      Map<TopicPartition, Long> lag = new HashMap<>();
      ends.forEach((tp, end) -> lag.put(tp, Math.max(0, end - appliedPositions.getOrDefault(tp, 0L))));
      return lag;
    });
  }

  /** Succeeds once everything that existed when it was called has been applied. */
  public Future<Void> awaitCaughtUp() {
    return consumer.assignment().compose(assigned -> assigned.isEmpty()
        ? Future.succeededFuture(Map.<TopicPartition, Long>of())
        : consumer.endOffsets(assigned)).compose(this::awaitPositions);
  }

  private Future<Void> awaitPositions(Map<TopicPartition, Long> targets) {
    Promise<Void> done = Promise.promise();
    checkPositions(targets, done);
    return done.future();
  }

  private void checkPositions(Map<TopicPartition, Long> targets, Promise<Void> done) {
    boolean reached = targets.entrySet().stream()
        .allMatch(e -> appliedPositions.getOrDefault(e.getKey(), -1L) >= e.getValue());
    if (reached) {
      done.tryComplete();
    } else if (!running) {
      done.tryFail("consumer stopped before catching up");
    } else {
      vertx.setTimer(20, id -> checkPositions(targets, done));
    }
  }

  public long appliedEvents() {
    return appliedEvents.get();
  }

  /**
   * For every assigned partition, the position after the last applied batch (the next offset to apply), as of
   * the refresh that follows each batch; empty before the first poll.
   */
  public Map<TopicPartition, Long> appliedPositions() {
    return Map.copyOf(appliedPositions);
  }

  public long deadLettered() {
    return deadLettered.get();
  }

  /** Records not applied since start, by reason (a forged event shows as UNSIGNED, UNKNOWN_KEY, BAD_SIGNATURE...). */
  public Map<RejectionReason, Long> rejectedByReason() {
    Map<RejectionReason, Long> counts = new java.util.EnumMap<>(RejectionReason.class);
    rejectedByReason.forEach((reason, count) -> counts.put(reason, count.get()));
    return counts;
  }

  public long failedBatches() {
    return failedBatches.get();
  }

  /** The last batch failure's message while failing, else null. */
  public String lastError() {
    return lastError;
  }

  public boolean running() {
    return running;
  }

  /**
   * Stops after the batch in hand (if any) is applied or failed, then closes the clients, bounded: the loop gets
   * {@link #LOOP_STOP_TIMEOUT} to finish its batch, the Kafka consumer {@link KafkaSettings#CLOSE_TIMEOUT} to
   * leave its group. Kafka's own consumer close waits up to 30 s for a broker that is gone, which is how a
   * stopped broker once held a service's exit; this one never takes much more than two seconds.
   */
  public Future<Void> close() {
    if (!running) {
      return closed.future();
    }
    running = false;
    if (!looping) {
      stopped.tryComplete(); // never started polling (a failed start): nothing in hand to wait for
    }
    wakeUp();
    vertx.setTimer(LOOP_STOP_TIMEOUT.toMillis(), id -> stopped.tryComplete());
    stopped.future()
        .transform(x -> Future.join(
            Lifecycle.blocking(vertx, settings.clientId() + "-consumer", this::closeKafkaConsumer),
            deadLetters.close()))
        .transform(x -> consumer.close()) // stops Vert.x's poll thread; the Kafka consumer is closed already
        .onComplete(x -> closed.tryComplete());
    return closed.future();
  }

  /** Interrupts a poll or offset lookup blocked on the broker; the only consumer call that is thread-safe. */
  private void wakeUp() {
    try {
      consumer.unwrap().wakeup();
    } catch (RuntimeException e) {
      // closed already
    }
  }

  /**
   * Leaves the group within the close timeout. The loop has stopped, so no poll holds the consumer; a lookup
   * someone else started (lag, catch-up) may still, and then Vert.x's own close below does the closing.
   */
  private void closeKafkaConsumer() {
    try {
      consumer.unwrap().close(CloseOptions.timeout(settings.closeTimeout()));
    } catch (java.util.ConcurrentModificationException e) {
      LOG.debug("{}: consumer busy at close; Vert.x closes it", settings.clientId());
    } catch (RuntimeException e) {
      LOG.debug("{}: consumer close: {}", settings.clientId(), e.getMessage());
    }
  }
}
