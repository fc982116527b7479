package io.nodeward.audit.app;

import io.nodeward.audit.store.AuditRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies NODEWARD_AUDIT_RETENTION: periodically removes records older than the retention period, up to the
 * newest checkpoint taken before the cutoff, which stays as the anchor verification starts from.
 */
public final class Retention {

  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  private final Vertx vertx;
  private final AuditRepository repository;
  private final Duration retention;
  private final Clock clock;
  private long timer = -1;

  public Retention(Vertx vertx, AuditRepository repository, Duration retention, Clock clock) {
    this.vertx = vertx;
    this.repository = repository;
    this.retention = retention;
    this.clock = clock;
  }

  public Retention start(Duration every) {
    timer = vertx.setPeriodic(every.toMillis(), id -> pruneNow()
        .onFailure(e -> LOG.warn("retention prune failed, retrying next interval: {}", e.getMessage())));
    return this;
  }

  public Future<AuditStore.PruneResult> pruneNow() {
    return repository.prune(clock.instant().minus(retention)).onSuccess(result -> {
      if (result.recordsRemoved() > 0) {
        LOG.info("retention: removed {} records up to the checkpoint at sequence {}", result.recordsRemoved(), result.anchorSequence());
      }
    });
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
