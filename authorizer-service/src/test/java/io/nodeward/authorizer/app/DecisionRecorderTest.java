package io.nodeward.authorizer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.AccessDecided;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.DecisionReason;
import io.nodeward.events.EventData;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The recorder's delivery rules with a transport the test acknowledges or fails, and a backlog in memory. */
class DecisionRecorderTest {

  /** Holds every send until the test answers it. */
  static final class HeldTransport implements DecisionTransport {
    record Send(CloudEvent<?> event, BooleanSupplier stillWanted, Consumer<Exception> done) {
    }

    final Queue<Send> held = new ConcurrentLinkedQueue<>();
    final List<String> delivered = new CopyOnWriteArrayList<>();
    volatile boolean up = true;

    @Override
    public void send(CloudEvent<?> event, BooleanSupplier stillWanted, Consumer<Exception> done) {
      held.add(new Send(event, stillWanted, done));
    }

    /** Answers every held send in order: delivered while up, failed while down, skipped if no longer wanted. */
    void answerAll() {
      for (Send send = held.poll(); send != null; send = held.poll()) {
        if (!send.stillWanted().getAsBoolean()) {
          continue;
        }
        if (up) {
          delivered.add(send.event().id());
          send.done().accept(null);
        } else {
          send.done().accept(new RuntimeException("broker down"));
        }
      }
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  /** Segments of the events appended between two drains. */
  static final class MemoryBacklog implements DecisionBacklog {
    final List<CloudEvent<EventData>> open = new CopyOnWriteArrayList<>();
    final List<Segment> sealed = new CopyOnWriteArrayList<>();
    volatile boolean closed;
    /** Like a full disk: durable appends fail. */
    volatile boolean failing;

    @Override
    @SuppressWarnings("unchecked")
    public void append(CloudEvent<AccessDecided> event) {
      open.add((CloudEvent<EventData>) (CloudEvent<?>) event);
    }

    @Override
    public Future<Void> appendDurably(CloudEvent<AccessDecided> event) {
      if (failing) {
        return Future.failedFuture(new DecisionNotDurableException("the decision spool is full"));
      }
      append(event);
      return Future.succeededFuture();
    }

    @Override
    public Future<List<Path>> sealForDrain() {
      if (!open.isEmpty()) {
        sealed.add(new Segment(Path.of("segment-" + sealed.size()), List.copyOf(open), open.size(), 0));
        open.clear();
      }
      return Future.succeededFuture(sealed.stream().map(Segment::path).toList());
    }

    @Override
    public Future<Segment> read(Path segment) {
      return Future.succeededFuture(sealed.stream().filter(s -> s.path().equals(segment)).findFirst().orElseThrow());
    }

    @Override
    public Future<Void> delete(Segment segment) {
      sealed.remove(segment);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> close() {
      closed = true;
      return Future.succeededFuture();
    }

    @Override
    public long pendingEvents() {
      return open.size() + sealed.stream().mapToLong(s -> s.events().size()).sum();
    }

    @Override
    public long bytes() {
      return 0;
    }

    @Override
    public long dropped() {
      return 0;
    }
  }

  final Vertx vertx = Vertx.vertx();
  final HeldTransport transport = new HeldTransport();
  final MemoryBacklog backlog = new MemoryBacklog();
  final DecisionRecorder recorder = new DecisionRecorder(vertx, transport, backlog, "/nodeward/authorizer/gw-1", 20);

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  static AccessDecided decision() {
    return new AccessDecided(UUID.randomUUID().toString(), null, null, null, "node-1", "GET", "/nodes/node-1",
        DecisionReason.UNKNOWN_CERTIFICATE.effect(), DecisionReason.UNKNOWN_CERTIFICATE, "10.0.0.1", null,
        Instant.now(), "gw-1");
  }

  @Test
  void anAcknowledgedDecisionIsPublishedOnceUnderItsOwnIdAndNeverSpooled() {
    AccessDecided decision = decision();
    recorder.record(decision);
    transport.answerAll();
    assertEquals(List.of(decision.decisionId()), transport.delivered);
    assertEquals(1, recorder.published());
    assertTrue(backlog.isEmpty());
    assertFalse(recorder.degraded());
  }

  @Test
  void aFailedSendGoesToTheBacklogAndSoDoesEveryLaterDecisionUntilTheBacklogIsDelivered() {
    transport.up = false;
    AccessDecided first = decision();
    recorder.record(first);
    transport.answerAll();
    assertTrue(recorder.degraded());
    AccessDecided second = decision();
    recorder.record(second);
    // Any send now is the drain re-sending sealed segments (it runs every 20 ms), never a first send.
    assertTrue(transport.held.isEmpty() || !backlog.sealed.isEmpty(),
        "while degraded, decisions go to the backlog without trying the log");
    assertEquals(2, backlog.pendingEvents());

    transport.up = true;
    Await.until("the backlog is re-sent and deleted", () -> {
      transport.answerAll();
      return backlog.isEmpty() && !recorder.degraded();
    });
    assertEquals(List.of(first.decisionId(), second.decisionId()), transport.delivered, "each once, in order");
    assertEquals(2, recorder.resent());
  }

  @Test
  void closingPutsUnacknowledgedDecisionsInTheBacklogAndTheyAreNotSentLater() {
    List<AccessDecided> decisions = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      decisions.add(decision());
      recorder.record(decisions.get(i));
    }
    Await.result(recorder.close());
    transport.answerAll();
    assertTrue(transport.delivered.isEmpty(), "a spooled decision never reaches the log from the first send");
    assertEquals(decisions.stream().map(AccessDecided::decisionId).collect(Collectors.toSet()),
        backlog.open.stream().map(CloudEvent::id).collect(Collectors.toSet()));
    assertEquals(3, backlog.open.size());
    assertTrue(backlog.closed);
  }

  /** Before-forward, with an ack wait long enough never to fire unless a test wants it to. */
  DecisionRecorder beforeForward(Duration ackWait) {
    Await.result(recorder.close()); // the asynchronous one: its drains must not touch the shared backlog
    backlog.closed = false;
    return new DecisionRecorder(vertx, transport, backlog, "/nodeward/authorizer/gw-1", 60_000,
        DecisionDurability.BEFORE_FORWARD, ackWait);
  }

  @Test
  void beforeForwardTheRequestWaitsUntilKafkaAcknowledges() {
    DecisionRecorder durable = beforeForward(Duration.ofMinutes(1));
    AccessDecided decision = decision();
    Future<Void> recorded = durable.record(decision);
    assertFalse(recorded.isComplete(), "not durable before Kafka acknowledged");
    transport.answerAll();
    Await.result(recorded);
    assertEquals(List.of(decision.decisionId()), transport.delivered);
    assertTrue(backlog.isEmpty(), "acknowledged by Kafka: never spooled");
    assertEquals(1, durable.published());
  }

  @Test
  void beforeForwardAFailedSendIsDurableOnceSpooled() {
    DecisionRecorder durable = beforeForward(Duration.ofMinutes(1));
    transport.up = false;
    AccessDecided decision = decision();
    Future<Void> recorded = durable.record(decision);
    transport.answerAll();
    Await.result(recorded);
    assertEquals(List.of(decision.decisionId()), backlog.open.stream().map(CloudEvent::id).toList());
    assertTrue(durable.degraded());
  }

  @Test
  void beforeForwardADecisionKafkaDoesNotAcknowledgeInTimeIsSpooledAndKeepsItsId() {
    DecisionRecorder durable = beforeForward(Duration.ofMillis(20));
    AccessDecided decision = decision();
    Await.result(durable.record(decision)); // Kafka never answers: the ack wait spools it
    assertEquals(List.of(decision.decisionId()), backlog.open.stream().map(CloudEvent::id).toList());
    assertEquals(1, durable.spooledAfterAckWait());
    transport.answerAll();
    assertTrue(transport.delivered.isEmpty(), "spooled: the first send no longer hands it to Kafka");
  }

  @Test
  void whenNeitherKafkaNorTheSpoolHoldsTheDecisionTheRequestFailsClosedAndTheAlarmIsRaisedUntilDurableAgain() {
    DecisionRecorder durable = beforeForward(Duration.ofMinutes(1));
    transport.up = false;
    backlog.failing = true;
    Future<Void> recorded = durable.record(decision());
    transport.answerAll();
    Throwable failure = Await.failure(recorded);
    assertTrue(failure instanceof DecisionNotDurableException, failure.toString());
    assertEquals(503, ((DecisionNotDurableException) failure).problem().status());
    assertEquals("DECISION_NOT_DURABLE", ((DecisionNotDurableException) failure).problem().code());
    assertTrue(durable.durabilityFailing(), "the alarm");
    assertEquals(1, durable.notDurable());

    backlog.failing = false;
    Await.result(durable.record(decision()));
    assertFalse(durable.durabilityFailing(), "durable again: the alarm clears");
  }

  @Test
  void asyncTheRequestNeverWaits() {
    AccessDecided decision = decision();
    assertTrue(recorder.record(decision).succeeded(), "async: answered at once");
    transport.answerAll();
    assertEquals(List.of(decision.decisionId()), transport.delivered);
  }
}
