package io.nodeward.events;

/** A certificate's lifecycle as clients see it; EXPIRED is derived from notAfter and the clock, never stored. */
public enum CertificateStatus {
  ACTIVE,
  REVOKED,
  EXPIRED
}
