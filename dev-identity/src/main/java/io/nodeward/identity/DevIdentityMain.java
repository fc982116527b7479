package io.nodeward.identity;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** DEV ONLY. Runs dev-identity on its own, configured from the environment ({@link DevIdentityConfig}). */
public final class DevIdentityMain {

  private static final Logger LOG = LoggerFactory.getLogger(DevIdentityMain.class);

  private DevIdentityMain() {
  }

  public static void main(String[] args) {
    DevIdentityConfig config = DevIdentityConfig.fromEnv();
    Vertx vertx = Vertx.vertx();
    DevIdentityProvider.start(vertx, config)
        .onSuccess(idp -> Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          idp.close().toCompletionStage().toCompletableFuture().join();
          vertx.close().toCompletionStage().toCompletableFuture().join();
        })))
        .onFailure(failure -> {
          LOG.error("dev identity provider failed to start", failure);
          vertx.close().onComplete(ignored -> System.exit(1));
        });
  }
}
