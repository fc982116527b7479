package io.nodeward.authorizer.app;

import io.nodeward.authorizer.domain.CertificateFacts;
import io.nodeward.authorizer.domain.RequestFacts;
import io.nodeward.events.DecisionOrigin;
import java.security.cert.X509Certificate;

/**
 * One request to decide, as an edge read it.
 *
 * @param facts the client certificate's facts; null when the client presented none the edge could read
 * @param unverifiedCertificate the certificate when nothing has checked its chain yet (the API Gateway path);
 *     null when the TLS handshake already did
 * @param targetNodeId the node the request is for; null when the target is not a valid one
 * @param recordedNodeId the node named in the decision event (for a refused path, its node segment if any)
 * @param request what the decision event records about the request itself
 * @param origin the edge that asks (recorded in the decision event)
 * @param caller the authenticated caller of {@code /authorize}; null for the gateway
 */
public record AccessRequest(CertificateFacts facts, X509Certificate unverifiedCertificate, String targetNodeId,
    String recordedNodeId, RequestFacts request, DecisionOrigin origin, String caller) {

  /** A request through the mTLS gateway: the handshake verified the chain. */
  public static AccessRequest verifiedByHandshake(CertificateFacts facts, String targetNodeId, String recordedNodeId,
      RequestFacts request) {
    return new AccessRequest(facts, null, targetNodeId, recordedNodeId, request, DecisionOrigin.GATEWAY, null);
  }

  /**
   * A certificate handed over as data (API Gateway's authorizer event) by an authenticated caller of
   * {@code /authorize}: its chain is checked here.
   */
  public static AccessRequest presented(X509Certificate certificate, CertificateFacts facts, String targetNodeId,
      RequestFacts request, String caller) {
    return new AccessRequest(facts, certificate, targetNodeId, targetNodeId, request, DecisionOrigin.AUTHORIZE_API,
        caller);
  }
}
