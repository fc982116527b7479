package io.nodeward.authorizer.kafka;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/**
 * Lets any number of callers wait for "everything published before I asked is applied" with at most one question
 * to the broker in flight and one queued: a caller that arrives while a catch-up runs cannot use it (its end
 * offsets may predate what the caller waits for), so it joins the next one, which starts when the current ends.
 * A burst of unknown certificates thus costs two end-offset lookups, not one each.
 */
final class SharedCatchUp {

  private final Supplier<Future<Void>> catchUp;
  private boolean busy;
  private Promise<Void> next;

  SharedCatchUp(Supplier<Future<Void>> catchUp) {
    this.catchUp = catchUp;
  }

  Future<Void> await() {
    Promise<Void> mine;
    synchronized (this) {
      if (busy) {
        if (next == null) {
          next = Promise.promise();
        }
        return next.future();
      }
      busy = true;
      mine = Promise.promise();
    }
    run(mine);
    return mine.future();
  }

  private void run(Promise<Void> waiters) {
    Future<Void> started;
    try {
      started = catchUp.get();
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    started.onComplete(ar -> {
      Promise<Void> queued;
      synchronized (this) {
        queued = next;
        next = null;
        busy = queued != null;
      }
      waiters.handle(ar);
      if (queued != null) {
        run(queued);
      }
    });
  }
}
