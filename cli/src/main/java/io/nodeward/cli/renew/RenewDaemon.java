package io.nodeward.cli.renew;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.cli.core.CliFailure;
import io.nodeward.cli.core.ExitCode;
import io.nodeward.cli.http.Json;
import io.nodeward.cli.pki.CertificateFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * {@code nodeward cert renew --daemon}: sleeps until the certificate on disk is due, renews it, runs the hook, and
 * starts over with the new one, for as long as it runs. An issuer that is down or overloaded (unreachable, TLS
 * failure, 5xx, 429) is retried with backoff and jitter until the certificate expires; a refusal that will not
 * change by waiting (revoked, node deprovisioned, expired, key mismatch) stops the daemon with that failure.
 * Every wait, renewal, hook run and retry is logged as one line (one JSON object with {@code --output json}).
 */
public final class RenewDaemon {

  /** Waits; the tests pass a clock-advancing one. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Renewal renewer;
  private final RenewalTarget target;
  private final RenewHook hook;
  private final Backoff backoff;
  private final Clock clock;
  private final Sleeper sleeper;
  private final BiConsumer<ObjectNode, String> log;

  /** {@code hook} may be null; {@code log} receives each event as JSON and as a line for people. */
  public RenewDaemon(Renewal renewer, RenewalTarget target, RenewHook hook, Backoff backoff, Clock clock, Sleeper sleeper,
      BiConsumer<ObjectNode, String> log) {
    this.renewer = renewer;
    this.target = target;
    this.hook = hook;
    this.backoff = backoff;
    this.clock = clock;
    this.sleeper = sleeper;
    this.log = log;
  }

  /** Runs until a permanent failure, which it throws (the caller reports it like any other). */
  public void run() throws InterruptedException {
    int attempt = 0;
    String announced = null;
    while (true) {
      CertificateFacts facts = renewer.current();
      Instant now = clock.instant();
      if (!now.isBefore(facts.notAfter())) {
        throw CliFailure.failed("CERTIFICATE_EXPIRED", "The certificate " + facts.serial() + " expired at "
            + facts.notAfter() + " and can no longer renew itself; issue a new one with 'nodeward cert issue'.");
      }
      Instant due = RenewalSchedule.dueAt(facts.notBefore(), facts.notAfter());
      if (now.isBefore(due)) {
        if (!facts.serial().equals(announced)) {
          announced = facts.serial();
          log("waiting", Json.object().put("serial", facts.serial()).put("renewAt", due.toString())
              .put("notAfter", facts.notAfter().toString()), "certificate " + facts.serial() + " renews at " + due);
        }
        sleeper.sleep(Duration.between(now, due));
        continue;
      }
      try {
        Renewed renewed = renewer.renew();
        attempt = 0;
        logRenewed(renewed);
        runHook(renewed);
      } catch (CliFailure failure) {
        if (!isTransient(failure)) {
          throw failure;
        }
        Duration delay = backoff.delay(attempt++, Duration.between(now, facts.notAfter()));
        log("retrying", Json.object().put("serial", facts.serial()).put("attempt", attempt).put("code", failure.code())
            .put("message", failure.getMessage()).put("retryInMillis", delay.toMillis()),
            "renewal of " + facts.serial() + " failed (attempt " + attempt + "): " + failure.getMessage() + " ["
                + failure.code() + "]; retrying in " + delay.toMillis() + " ms");
        sleeper.sleep(delay);
      }
    }
  }

  /** Worth retrying: the issuer may answer differently later. */
  public static boolean isTransient(CliFailure failure) {
    if (failure.exitCode() == ExitCode.UNREACHABLE || "TLS_FAILED".equals(failure.code())) {
      return true;
    }
    int status = failure.httpStatus();
    return status >= 500 || status == 429 || status == 408;
  }

  private void logRenewed(Renewed renewed) {
    log("renewed", Json.object().put("nodeId", renewed.nodeId()).put("previousSerial", renewed.previousSerial())
        .put("serial", renewed.serial()).put("notAfter", renewed.notAfter().toString()).put("newKey", renewed.newKey()),
        "renewed " + renewed.nodeId() + ": " + renewed.previousSerial() + " -> " + renewed.serial() + ", valid until "
            + renewed.notAfter() + (renewed.newKey() ? ", new key" : ", same key"));
  }

  private void runHook(Renewed renewed) {
    if (hook == null) {
      return;
    }
    try {
      hook.run(target, renewed);
      log("hook", Json.object().put("serial", renewed.serial()).put("ok", true), "ran the --exec command for " + renewed.serial());
    } catch (CliFailure failure) {
      // The new certificate is in place; a hook that failed is reported and does not stop renewals.
      log("hook", Json.object().put("serial", renewed.serial()).put("ok", false).put("message", failure.getMessage()),
          "the --exec command failed for " + renewed.serial() + ": " + failure.getMessage());
    }
  }

  private void log(String event, ObjectNode fields, String human) {
    Instant now = clock.instant();
    ObjectNode line = Json.object().put("time", now.toString()).put("event", event);
    line.setAll(fields);
    log.accept(line, now + " " + human);
  }
}
