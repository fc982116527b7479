package io.nodeward.issuer.api;

import io.nodeward.issuer.domain.CertificateRegistry;
import io.nodeward.issuer.domain.NodeRegistry;
import io.nodeward.issuer.kafka.StateReplay;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /health} (public): UP while the state consumer runs without failing batches. */
final class HealthHandler implements Handler<RoutingContext> {

  private final StateReplay state;
  private final NodeRegistry nodes;
  private final CertificateRegistry certificates;

  HealthHandler(StateReplay state, NodeRegistry nodes, CertificateRegistry certificates) {
    this.state = state;
    this.nodes = nodes;
    this.certificates = certificates;
  }

  @Override
  public void handle(RoutingContext ctx) {
    boolean up = state.running() && state.lastError() == null;
    Responses.json(ctx, up ? 200 : 503, new JsonObject()
        .put("status", up ? "UP" : "DOWN")
        .put("nodes", nodes.all().size())
        .put("certificates", certificates.size())
        .put("eventsApplied", state.appliedEvents()));
  }
}
