package io.nodeward.issuer.domain;

import io.nodeward.events.Identifiers;
import io.nodeward.events.IssuanceRefusal;
import io.nodeward.events.KeyAlgorithm;
import java.time.Duration;
import java.util.Arrays;

/**
 * A certificate request as the caller sent it (types already checked, values not). {@link #validate()} turns it
 * into a {@link CertificateRequest} or an INVALID_REQUEST refusal that can be recorded as IssuanceDenied.
 */
public record RawCertificateRequest(String nodeId, String keyAlgorithm, String csrPem, Long validityHours,
    Long validityMinutes) {

  /** Far beyond any sane maximum; caps the value so Duration arithmetic cannot overflow. */
  private static final long HOURS_CAP = 1_000_000L;

  public CertificateRequest validate() {
    if (!Identifiers.isNodeId(nodeId)) {
      throw new IssuanceRefusedException(IssuanceRefusal.INVALID_REQUEST,
          "nodeId must be a DNS label: a-z, 0-9 and inner '-', 1 to 63 characters.");
    }
    KeyAlgorithm algorithm = keyAlgorithm == null ? KeyAlgorithm.RSA_2048 : parseAlgorithm(keyAlgorithm);
    Duration validity = validity(validityHours, validityMinutes);
    if (csrPem != null && keyAlgorithm != null) {
      throw new IssuanceRefusedException(IssuanceRefusal.INVALID_REQUEST,
          "Send either csrPem (your key) or keyAlgorithm (a key generated here), not both.");
    }
    return new CertificateRequest(nodeId, algorithm, csrPem, validity);
  }

  /**
   * The requested lifetime, or null for the default. Minutes exist for short-lived certificates (renewal
   * daemons are tested with a few minutes); one unit per request so the intent is never ambiguous.
   */
  public static Duration validity(Long hours, Long minutes) {
    if (hours != null && minutes != null) {
      throw new IssuanceRefusedException(IssuanceRefusal.INVALID_REQUEST,
          "Send validityHours or validityMinutes, not both.");
    }
    if (hours != null) {
      return Duration.ofHours(Math.max(-1, Math.min(HOURS_CAP, hours)));
    }
    return minutes == null ? null : Duration.ofMinutes(Math.max(-1, Math.min(HOURS_CAP * 60, minutes)));
  }

  /** The nodeId if it is well-formed, else null: hostile input never reaches an event verbatim. */
  public String safeNodeId() {
    return Identifiers.isNodeId(nodeId) ? nodeId : null;
  }

  private static KeyAlgorithm parseAlgorithm(String value) {
    return Arrays.stream(KeyAlgorithm.values())
        .filter(a -> a.name().equals(value) && KeyPairs.SERVER_GENERATED.contains(a))
        .findFirst()
        .orElseThrow(() -> new IssuanceRefusedException(IssuanceRefusal.INVALID_REQUEST,
            "keyAlgorithm must be one of " + KeyPairs.SERVER_GENERATED + "."));
  }
}
