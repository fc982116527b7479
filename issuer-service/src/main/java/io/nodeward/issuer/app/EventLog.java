package io.nodeward.issuer.app;

import io.nodeward.events.EventData;
import io.nodeward.events.Topic;
import io.nodeward.issuer.domain.LogPosition;
import io.vertx.core.Future;
import java.util.List;

/**
 * The port where the issuer records what happened (nodes, certificates, refusals). A fact counts once the log
 * acknowledged it: the future succeeds only then, with where the log stored it, and the issuer's own view already
 * shows it (read-your-writes).
 */
public interface EventLog {

  Future<LogPosition> append(EventData data);

  /**
   * For every partition of {@code topic}, the last record this issuer knows of (read back or written itself);
   * what an authorizer must have applied to agree with the issuer's view of that topic.
   */
  List<LogPosition> latest(Topic topic);
}
