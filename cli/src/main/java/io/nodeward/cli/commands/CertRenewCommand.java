package io.nodeward.cli.commands;

import io.nodeward.cli.Context;
import io.nodeward.cli.core.CliFailure;
import io.nodeward.cli.http.Json;
import io.nodeward.cli.pki.CertificateFacts;
import io.nodeward.cli.renew.Backoff;
import io.nodeward.cli.renew.RenewDaemon;
import io.nodeward.cli.renew.RenewHook;
import io.nodeward.cli.renew.RenewalSchedule;
import io.nodeward.cli.renew.RenewalTarget;
import io.nodeward.cli.renew.Renewed;
import io.nodeward.cli.renew.Renewer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "renew", mixinStandardHelpOptions = true,
    description = {"Renew a certificate with the certificate itself (mutual TLS to the issuer's renewal listener; "
        + "no sign-in needed), onto a fresh key unless --reuse-key. Files are replaced atomically.",
        "Once: renews if two thirds of its lifetime have passed (or with --force).",
        "--daemon: keeps renewing at two thirds of each lifetime, retrying with backoff and jitter while the issuer "
            + "is unreachable, logging each renewal; stops only on a refusal (revoked, deprovisioned, expired)."})
public final class CertRenewCommand extends BaseCommand {

  @Option(names = "--cert", required = true, paramLabel = "FILE", description = "The certificate to renew (replaced).")
  Path cert;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "Its private key (replaced unless --reuse-key).")
  Path key;

  @Option(names = "--ca", paramLabel = "FILE", description = "CA chain to verify the issuer with (default: ca.pem beside --cert).")
  Path ca;

  @Option(names = "--reuse-key", description = "Keep the key pair (default: a fresh key of the same type each time).")
  boolean reuseKey;

  @Option(names = "--daemon", description = "Keep running and renew each certificate when due.")
  boolean daemon;

  @Option(names = "--exec", paramLabel = "CMD", description = "Run this shell command after each renewal "
      + "(environment: NODEWARD_CERT_FILE, NODEWARD_KEY_FILE, NODEWARD_SERIAL, NODEWARD_PREVIOUS_SERIAL, NODEWARD_NOT_AFTER).")
  String exec;

  @Option(names = "--force", description = "Renew now even if not due (not with --daemon).")
  boolean force;

  @Option(names = "--validity", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Lifetime of the new certificate (default: the same as the current one's).")
  Duration validity;

  @Override
  protected void execute() throws InterruptedException {
    if (force && daemon) {
      throw CliFailure.usage("USAGE", "--force renews once; it does not go with --daemon.");
    }
    Context cli = cli();
    RenewalTarget target = new RenewalTarget(cert, key, ca != null ? ca : Renewer.defaultCaChain(cert));
    Renewer renewer = new Renewer(cli.settings().issuerMtlsUrl(), target, reuseKey,
        request -> CertIssueCommand.putValidity(request, validity), cli.userAgent());
    RenewHook hook = exec == null ? null : new RenewHook(exec);
    if (daemon) {
      SecureRandom random = new SecureRandom();
      new RenewDaemon(renewer, target, hook, new Backoff(random::nextDouble), cli.clock(),
          duration -> Thread.sleep(Math.max(1, duration.toMillis())), (json, line) -> output().event(json, line)).run();
      return;
    }
    once(renewer, target, hook);
  }

  private void once(Renewer renewer, RenewalTarget target, RenewHook hook) {
    CertificateFacts facts = renewer.current();
    Instant now = cli().clock().instant();
    Instant due = RenewalSchedule.dueAt(facts.notBefore(), facts.notAfter());
    if (!now.isBefore(facts.notAfter())) {
      throw CliFailure.failed("CERTIFICATE_EXPIRED", "The certificate " + facts.serial() + " expired at " + facts.notAfter()
          + " and cannot renew itself; issue a new one with 'nodeward cert issue'.");
    }
    if (now.isBefore(due) && !force) {
      output().result(Json.object().put("renewed", false).put("serial", facts.serial()).put("renewAt", due.toString()),
          () -> output().line("Not due yet: " + facts.serial() + " renews at " + due + " (--force renews now)."));
      return;
    }
    Renewed renewed = renewer.renew();
    if (hook != null) {
      hook.run(target, renewed);
    }
    output().result(Json.object().put("renewed", true).put("nodeId", renewed.nodeId())
            .put("previousSerial", renewed.previousSerial()).put("serial", renewed.serial())
            .put("notAfter", renewed.notAfter().toString()).put("newKey", renewed.newKey()),
        () -> output().line("Renewed " + renewed.nodeId() + ": " + renewed.previousSerial() + " -> " + renewed.serial()
            + ", valid until " + renewed.notAfter() + (renewed.newKey() ? " (new key)." : " (same key).")));
  }
}
