package io.nodeward.audit.domain;

import io.nodeward.events.AccessDecided;
import io.nodeward.events.AuditCheckpoint;
import io.nodeward.events.AuditLogCheckpoint;
import io.nodeward.events.EventRejected;
import io.nodeward.events.CertificateIssued;
import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.Effect;
import io.nodeward.events.EventData;
import io.nodeward.events.IssuanceDenied;
import io.nodeward.events.NodeDeprovisioned;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.events.EventCodec;
import io.nodeward.events.InvalidEventException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The queryable facts of one event, derived from it alone. Stored beside the canonical JSON so queries use
 * indexes; the verifier derives them again from the JSON, so editing a column without the JSON is caught too.
 *
 * @param userId whose event it is: the certificate holder, the node owner, the caller refused or the requester decided on
 * @param nodeId the node concerned (for a decision, the node that was targeted)
 * @param effect ALLOW/DENY for decisions, DENY for refused issuance, else null
 * @param reason the decision reason, the issuance refusal, the revocation reason or why a record was rejected
 */
public record RecordColumns(
    String eventId,
    String type,
    String source,
    Instant time,
    String subject,
    String userId,
    String nodeId,
    String serial,
    String effect,
    String reason) {

  public RecordColumns {
    // Stores keep microseconds; comparing at that precision keeps a faithful row equal to its event.
    time = time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
  }

  /** Derives the columns from stored canonical JSON; the decode re-validates it against the event schemas. */
  public static RecordColumns fromCanonicalJson(EventCodec codec, String json) {
    try {
      return of(codec.decode(json));
    } catch (InvalidEventException e) {
      throw new IllegalArgumentException("stored JSON is not a valid event: " + e.getMessage());
    }
  }

  public static RecordColumns of(CloudEvent<? extends EventData> event) {
    Facts facts = facts(event.data());
    return new RecordColumns(event.id(), event.type().type(), event.source(), event.time(), event.subject(),
        facts.userId, facts.nodeId, facts.serial, facts.effect, facts.reason);
  }

  private record Facts(String userId, String nodeId, String serial, String effect, String reason) {
  }

  private static Facts facts(EventData data) {
    if (data instanceof AccessDecided d) {
      String node = d.targetNodeId() != null ? d.targetNodeId() : d.nodeId();
      return new Facts(d.userId(), node, d.serialNumber(), d.effect().name(), d.reason().name());
    } else if (data instanceof IssuanceDenied d) {
      return new Facts(d.userId(), d.nodeId(), null, Effect.DENY.name(), d.reason().name());
    } else if (data instanceof CertificateIssued c) {
      return new Facts(c.userId(), c.nodeId(), c.serialNumber(), null, null);
    } else if (data instanceof CertificateRevoked c) {
      return new Facts(c.userId(), c.nodeId(), c.serialNumber(), null, c.reason().name());
    } else if (data instanceof NodeProvisioned n) {
      return new Facts(n.ownerUserId(), n.nodeId(), null, null, null);
    } else if (data instanceof NodeDeprovisioned n) {
      return new Facts(n.ownerUserId(), n.nodeId(), null, null, null);
    } else if (data instanceof EventRejected r) {
      return new Facts(null, null, null, null, r.reason().name());
    } else if (data instanceof AuditCheckpoint || data instanceof AuditLogCheckpoint) {
      return new Facts(null, null, null, null, null);
    }
    throw new IllegalStateException("unknown event data " + data.getClass());
  }
}
