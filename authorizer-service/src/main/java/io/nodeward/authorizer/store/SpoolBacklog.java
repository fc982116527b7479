package io.nodeward.authorizer.store;

import io.nodeward.authorizer.app.DecisionBacklog;
import io.nodeward.events.AccessDecided;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.EventData;
import io.nodeward.events.InvalidEventException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision backlog on disk: a {@link DecisionSpool} driven from one worker thread of its own, so file I/O
 * never runs on an event loop and every spool call is serialized. Appends are queued and written in group
 * commits: one write and one fsync for everything queued while the previous commit ran.
 */
public final class SpoolBacklog implements DecisionBacklog {

  private static final Logger LOG = LoggerFactory.getLogger(SpoolBacklog.class);

  private final DecisionSpool spool;
  private final EventCodec codec;
  private final WorkerExecutor worker;
  private final Queue<String> queued = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean commitScheduled = new AtomicBoolean();

  private SpoolBacklog(Vertx vertx, DecisionSpool spool, EventCodec codec) {
    this.spool = spool;
    this.codec = codec;
    this.worker = vertx.createSharedWorkerExecutor("nodeward-decision-spool-" + Integer.toHexString(
        System.identityHashCode(this)), 1);
  }

  /** Opens the spool directory (blocking file I/O) on a worker. */
  public static Future<SpoolBacklog> open(Vertx vertx, Path directory, long maxBytes, EventCodec codec) {
    return vertx.executeBlocking(() -> {
      DecisionSpool spool = new DecisionSpool(directory, maxBytes);
      if (spool.pendingEvents() > 0) {
        LOG.info("{} decision event(s) left in the spool by an earlier run will be re-sent", spool.pendingEvents());
      }
      return new SpoolBacklog(vertx, spool, codec);
    });
  }

  @Override
  public void append(CloudEvent<AccessDecided> event) {
    queued.add(codec.encode(event));
    if (commitScheduled.compareAndSet(false, true)) {
      worker.executeBlocking(this::commit, true).onFailure(e -> LOG.error("could not write the decision spool", e));
    }
  }

  /** Runs on the worker: one write and one fsync for everything queued meanwhile. */
  private Void commit() throws Exception {
    commitScheduled.set(false);
    List<String> lines = new ArrayList<>();
    for (String line = queued.poll(); line != null; line = queued.poll()) {
      lines.add(line);
    }
    if (!lines.isEmpty()) {
      spool.append(lines);
    }
    return null;
  }

  @Override
  public Future<List<Path>> sealForDrain() {
    return worker.executeBlocking(() -> {
      commit();
      spool.seal();
      return spool.sealedSegments();
    }, true);
  }

  @Override
  public Future<Segment> read(Path segment) {
    return worker.executeBlocking(() -> {
      List<String> lines = spool.read(segment);
      List<CloudEvent<EventData>> events = new ArrayList<>(lines.size());
      int unreadable = 0;
      for (String line : lines) {
        try {
          events.add(codec.decode(line));
        } catch (InvalidEventException e) {
          // A torn last line after a crash mid-write: nothing to deliver from it.
          unreadable++;
        }
      }
      return new Segment(segment, events, lines.size(), unreadable);
    }, true);
  }

  @Override
  public Future<Void> delete(Segment segment) {
    return worker.executeBlocking(() -> {
      spool.delete(segment.path(), segment.lines());
      return null;
    }, true);
  }

  @Override
  public Future<Void> close() {
    return worker.executeBlocking(() -> {
          commit();
          spool.close();
          return (Void) null;
        }, true)
        .onFailure(e -> LOG.error("could not write the decision spool on close", e))
        .onComplete(x -> worker.close());
  }

  @Override
  public long pendingEvents() {
    return spool.pendingEvents() + queued.size();
  }

  @Override
  public long bytes() {
    return spool.bytes();
  }

  @Override
  public long dropped() {
    return spool.dropped();
  }
}
