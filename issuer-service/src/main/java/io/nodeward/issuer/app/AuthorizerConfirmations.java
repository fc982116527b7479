package io.nodeward.issuer.app;

import io.nodeward.events.AuthorizerStatus;
import io.nodeward.issuer.domain.AuthorizerFleet;
import io.nodeward.issuer.domain.LogPosition;
import io.nodeward.issuer.domain.Propagation;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Waits for authorizer confirmations: fed every authorizer status as it is heard, it re-checks the waiting
 * revocations and deprovisionings and completes each once no live instance is pending, or at its timeout with
 * the pending ones named. Until the status history has been read ({@link #caughtUp()}) it does not decide, so
 * an issuer that just started does not mistake "not heard yet" for "no gateway".
 */
public final class AuthorizerConfirmations implements PropagationWatch {

  private final class Waiter {
    private final List<LogPosition> records;
    private final Promise<Propagation> answer = Promise.promise();
    private volatile long timer = -1;

    private Waiter(List<LogPosition> records) {
      this.records = records;
    }

    private void check(boolean atTimeout) {
      Propagation propagation = fleet.propagation(records, clock.instant());
      if ((propagation.complete() || atTimeout) && waiters.remove(this)) {
        if (timer >= 0) {
          vertx.cancelTimer(timer);
        }
        answer.complete(propagation);
      }
    }
  }

  private final Vertx vertx;
  private final AuthorizerFleet fleet;
  private final Clock clock;
  private final Duration timeout;
  private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
  private final Promise<Void> caughtUp = Promise.promise();

  public AuthorizerConfirmations(Vertx vertx, AuthorizerFleet fleet, Clock clock, Duration timeout) {
    this.vertx = vertx;
    this.fleet = fleet;
    this.clock = clock;
    this.timeout = timeout;
  }

  /** An authorizer status, heard now (or, while reading the history, as of its own report time). */
  public void heard(AuthorizerStatus status, java.time.Instant at) {
    fleet.heard(status, at);
    if (caughtUp.future().isComplete()) {
      waiters.forEach(w -> w.check(false));
    }
  }

  /** The status history is read: from now on, what the fleet says is current. */
  public void caughtUp() {
    if (caughtUp.tryComplete()) {
      waiters.forEach(w -> w.check(false));
    }
  }

  @Override
  public Future<Propagation> confirm(List<LogPosition> records) {
    Waiter waiter = new Waiter(List.copyOf(records));
    waiters.add(waiter);
    waiter.timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> waiter.check(true));
    if (caughtUp.future().isComplete()) {
      waiter.check(false);
    }
    return waiter.answer.future();
  }

  /** The authorizer instances live now, by name. */
  public List<String> liveInstances() {
    return fleet.live(clock.instant());
  }

  /** How many revocations and deprovisionings are waiting now. */
  public int waiting() {
    return waiters.size();
  }
}
