package io.nodeward.events;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Every topic nodeward uses. Keys: nodeId (nodes, decisions), serial (certificates), keyId (checkpoints). */
public final class Topics {

  /** Node lifecycle; compacted so the latest record per nodeId is the node's state. */
  public static final Topic NODES = new Topic("nodeward.nodes.v1",
      EnumSet.of(EventType.NODE_PROVISIONED, EventType.NODE_DEPROVISIONED),
      Map.of("cleanup.policy", "compact", "min.insync.replicas", "1"));

  /**
   * Certificate lifecycle; compacted, with a long minimum compaction lag (7 days) so the audit service
   * sees every intermediate state before compaction may drop it.
   */
  public static final Topic CERTIFICATES = new Topic("nodeward.certificates.v1",
      EnumSet.of(EventType.CERTIFICATE_ISSUED, EventType.CERTIFICATE_REVOKED),
      Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "604800000", "min.insync.replicas", "1"));

  /** Access decisions and issuance refusals; time retention (30 days). */
  public static final Topic DECISIONS = new Topic("nodeward.decisions.v1",
      EnumSet.of(EventType.ACCESS_DECIDED, EventType.ISSUANCE_DENIED),
      Map.of("cleanup.policy", "delete", "retention.ms", "2592000000", "min.insync.replicas", "1"));

  /** Signed audit checkpoints (v2: C2SP notes over the RFC 9162 log; v1: the old chain heads); kept forever. */
  public static final Topic AUDIT_CHECKPOINTS = new Topic("nodeward.audit-checkpoints.v1",
      EnumSet.of(EventType.AUDIT_CHECKPOINT, EventType.AUDIT_LOG_CHECKPOINT),
      Map.of("cleanup.policy", "delete", "retention.ms", "-1", "min.insync.replicas", "1"));

  /**
   * What each authorizer instance has applied of the nodes and certificates topics, several times a second;
   * revocations wait on it. Short-lived facts: one hour of retention.
   */
  public static final Topic AUTHORIZER_STATUS = new Topic("nodeward.authorizer-status.v1",
      EnumSet.of(EventType.AUTHORIZER_STATUS),
      Map.of("cleanup.policy", "delete", "retention.ms", "3600000", "min.insync.replicas", "1"));

  /**
   * Records that failed to decode, validate or verify, as received, with the failure in headers. The audit
   * service's rejection markers describe these records; they live in the audit log and, if ever published,
   * belong here beside what they describe.
   */
  public static final Topic DEAD_LETTER = new Topic("nodeward.dead-letter.v1",
      EnumSet.of(EventType.EVENT_REJECTED), Map.of("cleanup.policy", "delete", "retention.ms", "2592000000"));

  public static final List<Topic> ALL = List.of(NODES, CERTIFICATES, DECISIONS, AUDIT_CHECKPOINTS, AUTHORIZER_STATUS,
      DEAD_LETTER);

  private Topics() {
  }

  public static Topic forType(EventType type) {
    return ALL.stream().filter(t -> t.carries(type)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no topic carries " + type));
  }
}
