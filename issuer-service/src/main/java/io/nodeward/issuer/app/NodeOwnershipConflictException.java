package io.nodeward.issuer.app;

/** A node id is already provisioned for another owner; moving a node between owners takes a deprovision first. */
public final class NodeOwnershipConflictException extends RuntimeException {

  public NodeOwnershipConflictException() {
    super("node belongs to another user", null, false, false);
  }
}
