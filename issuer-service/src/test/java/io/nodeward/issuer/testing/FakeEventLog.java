package io.nodeward.issuer.testing;

import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventData;
import io.nodeward.issuer.app.EventLog;
import io.nodeward.issuer.domain.CertificateRegistry;
import io.nodeward.issuer.domain.NodeRegistry;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The event-log port for tests of app/: keeps what was appended in order and, like the Kafka adapter, applies an
 * acknowledged event to the registries at once. {@code failing} makes every append fail as an unreachable broker.
 */
public final class FakeEventLog implements EventLog {

  private final NodeRegistry nodes;
  private final CertificateRegistry certificates;
  public final List<EventData> appended = new CopyOnWriteArrayList<>();
  public volatile boolean failing;

  public FakeEventLog(NodeRegistry nodes, CertificateRegistry certificates) {
    this.nodes = nodes;
    this.certificates = certificates;
  }

  @Override
  public Future<Void> append(EventData data) {
    if (failing) {
      return Future.failedFuture(new org.apache.kafka.common.errors.TimeoutException("fake broker unreachable"));
    }
    CloudEvent<EventData> event = CloudEvent.of("/nodeward/issuer/test", data, Instant.now());
    appended.add(data);
    nodes.applyPublished(event);
    certificates.applyPublished(event);
    return Future.succeededFuture();
  }

  public <T extends EventData> List<T> of(Class<T> type) {
    return appended.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
