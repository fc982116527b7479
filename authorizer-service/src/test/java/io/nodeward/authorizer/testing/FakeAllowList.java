package io.nodeward.authorizer.testing;

import io.nodeward.authorizer.app.AllowListView;
import io.nodeward.authorizer.domain.AllowListSnapshot;
import io.nodeward.authorizer.domain.Freshness;
import io.nodeward.events.EventData;
import java.time.Duration;
import java.time.Instant;

/** An allow-list held in memory for use-case tests: events applied at once, freshness set by the test. */
public final class FakeAllowList implements AllowListView {

  private volatile AllowListSnapshot snapshot = AllowListSnapshot.EMPTY;
  private volatile Freshness freshness;

  public FakeAllowList(Instant confirmedAt) {
    this.freshness = Freshness.confirmed(confirmedAt, Duration.ofSeconds(5));
  }

  public FakeAllowList apply(EventData... events) {
    for (EventData event : events) {
      snapshot = snapshot.apply(event);
    }
    return this;
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
