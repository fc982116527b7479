package io.nodeward.issuer.domain;

import io.nodeward.events.IssuanceRefusal;
import io.nodeward.kit.auth.Principal;
import java.util.Optional;

/**
 * Who may have a certificate for which node, decided without I/O: the node must exist, the caller must own it
 * (or be an admin), the validity must be within the profile's maximum and a server-generated key must be of
 * a kind the issuer makes. CSR contents are checked by {@link CsrInspector}.
 */
public final class IssuancePolicy {

  private final CertificateProfile profile;

  public IssuancePolicy(CertificateProfile profile) {
    this.profile = profile;
  }

  public Optional<IssuanceRefusal> check(Principal principal, Optional<Node> node, CertificateRequest request) {
    if (node.isEmpty()) {
      return Optional.of(IssuanceRefusal.UNKNOWN_NODE);
    }
    if (!principal.isAdmin() && !node.get().ownedBy(principal.userId())) {
      return Optional.of(IssuanceRefusal.NOT_OWNER);
    }
    if (request.validity() != null && (request.validity().isNegative() || request.validity().isZero())) {
      return Optional.of(IssuanceRefusal.INVALID_REQUEST);
    }
    if (request.validity() != null && request.validity().compareTo(profile.maxValidity()) > 0) {
      return Optional.of(IssuanceRefusal.VALIDITY_TOO_LONG);
    }
    if (!request.clientKey() && !KeyPairs.SERVER_GENERATED.contains(request.keyAlgorithm())) {
      return Optional.of(IssuanceRefusal.INVALID_REQUEST);
    }
    return Optional.empty();
  }

  /** A caller-safe sentence for each refusal: says what rule failed, never echoes input. */
  public String explain(IssuanceRefusal refusal) {
    return switch (refusal) {
      case UNKNOWN_NODE -> "No such node.";
      case NOT_OWNER -> "Only the node's owner or an admin may request its certificates.";
      case VALIDITY_TOO_LONG -> "validityHours may be at most " + profile.maxValidity().toHours() + ".";
      case INVALID_REQUEST -> "The request is not valid: keyAlgorithm must be one of " + KeyPairs.SERVER_GENERATED
          + " and validityHours positive.";
      case INVALID_CSR -> "The CSR is not valid.";
      case WEAK_KEY -> "The key is too weak.";
    };
  }
}
