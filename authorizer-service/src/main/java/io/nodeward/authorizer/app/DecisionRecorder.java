package io.nodeward.authorizer.app;

import io.nodeward.events.AccessDecided;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventData;
import io.nodeward.events.EventType;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every access decision as an {@link AccessDecided} CloudEvent whose id is the decision id, without
 * ever making a request wait or fail for it. When the event log does not acknowledge (outage), the event goes
 * to the {@link DecisionBacklog}, and so does every later decision until the backlog has been re-sent; backlog
 * events keep their id, so the audit service deduplicates a decision that reached the log twice. On close,
 * events still waiting for the log are put in the backlog, so a restart during an outage loses none.
 */
public final class DecisionRecorder implements DecisionSink {

  private static final Logger LOG = LoggerFactory.getLogger(DecisionRecorder.class);

  private final Vertx vertx;
  private final DecisionTransport transport;
  private final DecisionBacklog backlog;
  private final String source;
  private final Set<CloudEvent<AccessDecided>> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong resent = new AtomicLong();
  private final AtomicLong unreadable = new AtomicLong();
  private final long drainTimer;
  private volatile boolean degraded;
  private volatile boolean closing;

  public DecisionRecorder(Vertx vertx, DecisionTransport transport, DecisionBacklog backlog, String source,
      long drainIntervalMillis) {
    this.vertx = vertx;
    this.transport = transport;
    this.backlog = backlog;
    this.source = source;
    this.drainTimer = vertx.setPeriodic(drainIntervalMillis, drainIntervalMillis, t -> drain());
  }

  /** Never blocks, never throws: the request that made the decision has already been answered or proxied. */
  @Override
  public void decided(AccessDecided decision) {
    CloudEvent<AccessDecided> event =
        new CloudEvent<>(decision.decisionId(), source, EventType.ACCESS_DECIDED, decision.decidedAt(), decision);
    if (degraded || closing) {
      backlog.append(event);
      return;
    }
    inFlight.add(event);
    // Put in the backlog by close() while waiting its turn: it must not reach the log from here any more.
    transport.send(event, () -> !closing && inFlight.contains(event), failure -> onFirstSend(event, failure));
  }

  private void onFirstSend(CloudEvent<AccessDecided> event, Exception failure) {
    if (!inFlight.remove(event)) {
      return; // close() already put it in the backlog
    }
    if (failure == null) {
      published.incrementAndGet();
      return;
    }
    if (!degraded) {
      LOG.warn("Kafka did not take a decision event ({}); spooling decisions to disk until it does",
          failure.getMessage());
    }
    degraded = true;
    backlog.append(event);
  }

  /** Re-sends sealed segments oldest first; a segment is deleted only after the log acknowledged all of it. */
  private void drain() {
    if (closing || backlog.isEmpty() || !draining.compareAndSet(false, true)) {
      return;
    }
    backlog.sealForDrain()
        .compose(this::resendAll)
        .onComplete(ar -> {
          draining.set(false);
          if (ar.succeeded() && backlog.isEmpty()) {
            if (degraded) {
              LOG.info("Kafka is back: the decision spool is delivered");
            }
            degraded = false;
          }
        });
  }

  private Future<Void> resendAll(List<Path> segments) {
    Future<Void> chain = Future.succeededFuture();
    for (Path segment : segments) {
      chain = chain.compose(v -> closing ? Future.failedFuture("closing") : backlog.read(segment).compose(this::resend));
    }
    return chain;
  }

  private Future<Void> resend(DecisionBacklog.Segment segment) {
    unreadable.addAndGet(segment.unreadable());
    List<Future<Void>> sends = new ArrayList<>(segment.events().size());
    for (CloudEvent<EventData> event : segment.events()) {
      sends.add(resend(event));
    }
    return Future.all(sends)
        .compose(all -> backlog.delete(segment))
        .onSuccess(v -> resent.addAndGet(sends.size()));
  }

  private Future<Void> resend(CloudEvent<EventData> event) {
    Promise<Void> sent = Promise.promise();
    transport.send(event, () -> {
      if (closing) {
        sent.tryFail("closing");
        return false;
      }
      return true;
    }, failure -> {
      if (failure == null) {
        sent.tryComplete();
      } else {
        sent.tryFail(failure);
      }
    });
    return sent.future();
  }

  /** Decision events acknowledged by the log on first send. */
  public long published() {
    return published.get();
  }

  /** Decision events delivered from the backlog. */
  public long resent() {
    return resent.get();
  }

  /** Backlog lines that could not be read back (torn by a crash mid-write). */
  public long unreadable() {
    return unreadable.get();
  }

  public long backlogBytes() {
    return backlog.bytes();
  }

  public long backlogEvents() {
    return backlog.pendingEvents();
  }

  public long dropped() {
    return backlog.dropped();
  }

  /** True while decisions go to the backlog because the log did not acknowledge. */
  public boolean degraded() {
    return degraded;
  }

  /**
   * Puts whatever the log has not acknowledged yet in the backlog, then closes the backlog and the transport
   * (which gives up on unsent records: they are on disk already).
   */
  public Future<Void> close() {
    closing = true;
    vertx.cancelTimer(drainTimer);
    for (CloudEvent<AccessDecided> event : List.copyOf(inFlight)) {
      if (inFlight.remove(event)) {
        backlog.append(event);
      }
    }
    return backlog.close().transform(v -> transport.close());
  }
}
