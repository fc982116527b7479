package io.nodeward.audit.app;

import io.nodeward.audit.domain.StoredNote;
import io.nodeward.audit.domain.log.LogSigner;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every interval (default one second) while the tree grows, and once more on shutdown: signs the tree head,
 * stores the note and publishes it. A note stored but not published (the broker was away) is published on the
 * next round, so the published record of the log catches up without gaps in what it commits to.
 */
public final class Checkpointing {

  private static final Logger LOG = LoggerFactory.getLogger(Checkpointing.class);

  private final Vertx vertx;
  private final TrailWriter writer;
  private final AuditStore store;
  private final WorkerExecutor workers;
  private final LogSigner signer;
  private final String origin;
  private final CheckpointPublication publication;
  private final AtomicReference<StoredNote> latest = new AtomicReference<>();
  private final AtomicLong publishedSize = new AtomicLong();
  private long timer = -1;
  private Future<Optional<StoredNote>> inFlight = Future.succeededFuture(Optional.empty());

  public Checkpointing(Vertx vertx, TrailWriter writer, AuditStore store, WorkerExecutor workers, LogSigner signer,
      String origin, CheckpointPublication publication, long alreadyPublished) {
    this.vertx = vertx;
    this.writer = writer;
    this.store = store;
    this.workers = workers;
    this.signer = signer;
    this.origin = origin;
    this.publication = publication;
    this.publishedSize.set(alreadyPublished);
  }

  public Checkpointing start(Duration interval) {
    timer = vertx.setPeriodic(interval.toMillis(), id -> checkpointNow()
        .onFailure(e -> LOG.warn("checkpoint failed, retrying next interval: {}", e.getMessage())));
    return this;
  }

  /** Signs and stores a note if the tree grew, then publishes the newest note if it is not published yet. */
  public synchronized Future<Optional<StoredNote>> checkpointNow() {
    // One at a time: a shutdown checkpoint waits for a periodic one in progress.
    inFlight = inFlight.transform(x -> workers.executeBlocking(() -> {
          Optional<StoredNote> signed = writer.checkpoint(signer, origin);
          signed.ifPresent(latest::set);
          return signed.isPresent() ? signed : store.newestNote();
        }, false)
        .compose(this::publishIfNew));
    return inFlight;
  }

  private Future<Optional<StoredNote>> publishIfNew(Optional<StoredNote> newest) {
    if (newest.isEmpty() || newest.get().treeSize() <= publishedSize.get()) {
      return Future.succeededFuture(Optional.empty());
    }
    StoredNote note = newest.get();
    latest.accumulateAndGet(note, (a, b) -> a == null || b.treeSize() > a.treeSize() ? b : a);
    return publication.publish(origin, note.treeSize(), note.rootHash(), note.note())
        .onSuccess(v -> {
          publishedSize.accumulateAndGet(note.treeSize(), Math::max);
          LOG.debug("checkpoint at {} records published", note.treeSize());
        })
        .map(Optional.of(note));
  }

  /** The newest note this instance signed or published. */
  public StoredNote latest() {
    return latest.get();
  }

  /** The size of the newest note known to be published. */
  public long publishedSize() {
    return publishedSize.get();
  }

  /** Stops the timer and takes the final checkpoint. */
  public Future<Optional<StoredNote>> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    return checkpointNow();
  }
}
