package io.nodeward.audit.kafka;

import io.nodeward.audit.app.TrailIngest;
import io.nodeward.events.EventCodec;
import io.nodeward.kit.kafka.ConsumerSpec;
import io.nodeward.kit.kafka.EventConsumer;
import io.nodeward.kit.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * One group consumer on its own event loop: with several of them, decoding and schema validation of one batch
 * run on another core while the previous batch is being written.
 */
public final class IngestVerticle extends VerticleBase {

  private final KafkaSettings settings;
  private final ConsumerSpec spec;
  private final TrailIngest ingest;
  private final EventCodec codec;
  private EventConsumer consumer;

  public IngestVerticle(KafkaSettings settings, ConsumerSpec spec, TrailIngest ingest, EventCodec codec) {
    this.settings = settings;
    this.spec = spec;
    this.ingest = ingest;
    this.codec = codec;
  }

  @Override
  public Future<?> start() {
    return EventConsumer.start(vertx, settings, spec, ingest, codec, ingest).onSuccess(started -> consumer = started);
  }

  @Override
  public Future<?> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.close();
  }

  public EventConsumer consumer() {
    return consumer;
  }
}
