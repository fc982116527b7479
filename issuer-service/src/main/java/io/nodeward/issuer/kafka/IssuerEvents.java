package io.nodeward.issuer.kafka;

import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventData;
import io.nodeward.events.Topic;
import io.nodeward.issuer.app.EventLog;
import io.nodeward.issuer.domain.CertificateRegistry;
import io.nodeward.issuer.domain.LogPosition;
import io.nodeward.issuer.domain.NodeRegistry;
import io.nodeward.issuer.metrics.IssuerMetrics;
import io.nodeward.kit.kafka.EventPublisher;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Publishes the issuer's events and, once Kafka acknowledged one, applies it to the local registries at once
 * (read-your-writes): a node provisioned a moment ago can get a certificate on the next request, before the
 * state consumer reads the event back. Remembers the highest offset it wrote per partition, so that together
 * with what the state consumer read it knows the last record of each partition it has seen.
 */
public final class IssuerEvents implements EventLog {

  private final EventPublisher publisher;
  private final NodeRegistry nodes;
  private final CertificateRegistry certificates;
  private final Function<Topic, List<LogPosition>> read;
  private final Map<String, LogPosition> written = new ConcurrentHashMap<>();
  private final IssuerMetrics metrics;

  /**
   * @param read for a topic, the last record of each partition the state consumer has applied
   * @param metrics told of every acknowledged event and how long Kafka took
   */
  public IssuerEvents(EventPublisher publisher, NodeRegistry nodes, CertificateRegistry certificates,
      Function<Topic, List<LogPosition>> read, IssuerMetrics metrics) {
    this.metrics = metrics;
    this.publisher = publisher;
    this.nodes = nodes;
    this.certificates = certificates;
    this.read = read;
  }

  /** Succeeds only after every in-sync replica has the event (acks=all) and it is applied locally. */
  public <T extends EventData> Future<CloudEvent<T>> publish(T data) {
    return publishAt(data).map(EventPublisher.Published::event);
  }

  private <T extends EventData> Future<EventPublisher.Published<T>> publishAt(T data) {
    long began = System.nanoTime();
    return publisher.publishAt(data).onSuccess(published -> {
      metrics.recorded(data, System.nanoTime() - began);
      nodes.applyPublished(published.event());
      certificates.applyPublished(published.event());
      LogPosition position = new LogPosition(published.topic(), published.partition(), published.offset());
      written.merge(key(position), position, IssuerEvents::later);
    });
  }

  @Override
  public Future<LogPosition> append(EventData data) {
    return publishAt(data).map(p -> new LogPosition(p.topic(), p.partition(), p.offset()));
  }

  @Override
  public List<LogPosition> latest(Topic topic) {
    Map<String, LogPosition> last = new TreeMap<>();
    read.apply(topic).forEach(p -> last.merge(key(p), p, IssuerEvents::later));
    written.values().stream().filter(p -> p.topic().equals(topic.name()))
        .forEach(p -> last.merge(key(p), p, IssuerEvents::later));
    return List.copyOf(last.values());
  }

  private static String key(LogPosition position) {
    return position.topic() + "\u0000" + position.partition();
  }

  private static LogPosition later(LogPosition a, LogPosition b) {
    return a.offset() >= b.offset() ? a : b;
  }

  public Future<Void> close() {
    return publisher.close();
  }
}
