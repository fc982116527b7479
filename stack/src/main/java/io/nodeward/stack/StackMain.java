package io.nodeward.stack;

import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar stack/target/nodeward-stack.jar}: the whole of nodeward on 127.0.0.1, state under ./data. */
public final class StackMain {

  private static final Logger LOG = LoggerFactory.getLogger(StackMain.class);

  private StackMain() {
  }

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    StackConfig config;
    try {
      config = StackConfig.fromEnv(Env.system());
    } catch (ConfigException e) {
      System.err.println("nodeward: bad configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    NodewardStack stack;
    try {
      stack = NodewardStack.start(vertx, config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      LOG.error("nodeward could not start: {}", cause.getMessage(), cause);
      vertx.close();
      System.exit(1);
      return;
    }
    System.out.println(Banner.render(stack, config, (System.nanoTime() - started) / 1e9));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("nodeward: stopping");
      try {
        stack.close().transform(x -> vertx.close()).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("nodeward did not stop cleanly: {}", e.getMessage());
      }
      stopped.countDown();
    }, "nodeward-shutdown"));
    stopped.await();
  }
}
