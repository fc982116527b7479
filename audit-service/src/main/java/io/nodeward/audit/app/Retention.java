package io.nodeward.audit.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies NODEWARD_AUDIT_RETENTION: periodically removes the bodies of records older than the retention period,
 * up to the size of the newest checkpoint signed before the cutoff. The tree keeps every leaf hash, so roots and
 * proofs stay checkable; only the content is gone.
 */
public final class Retention {

  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  private final Vertx vertx;
  private final TrailWriter writer;
  private final WorkerExecutor workers;
  private final Duration retention;
  private final java.time.Clock clock;
  private long timer = -1;

  public Retention(Vertx vertx, TrailWriter writer, WorkerExecutor workers, Duration retention, Clock clock) {
    this.vertx = vertx;
    this.writer = writer;
    this.workers = workers;
    this.retention = retention;
    this.clock = clock;
  }

  public Retention start(Duration every) {
    timer = vertx.setPeriodic(every.toMillis(), id -> pruneNow()
        .onFailure(e -> LOG.warn("retention prune failed, retrying next interval: {}", e.getMessage())));
    return this;
  }

  public Future<TrailWriter.PruneResult> pruneNow() {
    return workers.executeBlocking(() -> writer.prune(clock.instant().minus(retention)), false).onSuccess(result -> {
      if (result.recordsRemoved() > 0) {
        LOG.info("retention: removed the bodies of {} records, through record {}", result.recordsRemoved(), result.prunedThrough());
      }
    });
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
