package io.nodeward.issuer.domain;

/** Why a certificate may not renew itself; each is a stable problem code on the renewal listener. */
public enum RenewalRefusal {
  /** No client certificate was presented. */
  CLIENT_CERTIFICATE_REQUIRED,
  /** The certificate's signature does not verify with this CA's key. */
  UNTRUSTED_CERTIFICATE,
  CERTIFICATE_EXPIRED,
  CERTIFICATE_NOT_YET_VALID,
  CERTIFICATE_REVOKED,
  /** Signed by this CA but not a client certificate nodeward recorded (no identity, never acknowledged, replaced). */
  UNKNOWN_CERTIFICATE,
  /** Its node is gone, or belongs to someone else now. */
  NODE_DEPROVISIONED,
  /** Renewing onto the same key needs a CSR when the CA back end signs CSRs only (ACM PCA). */
  CSR_REQUIRED
}
