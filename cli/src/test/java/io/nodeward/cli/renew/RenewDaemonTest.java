package io.nodeward.cli.renew;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.cli.core.CliFailure;
import io.nodeward.cli.pki.CertificateFacts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The daemon's decisions with a scripted issuer and a clock that sleeping advances: no waiting, no server. */
class RenewDaemonTest {

  private static final Instant START = Instant.parse("2026-11-30T00:00:00Z");

  /** A clock the sleeper moves. */
  private static final class FakeTime extends Clock {
    Instant now = START;
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void sleep(Duration d) {
      sleeps.add(d);
      now = now.plus(d);
    }
  }

  /** A certificate of {@code lifetime} that renews into a fresh one, or fails as scripted. */
  private static class ScriptedIssuer implements Renewal {
    final FakeTime time;
    final Duration lifetime;
    final Deque<CliFailure> failures = new ArrayDeque<>();
    CertificateFacts current;
    int renewals;
    int attempts;

    ScriptedIssuer(FakeTime time, Duration lifetime) {
      this.time = time;
      this.lifetime = lifetime;
      this.current = new CertificateFacts("s0", time.now, time.now.plus(lifetime), "n");
    }

    @Override
    public CertificateFacts current() {
      return current;
    }

    @Override
    public Renewed renew() {
      attempts++;
      if (!failures.isEmpty()) {
        throw failures.pop();
      }
      String previous = current.serial();
      current = new CertificateFacts("s" + ++renewals, time.now, time.now.plus(lifetime), "n");
      return new Renewed("n", previous, current.serial(), current.notBefore(), current.notAfter(), true);
    }
  }

  private final List<ObjectNode> log = new ArrayList<>();

  private RenewDaemon daemon(ScriptedIssuer issuer, FakeTime time) {
    return new RenewDaemon(issuer, new RenewalTarget(Path.of("c"), Path.of("k"), Path.of("ca")), null,
        new Backoff(() -> 0.5), time, time::sleep, (json, line) -> log.add(json));
  }

  private long events(String kind) {
    return log.stream().filter(e -> kind.equals(e.path("event").asText())).count();
  }

  @Test
  void renewsEachCertificateAtTwoThirdsOfItsLifetime() {
    FakeTime time = new FakeTime();
    // after three renewals the issuer says the certificate was revoked, which ends the run
    RenewDaemon daemon = daemon(new ScriptedIssuer(time, Duration.ofHours(3)) {
      @Override
      public Renewed renew() {
        if (renewals == 3) {
          throw CliFailure.refused(403, "CERTIFICATE_REVOKED", "revoked");
        }
        return super.renew();
      }
    }, time);

    CliFailure stopped = assertThrows(CliFailure.class, daemon::run);

    assertEquals("CERTIFICATE_REVOKED", stopped.code());
    assertEquals(3, events("renewed"));
    assertEquals(START.plus(Duration.ofHours(8)), time.now, "renewed at 2h, 4h and 6h, refused at 8h");
    assertEquals(0, events("retrying"), "a refusal is not retried");
  }

  @Test
  void anUnreachableIssuerIsRetriedWithGrowingJitteredWaitsUntilItAnswers() {
    FakeTime time = new FakeTime();
    ScriptedIssuer issuer = new ScriptedIssuer(time, Duration.ofDays(1)) {
      @Override
      public Renewed renew() {
        if (renewals == 1) {
          throw CliFailure.failed("STOP", "end of the test");
        }
        return super.renew();
      }
    };
    for (int i = 0; i < 6; i++) {
      issuer.failures.add(CliFailure.unreachable("UNREACHABLE", "connection refused", null));
    }
    issuer.failures.add(CliFailure.refused(503, "CA_UNAVAILABLE", "the CA is down"));

    assertThrows(CliFailure.class, daemon(issuer, time)::run);

    assertEquals(7, events("retrying"));
    assertEquals(1, events("renewed"));
    List<Duration> retries = time.sleeps.subList(1, 8);
    for (int i = 1; i < retries.size(); i++) {
      assertTrue(retries.get(i).compareTo(retries.get(i - 1)) > 0, "waits grow: " + retries);
    }
  }

  @Test
  void aCertificateThatExpiredWhileTheIssuerWasDownStopsTheDaemon() {
    FakeTime time = new FakeTime();
    ScriptedIssuer issuer = new ScriptedIssuer(time, Duration.ofMinutes(3)) {
      @Override
      public Renewed renew() {
        throw CliFailure.unreachable("UNREACHABLE", "connection refused", null);
      }
    };

    CliFailure stopped = assertThrows(CliFailure.class, daemon(issuer, time)::run);

    assertEquals("CERTIFICATE_EXPIRED", stopped.code());
    assertTrue(events("retrying") >= 5, "several tries in the last third: " + events("retrying"));
    assertTrue(time.sleeps.stream().skip(1).allMatch(d -> d.compareTo(Duration.ofSeconds(18)) <= 0),
        "no wait longer than a tenth of what was left: " + time.sleeps);
  }

  @Test
  void onlyOutagesAndOverloadAreWorthRetrying() {
    assertTrue(RenewDaemon.isTransient(CliFailure.unreachable("UNREACHABLE", "x", null)));
    assertTrue(RenewDaemon.isTransient(CliFailure.failed("TLS_FAILED", "x")));
    assertTrue(RenewDaemon.isTransient(CliFailure.refused(503, "EVENT_NOT_ACKNOWLEDGED", "x")));
    assertTrue(RenewDaemon.isTransient(CliFailure.refused(429, "RATE_LIMITED", "x")));
    for (String code : new String[] {"CERTIFICATE_REVOKED", "NODE_DEPROVISIONED", "CERTIFICATE_EXPIRED", "UNKNOWN_CERTIFICATE"}) {
      assertEquals(false, RenewDaemon.isTransient(CliFailure.refused(403, code, "x")), code);
    }
    assertEquals(false, RenewDaemon.isTransient(CliFailure.failed("KEY_MISMATCH", "x")));
  }
}
