package io.nodeward.console.web.view;

import java.util.List;

/** One certificate: its facts, its PEM chain, and (while active) the revoke form. */
public record CertificateView(Chrome chrome, CertificatesView.Row row, String issuedAt, String fingerprint, String caBackend,
    String revokedAt, String revocationReason, String chainPem, List<Reason> reasons) {

  /** A revocation reason as the API spells it and as a person reads it. */
  public record Reason(String value, String label) {
  }

  public static final List<Reason> REASONS = List.of(
      new Reason("KEY_COMPROMISE", "Key compromise: the private key may be known to someone else"),
      new Reason("SUPERSEDED", "Superseded: a newer certificate replaces it"),
      new Reason("CESSATION_OF_OPERATION", "Cessation of operation: the node or client is retired"),
      new Reason("AFFILIATION_CHANGED", "Affiliation changed: it no longer speaks for this owner"),
      new Reason("PRIVILEGE_WITHDRAWN", "Privilege withdrawn: access is no longer allowed"),
      new Reason("UNSPECIFIED", "Unspecified"));

  public static String label(String reason) {
    return REASONS.stream().filter(r -> r.value().equals(reason)).map(Reason::label).findFirst().orElse(reason);
  }
}
