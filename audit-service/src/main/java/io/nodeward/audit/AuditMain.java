package io.nodeward.audit;

import io.nodeward.audit.config.AuditConfig;
import io.nodeward.kit.app.ServiceLauncher;

/** Runs the audit service alone (compose, systemd): configuration from the environment, final checkpoint on SIGTERM. */
public final class AuditMain {

  private AuditMain() {
  }

  public static void main(String[] args) throws Exception {
    ServiceLauncher.run("audit", AuditConfig::fromEnv, AuditService::start, AuditService::close);
  }
}
