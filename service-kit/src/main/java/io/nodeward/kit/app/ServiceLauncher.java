package io.nodeward.kit.app;

import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import io.nodeward.kit.logging.LogFormat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code main} of every service run on its own (containers, compose) and of the stack: config from the
 * environment (exit 2 naming the variable when it is wrong), start (exit 1 when it cannot), and on SIGTERM or
 * Ctrl-C a stop through a {@link Lifecycle}: the service within its stop timeout, then Vert.x within
 * {@link #VERTX_CLOSE_TIMEOUT}. Both are bounded, so the process always exits (Docker's grace period is 10 s).
 */
public final class ServiceLauncher {

  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(6);
  public static final Duration VERTX_CLOSE_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);

  private ServiceLauncher() {
  }

  public static <C, S> void run(String name, Function<Env, C> configFromEnv, BiFunction<Vertx, C, Future<S>> start,
      Function<S, Future<Void>> close) throws InterruptedException {
    run(name, DEFAULT_STOP_TIMEOUT, configFromEnv, start, close);
  }

  /** @param stopTimeout how long the whole service may take to stop before the process exits anyway */
  public static <C, S> void run(String name, Duration stopTimeout, Function<Env, C> configFromEnv,
      BiFunction<Vertx, C, Future<S>> start, Function<S, Future<Void>> close) throws InterruptedException {
    C config;
    try {
      Env env = Env.system();
      env.enumValue(LogFormat.VARIABLE, LogFormat.class, LogFormat.TEXT); // logging read it already; refuse a typo here
      config = configFromEnv.apply(env);
    } catch (ConfigException e) {
      System.err.println(name + ": bad configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    Lifecycle lifecycle = Lifecycle.create(vertx, "nodeward");
    try {
      lifecycle.start(name, stopTimeout, () -> start.apply(vertx, config), close)
          .toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      boolean badConfig = cause instanceof ConfigException; // read while starting (the stack configures services late)
      if (badConfig) {
        System.err.println(name + ": bad configuration: " + cause.getMessage());
      } else {
        LOG.error("{} could not start: {}", name, cause.getMessage(), cause);
      }
      stop(name, stopTimeout, lifecycle, vertx);
      System.exit(badConfig ? 2 : 1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("{} stopping", name);
      stop(name, stopTimeout, lifecycle, vertx);
      stopped.countDown();
    }, name + "-shutdown"));
    stopped.await();
  }

  /** Stops the service, then Vert.x; each bounded. Runs on the shutdown hook's thread, never an event loop. */
  private static void stop(String name, Duration stopTimeout, Lifecycle lifecycle, Vertx vertx) {
    long began = System.nanoTime();
    try {
      // The lifecycle bounds the service's stop itself; this wait is only a guard one second beyond it.
      lifecycle.stop().toCompletionStage().toCompletableFuture()
          .get(stopTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("{} did not stop cleanly: {}", name, e.getMessage());
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(VERTX_CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("{}: Vert.x did not close within {} ms; exiting anyway", name, VERTX_CLOSE_TIMEOUT.toMillis());
    }
    LOG.info("{} stopped in {} ms", name, (System.nanoTime() - began) / 1_000_000);
  }
}
