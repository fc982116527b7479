package io.nodeward.issuer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nodeward.events.IssuanceRefusal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CertificateProfileTest {

  private final CertificateProfile profile =
      CertificateProfile.clientAuth("nodeward.local", Duration.ofDays(7), Duration.ofDays(30));
  private final Instant now = Instant.parse("2026-11-24T12:00:00.750Z");

  @Test
  void theDefaultWindowIsSevenDaysBackdatedByOneMinuteInWholeSeconds() {
    ValidityWindow window = profile.window(now, null);

    assertEquals(Instant.parse("2026-11-24T11:59:00Z"), window.notBefore());
    assertEquals(Instant.parse("2026-12-01T12:00:00Z"), window.notAfter());
  }

  @Test
  void aRequestedValidityUpToTheMaximumIsHonoured() {
    assertEquals(Instant.parse("2026-12-24T12:00:00Z"), profile.window(now, Duration.ofDays(30)).notAfter());
  }

  @Test
  void aValidityBeyondTheMaximumIsRefused() {
    IssuanceRefusedException refused =
        assertThrows(IssuanceRefusedException.class, () -> profile.window(now, Duration.ofDays(30).plusHours(1)));
    assertEquals(IssuanceRefusal.VALIDITY_TOO_LONG, refused.reason());
  }

  @Test
  void aDefaultLongerThanTheMaximumIsAConfigurationError() {
    assertThrows(IllegalArgumentException.class,
        () -> CertificateProfile.clientAuth("nodeward.local", Duration.ofDays(31), Duration.ofDays(30)));
  }
}
