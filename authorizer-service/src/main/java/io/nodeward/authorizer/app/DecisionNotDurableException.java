package io.nodeward.authorizer.app;

import io.nodeward.kit.http.ProblemException;

/**
 * A decision that could not be made durable (the spool is full or its write failed while Kafka did not
 * acknowledge): the request it decided is refused, fail closed, as a 503 {@code DECISION_NOT_DURABLE}, because
 * forwarding or refusing it would leave an access nobody can audit.
 */
public final class DecisionNotDurableException extends ProblemException {

  public static final String CODE = "DECISION_NOT_DURABLE";

  public DecisionNotDurableException(String why) {
    super(503, CODE, "Service unavailable", "The access decision could not be recorded durably (" + why
        + "), so the request was not carried out. Try again later.");
  }
}
