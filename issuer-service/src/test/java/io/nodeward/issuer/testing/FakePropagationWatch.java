package io.nodeward.issuer.testing;

import io.nodeward.issuer.app.PropagationWatch;
import io.nodeward.issuer.domain.LogPosition;
import io.nodeward.issuer.domain.Propagation;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The propagation port for tests of app/: records what was waited on and answers {@code answer} at once. */
public final class FakePropagationWatch implements PropagationWatch {

  public final List<List<LogPosition>> asked = new CopyOnWriteArrayList<>();
  public volatile Propagation answer = new Propagation(List.of("gateway-1"), List.of());

  @Override
  public Future<Propagation> confirm(List<LogPosition> records) {
    asked.add(List.copyOf(records));
    return Future.succeededFuture(answer);
  }
}
