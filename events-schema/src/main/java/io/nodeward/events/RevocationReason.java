package io.nodeward.events;

/** RFC 5280 §5.3.1 reason codes, spelled as ACM PCA's RevokeCertificate spells them. */
public enum RevocationReason {
  UNSPECIFIED,
  KEY_COMPROMISE,
  CERTIFICATE_AUTHORITY_COMPROMISE,
  AFFILIATION_CHANGED,
  SUPERSEDED,
  CESSATION_OF_OPERATION,
  PRIVILEGE_WITHDRAWN,
  A_A_COMPROMISE
}
