package io.nodeward.authorizer.app;

import io.nodeward.authorizer.domain.AccessDecisions;
import io.nodeward.authorizer.domain.AccessPolicy;
import io.nodeward.authorizer.domain.AllowListSnapshot;
import io.nodeward.authorizer.domain.ClientChainVerifier;
import io.nodeward.authorizer.domain.Decision;
import io.nodeward.events.AccessDecided;
import io.nodeward.events.DecisionReason;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Deciding one access request, the same way for every edge (the mTLS gateway and {@code POST /authorize}):
 * the checks in one order against one allow-list snapshot, the decision recorded (durably, before the outcome is
 * handed back, unless the log is asynchronous), the outcome handed back.
 *
 * <p>A certificate from our own CA that the allow-list does not know yet was, most likely, issued a moment ago
 * and its event is not applied yet: rather than refuse it, the decision waits (bounded) until the allow-list has
 * applied everything the broker had when the request came, then decides again. So a certificate works the
 * instant its 201 arrives, and issuance need not wait for every gateway.
 */
public final class AccessAuthorization {

  private final AllowListView allowList;
  private final ClientChainVerifier verifier;
  private final DecisionLog log;
  private final Clock clock;
  private final String instanceId;
  private final Duration catchUpTimeout;

  public AccessAuthorization(AllowListView allowList, ClientChainVerifier verifier, DecisionLog log, Clock clock,
      String instanceId, Duration catchUpTimeout) {
    this.allowList = allowList;
    this.verifier = verifier;
    this.log = log;
    this.clock = clock;
    this.instanceId = instanceId;
    this.catchUpTimeout = catchUpTimeout;
  }

  /**
   * Decides and records. The outcome is handed back on the caller's Vert.x context (its event loop), even when the
   * decision had to wait for the allow-list: request and response objects belong to their connection's thread.
   */
  public Future<AccessOutcome> decide(AccessRequest request) {
    Context caller = Vertx.currentContext();
    Future<AccessOutcome> outcome = decideAnywhere(request);
    if (outcome.isComplete() || caller == null) {
      return outcome;
    }
    Promise<AccessOutcome> onCaller = Promise.promise();
    outcome.onComplete(ar -> caller.runOnContext(v -> onCaller.handle(ar)));
    return onCaller.future();
  }

  private Future<AccessOutcome> decideAnywhere(AccessRequest request) {
    Instant now = clock.instant();
    Decision refusal = refusalBeforeTheList(request, now);
    if (refusal != null) {
      return record(request, refusal, null, now);
    }
    AllowListSnapshot snapshot = allowList.snapshot();
    Decision decision = policy(request, snapshot, now);
    if (decision.reason() != DecisionReason.UNKNOWN_CERTIFICATE || catchUpTimeout.isZero()) {
      return record(request, decision, snapshot, now);
    }
    return allowList.catchUp()
        .timeout(catchUpTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .transform(caughtUp -> {
          // Caught up or not (broker slow, timeout), decide on what the list holds now; unknown stays unknown.
          Instant later = clock.instant();
          AllowListSnapshot current = allowList.snapshot();
          return record(request, policy(request, current, later), current, later);
        });
  }

  /** The target first: a traversal attempt is refused whatever the certificate. Null when the list must decide. */
  private Decision refusalBeforeTheList(AccessRequest request, Instant now) {
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
    return null;
  }

  private Decision policy(AccessRequest request, AllowListSnapshot snapshot, Instant now) {
    return AccessPolicy.decide(request.facts(), snapshot, request.targetNodeId(), now, allowList.freshness());
  }

  /**
   * The outcome once the decision is recorded (durable, when the log is before-forward); failed with
   * {@link DecisionNotDurableException} when it could not be: then the request is neither forwarded nor refused 403.
   */
  private Future<AccessOutcome> record(AccessRequest request, Decision decision, AllowListSnapshot snapshot,
      Instant now) {
    AccessDecided record = AccessDecisions.record(UUID.randomUUID().toString(), request.facts(),
        request.recordedNodeId(), request.request(), decision, now, instanceId)
        .withOrigin(request.origin(), request.caller());
    AccessOutcome outcome = new AccessOutcome(record, decision.allowed() ? snapshot.node(request.targetNodeId()) : null);
    return log.record(record).map(outcome);
  }
}
