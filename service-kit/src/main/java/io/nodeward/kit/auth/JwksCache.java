package io.nodeward.kit.auth;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user pool's signing keys, fetched on first use and again only when a token names a key we do not
 * know (the pool rotated). Refetches are rate limited and concurrent callers share one in-flight fetch, so
 * a burst of tokens with made-up key ids costs the pool at most one request per interval.
 */
final class JwksCache {

  private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);
  private static final long FETCH_TIMEOUT_MS = 10_000;

  private final WebClient client;
  private final String jwksUri;
  private final long minIntervalMillis;
  private final Clock clock;

  private volatile JsonWebKeySet keys = JsonWebKeySet.EMPTY;
  // Guarded by this:
  private Instant lastAttempt;
  private boolean lastAttemptFailed;
  private Future<JsonWebKeySet> inFlight;

  JwksCache(Vertx vertx, CognitoConfig config, Clock clock) {
    this.client = WebClient.create(vertx);
    this.jwksUri = config.jwksUri();
    this.minIntervalMillis = config.minJwksRefreshInterval().toMillis();
    this.clock = clock;
  }

  /** The key with this id; a failed {@code TOKEN_SIGNATURE_INVALID} if the pool does not publish it. */
  Future<RSAPublicKey> key(String kid) {
    RSAPublicKey known = keys.key(kid).orElse(null);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return onCallersContext(refresh()).compose(set -> set.key(kid)
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(TokenRefusal.TOKEN_SIGNATURE_INVALID.exception(
            "The token is signed with a key the user pool does not publish."))));
  }

  /**
   * The shared in-flight fetch completes on the event loop that started it; a request waiting on another
   * event loop must resume on its own (a RoutingContext is not thread-safe).
   */
  private static <T> Future<T> onCallersContext(Future<T> future) {
    Context caller = Vertx.currentContext();
    if (caller == null || future.isComplete()) {
      return future;
    }
    Promise<T> promise = Promise.promise();
    future.onComplete(result -> caller.runOnContext(ignored -> promise.handle(result)));
    return promise.future();
  }

  /** Fetches now unless a fetch is running (join it) or one was made less than the interval ago (use it). */
  synchronized Future<JsonWebKeySet> refresh() {
    if (inFlight != null) {
      return inFlight;
    }
    Instant now = clock.instant();
    if (lastAttempt != null && now.toEpochMilli() - lastAttempt.toEpochMilli() < minIntervalMillis) {
      // Fail closed while the pool is unreachable: without its keys nothing can be verified.
      return lastAttemptFailed ? Future.failedFuture(TokenRefusal.jwksUnavailable()) : Future.succeededFuture(keys);
    }
    lastAttempt = now;
    Future<JsonWebKeySet> fetch = fetch();
    inFlight = fetch;
    fetch.onComplete(result -> completed(result.succeeded()));
    return fetch;
  }

  private synchronized void completed(boolean succeeded) {
    lastAttemptFailed = !succeeded;
    inFlight = null;
  }

  private Future<JsonWebKeySet> fetch() {
    return client.getAbs(jwksUri)
        .timeout(FETCH_TIMEOUT_MS)
        .send()
        .map(this::parse)
        .onSuccess(set -> keys = set)
        .recover(failure -> {
          // The URI is configuration, not a secret; the failure says why (refused, timeout, bad body).
          LOG.warn("Cannot fetch the user pool's JWKS from {}: {}", jwksUri, failure.toString());
          return Future.failedFuture(TokenRefusal.jwksUnavailable());
        });
  }

  private JsonWebKeySet parse(HttpResponse<Buffer> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException("JWKS answered HTTP " + response.statusCode());
    }
    return JsonWebKeySet.parse(response.bodyAsJsonObject());
  }

  Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }
}
