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

    @Override
    @SuppressWarnings("unchecked")
    public void append(CloudEvent<AccessDecided> event) {
      open.add((CloudEvent<EventData>) (CloudEvent<?>) event);
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
    recorder.decided(decision);
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
    recorder.decided(first);
    transport.answerAll();
    assertTrue(recorder.degraded());
    AccessDecided second = decision();
    recorder.decided(second);
    assertTrue(transport.held.isEmpty(), "while degraded, decisions go to the backlog without trying the log");
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
      recorder.decided(decisions.get(i));
    }
    Await.result(recorder.close());
    transport.answerAll();
    assertTrue(transport.delivered.isEmpty(), "a spooled decision never reaches the log from the first send");
    assertEquals(decisions.stream().map(AccessDecided::decisionId).collect(Collectors.toSet()),
        backlog.open.stream().map(CloudEvent::id).collect(Collectors.toSet()));
    assertEquals(3, backlog.open.size());
    assertTrue(backlog.closed);
  }
}
