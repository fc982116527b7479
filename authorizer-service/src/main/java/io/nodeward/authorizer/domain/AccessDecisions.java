package io.nodeward.authorizer.domain;

import io.nodeward.events.AccessDecided;
import io.nodeward.events.CertificateIdentity;
import io.nodeward.events.Identifiers;
import java.time.Instant;

/** Builds the {@link AccessDecided} event of one decision; identity fields stay empty when not trustworthy. */
public final class AccessDecisions {

  private AccessDecisions() {
  }

  public static AccessDecided record(String decisionId, CertificateFacts facts, String targetNodeId,
      RequestFacts request, Decision decision, Instant decidedAt, String instanceId) {
    CertificateIdentity identity = facts == null ? null : facts.identity();
    String serial = facts == null || !Identifiers.isSerial(facts.serial()) ? null : facts.serial();
    return new AccessDecided(
        decisionId,
        serial,
        identity == null ? null : identity.userId(),
        identity == null ? null : identity.nodeId(),
        Identifiers.isNodeId(targetNodeId) ? targetNodeId : null,
        request.method(),
        request.path(),
        decision.effect(),
        decision.reason(),
        request.clientAddress(),
        request.tlsVersion(),
        decidedAt,
        instanceId);
  }
}
