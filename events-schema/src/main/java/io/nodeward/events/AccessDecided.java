package io.nodeward.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One access decision of the authorizer. Identity fields are null when the certificate carried no valid
 * identity; {@code path} never includes the query string (it may carry secrets).
 *
 * <p>Added later, all optional so that earlier events stay valid: {@code origin} (where it was decided),
 * {@code caller} (the authenticated caller of {@code /authorize}), {@code count} (identical handshake refusals
 * from one address within one second, folded into one event; absent means 1) and the presented certificate's
 * {@code certificateFingerprint}, {@code certificateIssuer} and {@code certificateSubject} on a handshake refusal.
 */
public record AccessDecided(
    String decisionId,
    String serialNumber,
    String userId,
    String nodeId,
    String targetNodeId,
    String method,
    String path,
    Effect effect,
    DecisionReason reason,
    String clientAddress,
    String tlsVersion,
    Instant decidedAt,
    String instanceId,
    DecisionOrigin origin,
    String caller,
    Integer count,
    String certificateFingerprint,
    String certificateIssuer,
    String certificateSubject) implements EventData {

  /** A decision as events before the origin fields were added describe it. */
  public AccessDecided(String decisionId, String serialNumber, String userId, String nodeId, String targetNodeId,
      String method, String path, Effect effect, DecisionReason reason, String clientAddress, String tlsVersion,
      Instant decidedAt, String instanceId) {
    this(decisionId, serialNumber, userId, nodeId, targetNodeId, method, path, effect, reason, clientAddress,
        tlsVersion, decidedAt, instanceId, null, null, null, null, null, null);
  }

  public AccessDecided {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(reason, "reason");
    if (reason.effect() != effect) {
      throw new IllegalArgumentException("reason " + reason + " does not go with effect " + effect);
    }
    Objects.requireNonNull(decidedAt, "decidedAt");
    Objects.requireNonNull(instanceId, "instanceId");
    if (count != null && count < 1) {
      throw new IllegalArgumentException("count must be at least 1");
    }
  }

  /** The same decision marked with where it was made (and by whom, for {@code /authorize}). */
  public AccessDecided withOrigin(DecisionOrigin value, String callerIdentity) {
    return new AccessDecided(decisionId, serialNumber, userId, nodeId, targetNodeId, method, path, effect, reason,
        clientAddress, tlsVersion, decidedAt, instanceId, value, callerIdentity, count, certificateFingerprint,
        certificateIssuer, certificateSubject);
  }

  /** Keyed by the target node (or the certificate's node) so one node's decisions stay in order. */
  @Override
  public String key() {
    if (targetNodeId != null) {
      return targetNodeId;
    }
    return nodeId != null ? nodeId : "unknown";
  }
}
