package io.nodeward.issuer.testing;

import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventData;
import io.nodeward.events.Topic;
import io.nodeward.issuer.app.EventLog;
import io.nodeward.issuer.domain.CertificateRegistry;
import io.nodeward.issuer.domain.LogPosition;
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
  private final java.util.Map<String, Long> offsets = new java.util.HashMap<>();

  public FakeEventLog(NodeRegistry nodes, CertificateRegistry certificates) {
    this.nodes = nodes;
    this.certificates = certificates;
  }

  @Override
  public Future<LogPosition> append(EventData data) {
    if (failing) {
      return Future.failedFuture(new org.apache.kafka.common.errors.TimeoutException("fake broker unreachable"));
    }
    CloudEvent<EventData> event = CloudEvent.of("/nodeward/issuer/test", data, Instant.now());
    LogPosition position;
    synchronized (this) {
      appended.add(data);
      position = new LogPosition(event.topic().name(), 0, offsets.merge(event.topic().name(), 1L, Long::sum) - 1);
    }
    nodes.applyPublished(event);
    certificates.applyPublished(event);
    return Future.succeededFuture(position);
  }

  /** One partition per topic; the last position appended to it. */
  @Override
  public synchronized List<LogPosition> latest(Topic topic) {
    Long next = offsets.get(topic.name());
    return next == null ? List.of() : List.of(new LogPosition(topic.name(), 0, next - 1));
  }

  public <T extends EventData> List<T> of(Class<T> type) {
    return appended.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
