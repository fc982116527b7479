package io.nodeward.authorizer.app;

import io.nodeward.authorizer.domain.AllowListSnapshot;
import io.nodeward.authorizer.domain.Freshness;
import io.vertx.core.Future;

/** Read access to the live allow-list: the current snapshot and how fresh it is. */
public interface AllowListView {

  AllowListSnapshot snapshot();

  Freshness freshness();

  /** Completes once everything the event log held when it was called has been applied; may fail. */
  Future<Void> catchUp();
}
