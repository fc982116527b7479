package io.nodeward.events;

import java.util.Arrays;
import java.util.Optional;

/** The closed set of CloudEvents {@code type}s, each bound to its record and its JSON Schema. */
public enum EventType {
  NODE_PROVISIONED("io.nodeward.node.provisioned.v1", NodeProvisioned.class),
  NODE_DEPROVISIONED("io.nodeward.node.deprovisioned.v1", NodeDeprovisioned.class),
  CERTIFICATE_ISSUED("io.nodeward.certificate.issued.v1", CertificateIssued.class),
  CERTIFICATE_REVOKED("io.nodeward.certificate.revoked.v1", CertificateRevoked.class),
  ISSUANCE_DENIED("io.nodeward.issuance.denied.v1", IssuanceDenied.class),
  ACCESS_DECIDED("io.nodeward.access.decided.v1", AccessDecided.class),
  AUDIT_CHECKPOINT("io.nodeward.audit.checkpoint.v1", AuditCheckpoint.class),
  AUTHORIZER_STATUS("io.nodeward.authorizer.status.v1", AuthorizerStatus.class),
  AUDIT_LOG_CHECKPOINT("io.nodeward.audit.checkpoint.v2", AuditLogCheckpoint.class),
  EVENT_REJECTED("io.nodeward.audit.event-rejected.v1", EventRejected.class);

  private final String type;
  private final Class<? extends EventData> dataClass;

  EventType(String type, Class<? extends EventData> dataClass) {
    this.type = type;
    this.dataClass = dataClass;
  }

  /** The CloudEvents {@code type} attribute. */
  public String type() {
    return type;
  }

  public Class<? extends EventData> dataClass() {
    return dataClass;
  }

  /** Classpath location of the data's JSON Schema. */
  public String schemaResource() {
    return "/schemas/" + type + ".schema.json";
  }

  public Topic topic() {
    return Topics.forType(this);
  }

  public static Optional<EventType> ofType(String type) {
    return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
  }

  public static EventType of(EventData data) {
    return Arrays.stream(values()).filter(t -> t.dataClass == data.getClass()).findFirst()
        .orElseThrow(() -> new IllegalStateException("unregistered event class " + data.getClass()));
  }
}
