package io.nodeward.audit.app;

import io.nodeward.audit.domain.CheckpointSigner;
import io.nodeward.events.AuditCheckpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every interval (and once more on shutdown) signs the chain head, stores the checkpoint and publishes it, so
 * it also lives outside the database an attacker might control. Nothing is signed while the head has not moved.
 */
public final class Checkpointing {

  private static final Logger LOG = LoggerFactory.getLogger(Checkpointing.class);

  private final Vertx vertx;
  private final TrailWriter writer;
  private final WorkerExecutor workers;
  private final CheckpointSigner signer;
  private final CheckpointPublication publication;
  private final Clock clock;
  private final AtomicReference<AuditCheckpoint> latest = new AtomicReference<>();
  private long timer = -1;
  private Future<Optional<AuditCheckpoint>> inFlight = Future.succeededFuture(Optional.empty());

  public Checkpointing(Vertx vertx, TrailWriter writer, WorkerExecutor workers, CheckpointSigner signer,
      CheckpointPublication publication, Clock clock) {
    this.vertx = vertx;
    this.writer = writer;
    this.workers = workers;
    this.signer = signer;
    this.publication = publication;
    this.clock = clock;
  }

  public Checkpointing start(Duration interval) {
    timer = vertx.setPeriodic(interval.toMillis(), id -> checkpointNow()
        .onFailure(e -> LOG.warn("checkpoint failed, retrying next interval: {}", e.getMessage())));
    return this;
  }

  /** Signs, stores and publishes a checkpoint of the current head if it moved since the last one. */
  public synchronized Future<Optional<AuditCheckpoint>> checkpointNow() {
    // One at a time: a shutdown checkpoint waits for a periodic one in progress.
    inFlight = inFlight.transform(x -> workers.executeBlocking(
            () -> writer.checkpoint(head -> signer.sign(head, clock.instant())), false)
        .compose(this::publish));
    return inFlight;
  }

  private Future<Optional<AuditCheckpoint>> publish(Optional<AuditCheckpoint> checkpoint) {
    if (checkpoint.isEmpty()) {
      return Future.succeededFuture(checkpoint);
    }
    AuditCheckpoint data = checkpoint.get();
    latest.set(data);
    return publication.publish(data)
        .onSuccess(v -> LOG.info("checkpoint at sequence {} published", data.sequence()))
        .map(checkpoint);
  }

  public AuditCheckpoint latest() {
    return latest.get();
  }

  /** Stops the timer and takes the final checkpoint. */
  public Future<Optional<AuditCheckpoint>> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    return checkpointNow();
  }
}
