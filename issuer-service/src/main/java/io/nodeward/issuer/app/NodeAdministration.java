package io.nodeward.issuer.app;

import io.nodeward.events.NodeDeprovisioned;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.issuer.domain.Node;
import io.nodeward.issuer.domain.Propagation;
import io.nodeward.issuer.domain.NodeRegistry;
import io.nodeward.issuer.domain.UpstreamPolicy;
import io.nodeward.kit.auth.Principal;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Provisioning and deprovisioning nodes (admins only; the API checks the role). */
public final class NodeAdministration {

  /** The node and whether this call created it (201) or found it already so (200). */
  public record Provisioned(Node node, boolean created) {
  }

  private final NodeRegistry nodes;
  private final EventLog events;
  private final PropagationWatch propagation;
  private final Clock clock;

  public NodeAdministration(NodeRegistry nodes, EventLog events, PropagationWatch propagation, Clock clock) {
    this.propagation = propagation;
    this.nodes = nodes;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Creates the node, or updates its upstream URL. Provisioning it again unchanged publishes nothing; giving
   * it to another owner is refused, because the old owner's certificates would start speaking for a node
   * they no longer own.
   */
  public Future<Provisioned> provision(Principal admin, String nodeId, String ownerUserId, String upstreamUrl) {
    Optional<String> refused = UpstreamPolicy.check(upstreamUrl);
    if (refused.isPresent()) {
      return Future.failedFuture(new UpstreamNotAllowedException(refused.get()));
    }
    Optional<Node> existing = nodes.find(nodeId);
    if (existing.isPresent() && !existing.get().ownedBy(ownerUserId)) {
      return Future.failedFuture(new NodeOwnershipConflictException());
    }
    if (existing.isPresent() && existing.get().upstreamUrl().equals(upstreamUrl)) {
      return Future.succeededFuture(new Provisioned(existing.get(), false));
    }
    NodeProvisioned event = new NodeProvisioned(nodeId, ownerUserId, upstreamUrl, clock.instant(), admin.userId());
    return events.append(event)
        .recover(e -> Future.failedFuture(new EventNotAcknowledgedException("NodeProvisioned", e)))
        .map(published -> new Provisioned(new Node(nodeId, ownerUserId, upstreamUrl, event.provisionedAt()),
            existing.isEmpty()));
  }

  /**
   * Records the node's end, then waits until every live authorizer instance has applied it (or the wait times
   * out naming who is pending): from then on every gateway refuses the node's certificates.
   */
  public Future<Propagation> deprovision(Principal admin, String nodeId) {
    Optional<Node> existing = nodes.find(nodeId);
    if (existing.isEmpty()) {
      return Future.failedFuture(new UnknownResourceException(UnknownResourceException.Kind.NODE));
    }
    return events.append(new NodeDeprovisioned(nodeId, existing.get().ownerUserId(), clock.instant(), admin.userId()))
        .recover(e -> Future.failedFuture(new EventNotAcknowledgedException("NodeDeprovisioned", e)))
        .compose(position -> propagation.confirm(List.of(position)));
  }
}
