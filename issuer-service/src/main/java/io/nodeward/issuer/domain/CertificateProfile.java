package io.nodeward.issuer.domain;

import io.nodeward.events.IssuanceRefusal;
import io.nodeward.events.KeyAlgorithm;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What every nodeward client certificate looks like, as data (cfssl's SigningProfile): client
 * authentication only, never a CA, short-lived. The builders read it; no code path decides these values.
 *
 * @param trustDomain the SPIFFE trust domain of the URI SAN
 * @param organization the subject's O attribute
 * @param defaultValidity validity when the caller asks for none
 * @param maxValidity the longest validity a caller may ask for
 * @param backdate how far notBefore lies before issuance, so a client whose clock is slightly behind can use
 *     the certificate at once
 */
public record CertificateProfile(String trustDomain, String organization, Duration defaultValidity, Duration maxValidity,
    Duration backdate) {

  public static final String ORGANIZATION = "nodeward";
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);
  public static final Duration DEFAULT_MAX_VALIDITY = Duration.ofDays(30);
  public static final Duration DEFAULT_BACKDATE = Duration.ofMinutes(1);

  public CertificateProfile {
    io.nodeward.events.Identifiers.requireTrustDomain(trustDomain);
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(defaultValidity, "defaultValidity");
    Objects.requireNonNull(maxValidity, "maxValidity");
    Objects.requireNonNull(backdate, "backdate");
    if (defaultValidity.compareTo(Duration.ofHours(1)) < 0 || defaultValidity.compareTo(maxValidity) > 0) {
      throw new IllegalArgumentException("defaultValidity must be at least 1 hour and at most maxValidity");
    }
    if (backdate.isNegative() || backdate.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("backdate must be between 0 and 1 hour");
    }
  }

  public static CertificateProfile clientAuth(String trustDomain, Duration defaultValidity, Duration maxValidity) {
    return new CertificateProfile(trustDomain, ORGANIZATION, defaultValidity, maxValidity, DEFAULT_BACKDATE);
  }

  /**
   * The window for a certificate issued at {@code now}; {@code requested} null means the default. Times are
   * truncated to seconds because X.509 times carry no fractions (RFC 5280 §4.1.2.5.1).
   */
  public ValidityWindow window(Instant now, Duration requested) {
    Duration validity = requested == null ? defaultValidity : requested;
    if (validity.isNegative() || validity.isZero()) {
      throw new IssuanceRefusedException(IssuanceRefusal.INVALID_REQUEST, "validityHours must be positive");
    }
    if (validity.compareTo(maxValidity) > 0) {
      throw new IssuanceRefusedException(IssuanceRefusal.VALIDITY_TOO_LONG,
          "validity may be at most " + maxValidity.toHours() + " hours");
    }
    Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
    return new ValidityWindow(issuedAt.minus(backdate), issuedAt.plus(validity));
  }

  /** RFC 5280 §4.2.1.3: digitalSignature for the TLS handshake; keyEncipherment only where RSA key transport exists. */
  public boolean keyEncipherment(KeyAlgorithm algorithm) {
    return KeyPairs.isRsa(algorithm);
  }
}
