package io.nodeward.authorizer.api;

import io.nodeward.authorizer.app.AllowListStatus;
import io.nodeward.authorizer.app.DecisionRecorder;
import io.nodeward.authorizer.domain.Freshness;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /health}: UP while the allow-list is fresh, its consumer runs and decisions can be made durable; DOWN
 * (503) with the reason otherwise, since such an authorizer refuses everything and a load balancer should route
 * around it.
 */
final class HealthHandler implements Handler<RoutingContext> {

  private final AllowListStatus allowList;
  private final DecisionRecorder recorder;
  private final Clock clock;

  HealthHandler(AllowListStatus allowList, DecisionRecorder recorder, Clock clock) {
    this.allowList = allowList;
    this.recorder = recorder;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Instant now = clock.instant();
    Freshness freshness = allowList.freshness();
    boolean fresh = freshness.isFresh(now);
    boolean consuming = allowList.consumerRunning();
    Duration age = freshness.age(now);
    JsonObject allow = new JsonObject()
        .put("fresh", fresh)
        .put("confirmedAt", freshness.confirmedAt() == null ? null : freshness.confirmedAt().toString())
        .put("ageMillis", age == null ? null : age.toMillis())
        .put("maxStalenessMillis", freshness.maxStaleness().toMillis())
        .put("certificates", allowList.snapshot().certificateCount())
        .put("nodes", allowList.snapshot().nodeCount())
        .put("lag", allowList.lag());
    JsonObject consumer = new JsonObject()
        .put("running", consuming)
        .put("appliedEvents", allowList.appliedEvents())
        .put("lastError", allowList.consumerError());
    JsonObject decisions = new JsonObject()
        .put("kafkaDegraded", recorder.degraded())
        .put("spooledEvents", recorder.backlogEvents())
        .put("spoolBytes", recorder.backlogBytes())
        .put("dropped", recorder.dropped())
        .put("durability", recorder.durability().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
        .put("durable", !recorder.durabilityFailing())
        .put("notDurable", recorder.notDurable());
    boolean durable = !recorder.durabilityFailing();
    boolean up = fresh && consuming && durable;
    JsonObject body = new JsonObject()
        .put("status", up ? "UP" : "DOWN")
        .put("allowList", allow)
        .put("consumer", consumer)
        .put("decisions", decisions);
    if (!up) {
      body.put("why", !durable ? "decisions cannot be made durable (Kafka does not acknowledge and the spool is full "
          + "or cannot be written): every request is refused DECISION_NOT_DURABLE"
          : !consuming ? "the allow-list consumer is stopped"
          : "the allow-list has not confirmed it is current for " + (age == null ? "ever" : age.toMillis() + " ms")
              + " (bound " + freshness.maxStaleness().toMillis() + " ms): every request is denied ALLOWLIST_STALE");
    }
    ctx.response()
        .setStatusCode(up ? 200 : 503)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encode());
  }
}
