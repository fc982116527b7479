package io.nodeward.issuer.app;

import io.nodeward.issuer.domain.LogPosition;
import io.nodeward.issuer.domain.Propagation;
import io.vertx.core.Future;
import java.util.List;

/**
 * The port that tells how far a recorded change reached the authorizers. Revocations and deprovisionings answer
 * only after it: every live authorizer instance applied the records, or the wait timed out naming who is pending.
 */
public interface PropagationWatch {

  /**
   * Completes once every live authorizer instance has applied every record at {@code records}, or when the
   * configured timeout passes with some pending. Never fails: a timeout is an answer (202), not an error.
   */
  Future<Propagation> confirm(List<LogPosition> records);
}
