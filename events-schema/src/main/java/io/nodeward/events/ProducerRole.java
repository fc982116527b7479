package io.nodeward.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may produce which events: each event type belongs to exactly one producer role, and a consumer accepts an
 * event only when it is signed by a key pinned for that role. The rule goes by the type's name, so an event type
 * added later falls under its role without a change here, and a type of no role is accepted from no one.
 * Kafka ACLs grant the same roles write access to the same topics (embedded-kafka's {@code NodewardAcls}).
 */
public enum ProducerRole {
  /** Nodes, certificates and refused issuances. */
  ISSUER("io.nodeward.node.", "io.nodeward.certificate.", "io.nodeward.issuance."),
  /** Access decisions and each authorizer instance's status. */
  AUTHORIZER("io.nodeward.access.", "io.nodeward.authorizer."),
  /** Audit checkpoints. */
  AUDIT("io.nodeward.audit.");

  private final String[] typePrefixes;

  ProducerRole(String... typePrefixes) {
    this.typePrefixes = typePrefixes;
  }

  /** The role whose key must have signed an event of this type; empty for a type no role produces. */
  public static Optional<ProducerRole> of(EventType type) {
    return ofType(type.type());
  }

  public static Optional<ProducerRole> ofType(String type) {
    return Arrays.stream(values())
        .filter(role -> Arrays.stream(role.typePrefixes).anyMatch(type::startsWith))
        .findFirst();
  }

  /** Lower case, as in configuration names and key file names: issuer, authorizer, audit. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
