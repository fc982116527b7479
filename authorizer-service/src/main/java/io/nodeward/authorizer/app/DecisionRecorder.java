package io.nodeward.authorizer.app;

import io.nodeward.events.AccessDecided;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventData;
import io.nodeward.events.EventType;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every access decision as an {@link AccessDecided} CloudEvent whose id is the decision id. When the event
 * log does not acknowledge (outage), the event goes to the {@link DecisionBacklog}, and so does every later decision
 * until the backlog has been re-sent; backlog events keep their id, so the audit service deduplicates a decision
 * that reached the log twice. On close, events still waiting for the log are put in the backlog.
 *
 * <p>With {@link DecisionDurability#BEFORE_FORWARD} the request waits: {@link #record} answers once Kafka has
 * acknowledged the event ({@code acks=all}), or, if it has not within {@code ackWait} or failed, once the backlog has
 * fsync'd it (group commit). If neither can hold it (spool full, write failed) the answer is a
 * {@link DecisionNotDurableException}: the request is refused, and {@link #durabilityFailing()} raises the alarm
 * until a decision is durable again. With {@link DecisionDurability#ASYNC} it answers at once.
 */
public final class DecisionRecorder implements DecisionLog {

  private static final Logger LOG = LoggerFactory.getLogger(DecisionRecorder.class);

  /** A decision handed to the log and not acknowledged yet; {@code durable} is what its request waits for. */
  private record InFlight(CloudEvent<AccessDecided> event, Promise<Void> durable, long sentAtNanos) {
  }

  private final Vertx vertx;
  private final DecisionTransport transport;
  private final DecisionBacklog backlog;
  private final String source;
  private final DecisionDurability durability;
  private final long ackWaitNanos;
  private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong resent = new AtomicLong();
  private final AtomicLong unreadable = new AtomicLong();
  private final AtomicLong spooledAfterAckWait = new AtomicLong();
  private final AtomicLong notDurable = new AtomicLong();
  private final long drainTimer;
  private final long ackWaitTimer;
  private volatile boolean degraded;
  private volatile boolean closing;
  private volatile boolean durabilityFailing;

  /** Asynchronous recording (tests of the delivery rules). */
  public DecisionRecorder(Vertx vertx, DecisionTransport transport, DecisionBacklog backlog, String source,
      long drainIntervalMillis) {
    this(vertx, transport, backlog, source, drainIntervalMillis, DecisionDurability.ASYNC, Duration.ofSeconds(1));
  }

  public DecisionRecorder(Vertx vertx, DecisionTransport transport, DecisionBacklog backlog, String source,
      long drainIntervalMillis, DecisionDurability durability, Duration ackWait) {
    this.vertx = vertx;
    this.transport = transport;
    this.backlog = backlog;
    this.source = source;
    this.durability = durability;
    this.ackWaitNanos = ackWait.toNanos();
    this.drainTimer = vertx.setPeriodic(drainIntervalMillis, drainIntervalMillis, t -> drain());
    long sweep = Math.max(5, ackWait.toMillis() / 4);
    this.ackWaitTimer = durability == DecisionDurability.BEFORE_FORWARD
        ? vertx.setPeriodic(sweep, sweep, t -> spoolUnacknowledged()) : -1;
  }

  /**
   * Never throws. With durability before-forward the future completes once the decision is durable (or fails with
   * {@link DecisionNotDurableException}); asynchronous, it is complete already.
   */
  @Override
  public Future<Void> record(AccessDecided decision) {
    CloudEvent<AccessDecided> event =
        new CloudEvent<>(decision.decisionId(), source, EventType.ACCESS_DECIDED, decision.decidedAt(), decision);
    if (degraded || closing) {
      return spool(event);
    }
    InFlight sent = new InFlight(event, Promise.promise(), System.nanoTime());
    inFlight.put(event.id(), sent);
    // Put in the backlog by close() (or after the ack wait) while waiting its turn: it must not reach the log from
    // here any more.
    transport.send(event, () -> !closing && inFlight.get(event.id()) == sent, failure -> onFirstSend(sent, failure));
    return durability == DecisionDurability.ASYNC ? Future.succeededFuture() : sent.durable().future();
  }

  private void onFirstSend(InFlight sent, Exception failure) {
    if (!inFlight.remove(sent.event().id(), sent)) {
      return; // close() or the ack wait already put it in the backlog
    }
    if (failure == null) {
      published.incrementAndGet();
      durabilityFailing = false;
      sent.durable().tryComplete();
      return;
    }
    if (!degraded) {
      LOG.warn("Kafka did not take a decision event ({}); spooling decisions to disk until it does",
          failure.getMessage());
    }
    degraded = true;
    spool(sent.event()).onComplete(sent.durable());
  }

  /**
   * Before-forward: a decision Kafka has not acknowledged within the ack wait goes to the backlog, so its request
   * waits no longer than that plus one fsync, and so do later ones until the backlog is delivered. Kafka may still
   * take it later too; the audit service stores it once.
   */
  private void spoolUnacknowledged() {
    long now = System.nanoTime();
    for (InFlight sent : inFlight.values()) {
      if (now - sent.sentAtNanos() >= ackWaitNanos && inFlight.remove(sent.event().id(), sent)) {
        spooledAfterAckWait.incrementAndGet();
        if (!degraded) {
          LOG.warn("Kafka has not acknowledged a decision event within {} ms; spooling decisions to disk until "
              + "the spool is delivered", ackWaitNanos / 1_000_000);
        }
        degraded = true; // the next requests need not wait for Kafka too: the spool is drained once it answers
        spool(sent.event()).onComplete(sent.durable());
      }
    }
  }

  /** To the backlog: asynchronous, queued; before-forward, answered once fsync'd (or failed, with the alarm). */
  private Future<Void> spool(CloudEvent<AccessDecided> event) {
    if (durability == DecisionDurability.ASYNC) {
      backlog.append(event);
      return Future.succeededFuture();
    }
    return backlog.appendDurably(event).andThen(ar -> {
      if (ar.succeeded()) {
        durabilityFailing = false;
        return;
      }
      notDurable.incrementAndGet();
      if (!durabilityFailing) {
        LOG.error("a decision could not be made durable (Kafka did not acknowledge it, and the spool: {}): "
            + "requests are refused DECISION_NOT_DURABLE until decisions are durable again; see "
            + "nodeward_authorizer_decisions_not_durable_total", ar.cause().getMessage());
      }
      durabilityFailing = true;
    });
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

  /** When a decision counts as recorded. */
  public DecisionDurability durability() {
    return durability;
  }

  /**
   * The alarm: true since a decision could be made durable neither by Kafka nor by the spool (its request was
   * refused), until one is durable again.
   */
  public boolean durabilityFailing() {
    return durabilityFailing;
  }

  /** Decisions whose requests were refused because neither Kafka nor the spool could hold them (total). */
  public long notDurable() {
    return notDurable.get();
  }

  /** Decisions spooled because Kafka had not acknowledged them within the ack wait (before-forward; total). */
  public long spooledAfterAckWait() {
    return spooledAfterAckWait.get();
  }

  /**
   * Puts whatever the log has not acknowledged yet in the backlog, then closes the backlog and the transport
   * (which gives up on unsent records: they are on disk already).
   */
  public Future<Void> close() {
    closing = true;
    vertx.cancelTimer(drainTimer);
    vertx.cancelTimer(ackWaitTimer);
    for (InFlight sent : List.copyOf(inFlight.values())) {
      if (inFlight.remove(sent.event().id(), sent)) {
        spool(sent.event()).onComplete(sent.durable());
      }
    }
    return backlog.close().transform(v -> transport.close());
  }
}
