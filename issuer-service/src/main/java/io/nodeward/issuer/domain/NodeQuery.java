package io.nodeward.issuer.domain;

import java.util.Objects;

/**
 * Which nodes a caller lists, one page at a time, in nodeId order.
 *
 * @param ownerUserId only this owner's nodes (for a non-admin, anything but their own id yields nothing)
 * @param afterNodeId continue after this node id (exclusive), null for the first page
 */
public record NodeQuery(String callerUserId, boolean admin, String ownerUserId, String afterNodeId, int limit) {

  public NodeQuery {
    Objects.requireNonNull(callerUserId, "callerUserId");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
  }

  public boolean matches(Node node) {
    if (!admin && !node.ownedBy(callerUserId)) {
      return false;
    }
    if (ownerUserId != null && !node.ownedBy(ownerUserId)) {
      return false;
    }
    return afterNodeId == null || node.nodeId().compareTo(afterNodeId) > 0;
  }

  /** Someone else's node and a node that does not exist look the same to a non-admin. */
  public static boolean visible(Node node, String callerUserId, boolean admin) {
    return admin || node.ownedBy(callerUserId);
  }
}
