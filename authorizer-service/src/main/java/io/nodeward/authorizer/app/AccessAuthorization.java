package io.nodeward.authorizer.app;

import io.nodeward.authorizer.domain.AccessDecisions;
import io.nodeward.authorizer.domain.AccessPolicy;
import io.nodeward.authorizer.domain.AllowListSnapshot;
import io.nodeward.authorizer.domain.ClientChainVerifier;
import io.nodeward.authorizer.domain.Decision;
import io.nodeward.events.AccessDecided;
import io.nodeward.events.DecisionReason;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Deciding one access request, the same way for every edge (the mTLS gateway and {@code POST /authorize}):
 * the checks in one order against one allow-list snapshot, the decision recorded, the outcome handed back.
 */
public final class AccessAuthorization {

  private final AllowListView allowList;
  private final ClientChainVerifier verifier;
  private final DecisionSink sink;
  private final Clock clock;
  private final String instanceId;

  public AccessAuthorization(AllowListView allowList, ClientChainVerifier verifier, DecisionSink sink, Clock clock,
      String instanceId) {
    this.allowList = allowList;
    this.verifier = verifier;
    this.sink = sink;
    this.clock = clock;
    this.instanceId = instanceId;
  }

  public Future<AccessOutcome> decide(AccessRequest request) {
    Instant now = clock.instant();
    AllowListSnapshot snapshot = allowList.snapshot();
    Decision decision = decide(request, snapshot, now);
    AccessDecided record = AccessDecisions.record(UUID.randomUUID().toString(), request.facts(),
        request.recordedNodeId(), request.request(), decision, now, instanceId);
    sink.decided(record);
    return Future.succeededFuture(new AccessOutcome(record,
        decision.allowed() ? snapshot.node(request.targetNodeId()) : null));
  }

  /** The target first: a traversal attempt is refused whatever the certificate. */
  private Decision decide(AccessRequest request, AllowListSnapshot snapshot, Instant now) {
    if (request.targetNodeId() == null) {
      return Decision.of(DecisionReason.INVALID_TARGET);
    }
    if (request.facts() == null) {
      return Decision.of(DecisionReason.INVALID_IDENTITY);
    }
    // API Gateway checked the chain too; we do not rely on it.
    if (request.unverifiedCertificate() != null && !verifier.chainsToTrustAnchor(request.unverifiedCertificate(), now)) {
      return Decision.of(DecisionReason.UNKNOWN_CERTIFICATE);
    }
    return AccessPolicy.decide(request.facts(), snapshot, request.targetNodeId(), now, allowList.freshness());
  }
}
