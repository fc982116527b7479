package io.nodeward.authorizer.gateway;

import io.nodeward.authorizer.config.GatewayLimits;
import io.nodeward.kit.http.RateLimiter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's limits (issue 13.12), one instance shared by every event loop: the connection cap, the
 * header-read timeout (armed after the handshake and after each response, disarmed when a request's headers are
 * complete) and the per-certificate request rate.
 */
public final class GatewayGuard {

  /** Memory bound of the rate limiter; idle certificates are forgotten first. */
  private static final int MAX_TRACKED = 100_000;

  private final GatewayLimits limits;
  private final RateLimiter rate;
  private final AtomicInteger connections = new AtomicInteger();
  private final Map<HttpConnection, HeaderTimer> timers = new ConcurrentHashMap<>();

  public GatewayGuard(GatewayLimits limits) {
    this.limits = limits;
    this.rate = new RateLimiter(limits.ratePerSecond(), MAX_TRACKED);
  }

  /** A new connection: closed at once over the cap; else counted until it closes, and must send headers in time. */
  void connected(Vertx vertx, HttpConnection connection) {
    if (connections.incrementAndGet() > limits.maxConnections()) {
      connections.decrementAndGet();
      connection.close();
      return;
    }
    HeaderTimer timer = new HeaderTimer(vertx, connection, limits.headerTimeout().toMillis());
    timers.put(connection, timer);
    connection.closeHandler(v -> {
      connections.decrementAndGet();
      timers.remove(connection);
      timer.disarm();
    });
    timer.arm();
  }

  /** The request's headers are complete: no timeout while it is served; armed again once its response ended. */
  void requestStarted(HttpServerRequest request) {
    HeaderTimer timer = timers.get(request.connection());
    if (timer != null) {
      timer.disarm();
      request.response().endHandler(v -> timer.arm());
    }
  }

  /** Zero when {@code identity} may go ahead now, else how long until it may. */
  Duration acquire(String identity) {
    return rate.acquire(identity, System.nanoTime());
  }

  int openConnections() {
    return connections.get();
  }

  private static final class HeaderTimer {
    private final Vertx vertx;
    private final HttpConnection connection;
    private final long millis;
    private long id = -1;

    HeaderTimer(Vertx vertx, HttpConnection connection, long millis) {
      this.vertx = vertx;
      this.connection = connection;
      this.millis = millis;
    }

    void arm() {
      disarm();
      id = vertx.setTimer(millis, t -> connection.close());
    }

    void disarm() {
      if (id >= 0) {
        vertx.cancelTimer(id);
        id = -1;
      }
    }
  }
}
