package io.nodeward.events;

/** Why a certificate request was refused. Stable codes: they appear in problem bodies and the audit trail. */
public enum IssuanceRefusal {
  NOT_OWNER,
  UNKNOWN_NODE,
  INVALID_CSR,
  WEAK_KEY,
  VALIDITY_TOO_LONG,
  INVALID_REQUEST
}
