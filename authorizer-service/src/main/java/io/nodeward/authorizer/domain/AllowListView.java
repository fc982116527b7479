package io.nodeward.authorizer.domain;

/** Read access to the live allow-list: the current snapshot and how fresh it is. */
public interface AllowListView {

  AllowListSnapshot snapshot();

  Freshness freshness();
}
