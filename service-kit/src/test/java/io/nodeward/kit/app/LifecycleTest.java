package io.nodeward.kit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.kit.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  private static Vertx vertx;
  private final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() {
    Await.result(vertx.close());
  }

  private Future<String> startable(String name) {
    events.add("start " + name);
    return Future.succeededFuture(name);
  }

  private Future<Void> stoppable(String name) {
    events.add("stop " + name);
    return Future.succeededFuture();
  }

  @Test
  void componentsStopInReverseOrderOfStart() {
    Lifecycle lifecycle = Lifecycle.create(vertx, "test");
    Await.result(lifecycle.run(() -> lifecycle.start("broker", () -> startable("broker"), this::stoppable)
        .compose(v -> lifecycle.start("issuer", () -> startable("issuer"), this::stoppable))
        .compose(v -> Future.succeededFuture(lifecycle.add("publisher", "publisher", this::stoppable)))));
    assertEquals(List.of("broker", "issuer", "publisher"), lifecycle.components());

    Await.result(lifecycle.stop());

    assertEquals(List.of("start broker", "start issuer", "stop publisher", "stop issuer", "stop broker"), events);
    assertEquals(List.of(), lifecycle.components());
  }

  @Test
  void aFailedStartStopsWhatAlreadyStartedAndKeepsTheOriginalFailure() {
    Lifecycle lifecycle = Lifecycle.create(vertx, "test");
    IllegalStateException boom = new IllegalStateException("port in use");
    Throwable failure = Await.failure(lifecycle.run(() -> lifecycle.start("broker", () -> startable("broker"), this::stoppable)
        .compose(v -> lifecycle.start("http", () -> Future.<String>failedFuture(boom), this::stoppable))
        .compose(v -> lifecycle.start("never", () -> startable("never"), this::stoppable))));

    assertSame(boom, failure);
    assertEquals(List.of("start broker", "stop broker"), events, "http never started, so only the broker is stopped");
  }

  @Test
  void aStartThatThrowsInsteadOfFailingCountsAsAFailedStart() {
    Lifecycle lifecycle = Lifecycle.create(vertx, "test");
    Throwable failure = Await.failure(lifecycle.run(() -> lifecycle.start("broker", () -> startable("broker"), this::stoppable)
        .compose(v -> lifecycle.start("bad", () -> {
          throw new IllegalArgumentException("bad config");
        }, this::stoppable))));
    assertEquals("bad config", failure.getMessage());
    assertEquals(List.of("start broker", "stop broker"), events);
  }

  @Test
  void aHangingStopIsPassedOverAfterItsTimeoutAndTheOthersStillStop() {
    Lifecycle lifecycle = Lifecycle.create(vertx, "test");
    lifecycle.add("broker", "broker", this::stoppable);
    lifecycle.add("stuck audit", Duration.ofMillis(200), "audit", a -> Promise.<Void>promise().future()); // never completes
    lifecycle.add("issuer", "issuer", this::stoppable);

    Await.result(lifecycle.stop());

    assertEquals(List.of("stop issuer", "stop broker"), events);
  }

  @Test
  void aFailingOrThrowingStopDoesNotKeepTheOthersFromStopping() {
    Lifecycle lifecycle = Lifecycle.create(vertx, "test");
    lifecycle.add("broker", "broker", this::stoppable);
    lifecycle.add("failing", "x", x -> Future.failedFuture(new IllegalStateException("cannot flush")));
    lifecycle.add("throwing", "y", y -> {
      throw new IllegalStateException("closed twice");
    });

    Await.result(lifecycle.stop());

    assertEquals(List.of("stop broker"), events);
  }

  @Test
  void aBlockingCloseThatNeverReturnsHoldsNoEventLoopAndIsPassedOver() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    Lifecycle lifecycle = Lifecycle.create(vertx, "test");
    lifecycle.add("broker", "broker", this::stoppable);
    lifecycle.add("jdbc pool", Duration.ofMillis(200), "pool", p -> Lifecycle.blocking(vertx, "pool", never::await));

    // stop() from an event loop, as a service's own stop would: the hung close must not block it
    Future<Void> stopped = vertx.getOrCreateContext().<Future<Void>>executeBlocking(() -> null)
        .compose(x -> lifecycle.stop());
    Await.result(stopped);

    assertEquals(List.of("stop broker"), events);
    assertTrue(Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("stop-pool")).allMatch(Thread::isDaemon), "the blocked close runs on a daemon thread");
    never.countDown();
  }

  @Test
  void stopIsIdempotentAndNothingCanBeAddedAfterIt() {
    Lifecycle lifecycle = Lifecycle.create(vertx, "test");
    lifecycle.add("broker", "broker", this::stoppable);
    Future<Void> first = lifecycle.stop();
    Future<Void> second = lifecycle.stop();
    Await.result(second);
    assertSame(first, second);
    assertEquals(List.of("stop broker"), events);
    assertThrows(IllegalStateException.class, () -> lifecycle.add("late", "late", this::stoppable));
  }

  @Test
  void aComponentThatFinishesStartingAfterStopIsStoppedAtOnce() {
    Lifecycle lifecycle = Lifecycle.create(vertx, "test");
    Promise<String> slowStart = Promise.promise();
    Future<String> starting = lifecycle.start("slow", slowStart::future, this::stoppable);
    Await.result(lifecycle.stop());
    slowStart.complete("slow");
    Await.result(starting);
    Await.until("the late component to be stopped", () -> events.contains("stop slow"));
  }
}
