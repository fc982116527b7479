package io.nodeward.authorizer.app;

import io.nodeward.authorizer.domain.AllowListSnapshot;
import io.nodeward.authorizer.domain.Freshness;

/** Read access to the live allow-list: the current snapshot and how fresh it is. */
public interface AllowListView {

  AllowListSnapshot snapshot();

  Freshness freshness();
}
