package io.nodeward.audit;

import io.nodeward.audit.config.AuditConfig;
import io.nodeward.kit.config.Env;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the audit service alone (compose, systemd): configuration from the environment, final checkpoint on SIGTERM. */
public final class AuditMain {

  private static final Logger LOG = LoggerFactory.getLogger(AuditMain.class);

  private AuditMain() {
  }

  public static void main(String[] args) throws Exception {
    AuditConfig config = AuditConfig.fromEnv(Env.system());
    Vertx vertx = Vertx.vertx();
    AuditService service = AuditService.start(vertx, config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        service.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("unclean shutdown: {}", e.getMessage());
      }
    }, "audit-shutdown"));
  }
}
