package io.nodeward.authorizer.app;

/** What health and metrics show about the live allow-list besides its contents: its consumer and its lag. */
public interface AllowListStatus extends AllowListView {

  /** Records not applied yet, summed over partitions, as of the last measurement; -1 when unknown. */
  long lag();

  boolean consumerRunning();

  /** The consumer's last batch failure while it is failing, else null. */
  String consumerError();

  long appliedEvents();
}
