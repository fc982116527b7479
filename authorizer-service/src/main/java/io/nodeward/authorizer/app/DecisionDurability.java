package io.nodeward.authorizer.app;

/** When a decision counts as recorded ({@code NODEWARD_AUTHORIZER_DECISION_DURABILITY}). */
public enum DecisionDurability {
  /**
   * The request is forwarded, or refused, only once its decision survives a kill -9 of the gateway: acknowledged
   * by Kafka ({@code acks=all}), or, when Kafka does not acknowledge in time, fsync'd in the local spool.
   */
  BEFORE_FORWARD,
  /**
   * The request goes on at once and its decision reaches Kafka (or the spool) shortly after: a crash loses the
   * decisions of the last few milliseconds, those not yet acknowledged nor spooled.
   */
  ASYNC
}
