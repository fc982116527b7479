package io.nodeward.issuer.kafka;

import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventData;
import io.nodeward.issuer.app.EventLog;
import io.nodeward.issuer.domain.CertificateRegistry;
import io.nodeward.issuer.domain.NodeRegistry;
import io.nodeward.kit.kafka.EventPublisher;
import io.vertx.core.Future;

/**
 * Publishes the issuer's events and, once Kafka acknowledged one, applies it to the local registries at once
 * (read-your-writes): a node provisioned a moment ago can get a certificate on the next request, before the
 * state consumer reads the event back.
 */
public final class IssuerEvents implements EventLog {

  private final EventPublisher publisher;
  private final NodeRegistry nodes;
  private final CertificateRegistry certificates;

  public IssuerEvents(EventPublisher publisher, NodeRegistry nodes, CertificateRegistry certificates) {
    this.publisher = publisher;
    this.nodes = nodes;
    this.certificates = certificates;
  }

  /** Succeeds only after every in-sync replica has the event (acks=all) and it is applied locally. */
  public <T extends EventData> Future<CloudEvent<T>> publish(T data) {
    return publisher.publish(data).onSuccess(event -> {
      nodes.applyPublished(event);
      certificates.applyPublished(event);
    });
  }

  @Override
  public Future<Void> append(EventData data) {
    return publish(data).mapEmpty();
  }

  public Future<Void> close() {
    return publisher.close();
  }
}
