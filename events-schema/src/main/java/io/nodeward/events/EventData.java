package io.nodeward.events;

/**
 * The payload of a nodeward event. Sealed: the set of events the services exchange is closed, and each
 * one names its Kafka partition key (nodeId for node and decision events, serial for certificates) so
 * that all events about one thing stay in order.
 */
public sealed interface EventData
    permits NodeProvisioned, NodeDeprovisioned, CertificateIssued, CertificateRevoked,
        IssuanceDenied, AccessDecided, AuditCheckpoint, AuthorizerStatus, AuditLogCheckpoint, EventRejected {

  /** The Kafka record key. */
  String key();

  /** The CloudEvents {@code subject}: what the event is about. */
  default String subject() {
    return key();
  }
}
