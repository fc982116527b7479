package io.nodeward.identity;

import io.vertx.core.Future;
import java.util.concurrent.CompletionException;

/** Blocks the test thread (never an event loop) on a Future. No time limit: a hang is a failure to look at. */
final class Await {

  private Await() {
  }

  static <T> T result(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().join();
    } catch (CompletionException e) {
      throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
    }
  }

  static Throwable failure(Future<?> future) {
    try {
      Object value = future.toCompletionStage().toCompletableFuture().join();
      throw new AssertionError("expected a failure, got " + value);
    } catch (CompletionException e) {
      return e.getCause();
    }
  }
}
