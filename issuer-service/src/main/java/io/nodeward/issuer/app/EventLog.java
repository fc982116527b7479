package io.nodeward.issuer.app;

import io.nodeward.events.EventData;
import io.vertx.core.Future;

/**
 * The port where the issuer records what happened (nodes, certificates, refusals). A fact counts once the log
 * acknowledged it: the future succeeds only then, and the issuer's own view already shows it (read-your-writes).
 */
public interface EventLog {

  Future<Void> append(EventData data);
}
