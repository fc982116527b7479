package io.nodeward.authorizer.store;

import io.nodeward.authorizer.app.DecisionBacklog;
import io.nodeward.authorizer.app.DecisionNotDurableException;
import io.nodeward.events.AccessDecided;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.EventData;
import io.nodeward.events.InvalidEventException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
  private final Queue<Pending> queued = new ConcurrentLinkedQueue<>();
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

  /** One queued line, and who waits for it to be on disk (null: nobody). */
  private record Pending(String line, Promise<Void> durable) {
  }

  @Override
  public void append(CloudEvent<AccessDecided> event) {
    enqueue(new Pending(codec.encode(event), null));
  }

  @Override
  public Future<Void> appendDurably(CloudEvent<AccessDecided> event) {
    Promise<Void> durable = Promise.promise();
    enqueue(new Pending(codec.encode(event), durable));
    return durable.future();
  }

  private void enqueue(Pending pending) {
    queued.add(pending);
    if (commitScheduled.compareAndSet(false, true)) {
      worker.executeBlocking(this::commit, true).onFailure(e -> LOG.error("could not write the decision spool", e));
    }
  }

  /**
   * Runs on the worker: one write and one fsync for everything queued meanwhile (a group commit: concurrent
   * decisions share one fsync). Whoever waits hears only after the fsync, or of the failure.
   */
  private Void commit() throws Exception {
    commitScheduled.set(false);
    List<Pending> batch = new ArrayList<>();
    for (Pending next = queued.poll(); next != null; next = queued.poll()) {
      batch.add(next);
    }
    if (batch.isEmpty()) {
      return null;
    }
    boolean[] written;
    try {
      written = spool.write(batch.stream().map(Pending::line).toList());
    } catch (IOException | RuntimeException e) {
      for (Pending pending : batch) {
        if (pending.durable() != null) {
          pending.durable().tryFail(new DecisionNotDurableException("the decision spool could not be written"));
        }
      }
      throw e;
    }
    for (int i = 0; i < batch.size(); i++) {
      Promise<Void> durable = batch.get(i).durable();
      if (durable == null) {
        continue;
      }
      if (written[i]) {
        durable.tryComplete();
      } else {
        durable.tryFail(new DecisionNotDurableException("the decision spool is full"));
      }
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
      DecisionSpool.Contents contents = spool.read(segment);
      List<CloudEvent<EventData>> events = new ArrayList<>(contents.lines().size());
      List<byte[]> unreadable = new ArrayList<>(contents.torn());
      for (String line : contents.lines()) {
        try {
          events.add(codec.decode(line));
        } catch (InvalidEventException e) {
          unreadable.add(line.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!unreadable.isEmpty()) {
        // A crash mid-write (torn last record) or a damaged file: deliver what is whole, keep the rest aside.
        Path aside = spool.setAside(segment, unreadable);
        LOG.warn("decision spool segment {}: {} record(s) could not be read and were set aside in {}; "
            + "{} whole record(s) will be delivered", segment.getFileName(), unreadable.size(), aside.getFileName(),
            events.size());
      }
      return new Segment(segment, events, contents.lines().size() + contents.torn().size(), unreadable.size());
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
