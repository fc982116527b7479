package io.nodeward.issuer.domain;

import io.nodeward.events.CloudEvent;
import io.nodeward.events.NodeDeprovisioned;
import io.nodeward.events.NodeProvisioned;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The nodes that exist and their owners, rebuilt from the nodes topic (see {@link LogProjection}). */
public final class NodeRegistry {

  private final LogProjection<Node> nodes = new LogProjection<>();

  public void applyFromLog(CloudEvent<?> event) {
    apply(event, true);
  }

  public void applyPublished(CloudEvent<?> event) {
    apply(event, false);
  }

  private void apply(CloudEvent<?> event, boolean fromLog) {
    if (event.data() instanceof NodeProvisioned provisioned) {
      Node node = new Node(provisioned.nodeId(), provisioned.ownerUserId(), provisioned.upstreamUrl(),
          provisioned.provisionedAt());
      change(fromLog, event.id(), node.nodeId(), current -> Optional.of(node));
    } else if (event.data() instanceof NodeDeprovisioned deprovisioned) {
      change(fromLog, event.id(), deprovisioned.nodeId(), current -> Optional.empty());
    }
  }

  private void change(boolean fromLog, String eventId, String nodeId,
      java.util.function.UnaryOperator<Optional<Node>> change) {
    if (fromLog) {
      nodes.applyFromLog(eventId, nodeId, change);
    } else {
      nodes.applyPublished(eventId, nodeId, change);
    }
  }

  public Optional<Node> find(String nodeId) {
    return nodes.get(nodeId);
  }

  /** One page of the nodes a query selects, in nodeId order. */
  public Page<Node, String> page(NodeQuery query) {
    return Pages.best(nodes::forEachValue, query::matches, Comparator.comparing(Node::nodeId), query.limit(),
        Node::nodeId);
  }

  public List<Node> ownedBy(String userId) {
    return nodes.values().stream().filter(n -> n.ownedBy(userId)).sorted(Comparator.comparing(Node::nodeId)).toList();
  }

  public int size() {
    return nodes.size();
  }

  public List<Node> all() {
    return nodes.values().stream().sorted(Comparator.comparing(Node::nodeId)).toList();
  }
}
