package io.nodeward.authorizer.testing;

import io.nodeward.authorizer.app.AllowListView;
import io.nodeward.authorizer.domain.AllowListSnapshot;
import io.nodeward.authorizer.domain.Freshness;
import io.nodeward.events.EventData;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An allow-list held in memory for use-case tests: events applied at once, freshness set by the test. */
public final class FakeAllowList implements AllowListView {

  private volatile AllowListSnapshot snapshot = AllowListSnapshot.EMPTY;
  private volatile Freshness freshness;
  private final List<EventData> published = new CopyOnWriteArrayList<>();
  private final AtomicInteger catchUps = new AtomicInteger();
  private volatile Promise<Void> heldCatchUp;

  public FakeAllowList(Instant confirmedAt) {
    this.freshness = Freshness.confirmed(confirmedAt, Duration.ofSeconds(5));
  }

  public FakeAllowList apply(EventData... events) {
    for (EventData event : events) {
      snapshot = snapshot.apply(event);
    }
    return this;
  }

  /** Events "on the broker" but not applied until the next catch-up. */
  public FakeAllowList publish(EventData... events) {
    published.addAll(List.of(events));
    return this;
  }

  /** From now on a catch-up never finishes (a broker that does not answer). */
  public void holdCatchUps() {
    heldCatchUp = Promise.promise();
  }

  public int catchUps() {
    return catchUps.get();
  }

  @Override
  public Future<Void> catchUp() {
    catchUps.incrementAndGet();
    if (heldCatchUp != null) {
      return heldCatchUp.future();
    }
    for (EventData event : published) {
      snapshot = snapshot.apply(event);
    }
    published.clear();
    return Future.succeededFuture();
  }

  public void freshness(Freshness value) {
    freshness = value;
  }

  @Override
  public AllowListSnapshot snapshot() {
    return snapshot;
  }

  @Override
  public Freshness freshness() {
    return freshness;
  }
}
