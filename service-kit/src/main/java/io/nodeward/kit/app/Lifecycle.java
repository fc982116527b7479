package io.nodeward.kit.app;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a nodeward service (or the stack) starts and stops its parts: components start in order and stop
 * in reverse, each named, each stop bounded by its own timeout and timed in the log. A failed start stops what
 * already started. A stop that hangs or fails is logged by name and passed over, so the components after it
 * (the broker, last of all in the stack) still get their clean stop — a stuck audit service once held the
 * stack's exit for 30–45 s while its producer kept reconnecting to a stopped broker.
 *
 * <p>Not thread-safe for concurrent starts; starts are sequential by nature (each usually needs the one before).
 */
public final class Lifecycle {

  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

  private final Vertx vertx;
  private final String owner;
  private final List<Component> started = new ArrayList<>();
  private Future<Void> stopping;

  private record Component(String name, Duration stopTimeout, Supplier<Future<Void>> stop) {
  }

  private Lifecycle(Vertx vertx, String owner) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  /** @param owner what the components belong to ("issuer", "nodeward stack"); prefixes every log line */
  public static Lifecycle create(Vertx vertx, String owner) {
    return new Lifecycle(vertx, owner);
  }

  /** Starts a component now; once it has started, its stop is registered with the default timeout. */
  public <T> Future<T> start(String name, Supplier<Future<T>> start, Function<? super T, Future<Void>> stop) {
    return start(name, DEFAULT_STOP_TIMEOUT, start, stop);
  }

  /** Starts a component now; once it has started, its stop is registered with {@code stopTimeout}. */
  public <T> Future<T> start(String name, Duration stopTimeout, Supplier<Future<T>> start,
      Function<? super T, Future<Void>> stop) {
    Objects.requireNonNull(stop, "stop");
    requireOpen(name);
    long began = System.nanoTime();
    Future<T> starting;
    try {
      starting = start.get();
    } catch (RuntimeException e) {
      starting = Future.failedFuture(e);
    }
    return starting
        .onSuccess(component -> {
          register(name, stopTimeout, () -> stop.apply(component));
          LOG.info("{}: started {} in {} ms", owner, name, millisSince(began));
        })
        .onFailure(e -> LOG.warn("{}: {} failed to start after {} ms: {}", owner, name, millisSince(began), e.getMessage()));
  }

  /** Registers an already constructed component (the default stop timeout) and hands it back. */
  public <T> T add(String name, T component, Function<? super T, Future<Void>> stop) {
    return add(name, DEFAULT_STOP_TIMEOUT, component, stop);
  }

  public <T> T add(String name, Duration stopTimeout, T component, Function<? super T, Future<Void>> stop) {
    Objects.requireNonNull(stop, "stop");
    requireOpen(name);
    register(name, stopTimeout, () -> stop.apply(component));
    return component;
  }

  /** Registers a stop action alone (no start step of its own): runs in reverse order like every other stop. */
  public void onStop(String name, Duration stopTimeout, Supplier<Future<Void>> stop) {
    requireOpen(name);
    register(name, stopTimeout, stop);
  }

  /**
   * Runs a start sequence built from {@link #start}/{@link #add}. If it fails, everything it started is stopped
   * (in reverse, bounded) and the returned Future fails with the sequence's own failure.
   */
  public <T> Future<T> run(Supplier<Future<T>> sequence) {
    Future<T> running;
    try {
      running = sequence.get();
    } catch (RuntimeException e) {
      running = Future.failedFuture(e);
    }
    return running.recover(failure -> stop().transform(x -> Future.failedFuture(failure)));
  }

  /**
   * Stops every started component, newest first, each bounded by its timeout. Never fails; calling it again
   * answers the same Future.
   */
  public synchronized Future<Void> stop() {
    if (stopping != null) {
      return stopping;
    }
    List<Component> toStop;
    synchronized (started) {
      toStop = new ArrayList<>(started);
      started.clear();
    }
    long began = System.nanoTime();
    Future<Void> chain = Future.succeededFuture();
    for (int i = toStop.size() - 1; i >= 0; i--) {
      Component component = toStop.get(i);
      chain = chain.transform(x -> stopOne(component));
    }
    stopping = chain.map(x -> {
      if (!toStop.isEmpty()) {
        LOG.info("{}: stopped {} component(s) in {} ms", owner, toStop.size(), millisSince(began));
      }
      return null;
    });
    return stopping;
  }

  /** Names of the components that have started and not been stopped, in start order. */
  public List<String> components() {
    synchronized (started) {
      return started.stream().map(Component::name).toList();
    }
  }

  /**
   * Runs a blocking close on a daemon thread of its own: a JDBC pool, a file, an in-process broker. A hang there
   * then holds neither an event loop, nor a worker thread {@code vertx.close()} would wait for, nor JVM exit;
   * the component's stop timeout reports it and the others go on.
   */
  public static Future<Void> blocking(Vertx vertx, String name, BlockingClose close) {
    Promise<Void> done = Promise.promise();
    Thread thread = new Thread(() -> {
      try {
        close.close();
        done.tryComplete();
      } catch (Throwable e) {
        done.tryFail(e);
      }
    }, "stop-" + name);
    thread.setDaemon(true);
    thread.start();
    return done.future();
  }

  /** A close that blocks and may throw: {@code AutoCloseable::close} fits. */
  @FunctionalInterface
  public interface BlockingClose {
    void close() throws Exception;
  }

  private Future<Void> stopOne(Component component) {
    long began = System.nanoTime();
    long timeoutMillis = Math.max(1, component.stopTimeout().toMillis());
    Promise<Void> outcome = Promise.promise();
    // Whoever settles first (the stop or its timer) logs, then lets the next component stop: the log then reads
    // in the order things happened.
    AtomicBoolean settled = new AtomicBoolean();
    long timer = vertx.setTimer(timeoutMillis, id -> {
      if (settled.compareAndSet(false, true)) {
        LOG.warn("{}: {} did not stop within {} ms; stopping the rest", owner, component.name(), timeoutMillis);
        outcome.complete();
      }
    });
    Future<Void> stopping;
    try {
      stopping = component.stop().get();
    } catch (RuntimeException e) {
      stopping = Future.failedFuture(e);
    }
    stopping.onComplete(ar -> {
      if (!settled.compareAndSet(false, true)) {
        return; // timed out already, reported then
      }
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        LOG.info("{}: stopped {} in {} ms", owner, component.name(), millisSince(began));
      } else {
        LOG.warn("{}: {} failed to stop: {}", owner, component.name(), ar.cause().getMessage());
      }
      outcome.complete();
    });
    return outcome.future();
  }

  private void register(String name, Duration stopTimeout, Supplier<Future<Void>> stop) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    Component component = new Component(name, stopTimeout, stop);
    synchronized (this) {
      if (stopping == null) {
        synchronized (started) {
          started.add(component);
        }
        return;
      }
    }
    // It finished starting after stop() was called: stop it at once rather than leave it running.
    stopOne(component);
  }

  private synchronized void requireOpen(String name) {
    if (stopping != null) {
      throw new IllegalStateException(owner + ": cannot add " + name + " after stop()");
    }
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
