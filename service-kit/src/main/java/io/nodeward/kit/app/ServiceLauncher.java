package io.nodeward.kit.app;

import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code main} of every service run on its own (containers, compose): config from the environment (exit 2
 * naming the variable when it is wrong), start (exit 1 when it cannot), a clean stop on SIGTERM/Ctrl-C.
 */
public final class ServiceLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);

  private ServiceLauncher() {
  }

  public static <C, S> void run(String name, Function<Env, C> configFromEnv, BiFunction<Vertx, C, Future<S>> start,
      Function<S, Future<Void>> close) throws InterruptedException {
    C config;
    try {
      config = configFromEnv.apply(Env.system());
    } catch (ConfigException e) {
      System.err.println(name + ": bad configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    S service;
    try {
      service = start.apply(vertx, config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      LOG.error("{} could not start: {}", name, cause.getMessage(), cause);
      vertx.close();
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("{} stopping", name);
      try {
        close.apply(service).transform(x -> vertx.close())
            .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("{} did not stop cleanly: {}", name, e.getMessage());
      }
      stopped.countDown();
    }, name + "-shutdown"));
    stopped.await();
  }
}
