package io.nodeward.issuer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.NodeDeprovisioned;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.issuer.testing.Principals;
import io.nodeward.kit.testing.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Provisioning against a fake log: created, unchanged, moved to another owner (refused), removed. */
class NodeAdministrationTest {

  private AppFixture fx;
  private NodeAdministration administration;

  @BeforeEach
  void fixture() {
    fx = new AppFixture();
    administration = new NodeAdministration(fx.nodes, fx.events, fx.propagation, fx.clock);
  }

  @Test
  void aNewNodeIsCreatedAndRecordedAndTheSameAgainRecordsNothing() {
    assertTrue(Await.result(administration.provision(Principals.admin("root"), "n1", "alice", "http://h:1")).created());
    assertFalse(Await.result(administration.provision(Principals.admin("root"), "n1", "alice", "http://h:1")).created());

    assertEquals(1, fx.events.of(NodeProvisioned.class).size());
  }

  @Test
  void anUpstreamChangeIsRecordedButAnOwnerChangeIsRefused() {
    Await.result(administration.provision(Principals.admin("root"), "n1", "alice", "http://h:1"));

    Await.result(administration.provision(Principals.admin("root"), "n1", "alice", "http://h:2"));
    assertInstanceOf(NodeOwnershipConflictException.class,
        Await.failure(administration.provision(Principals.admin("root"), "n1", "bob", "http://h:2")));

    assertEquals("http://h:2", fx.nodes.find("n1").orElseThrow().upstreamUrl());
    assertEquals(2, fx.events.of(NodeProvisioned.class).size());
  }

  @Test
  void deprovisioningRemovesTheNodeAndAnUnknownOneIsUnknown() {
    Await.result(administration.provision(Principals.admin("root"), "n1", "alice", "http://h:1"));

    fx.propagation.answer = new io.nodeward.issuer.domain.Propagation(java.util.List.of("gw-a"), java.util.List.of());

    assertEquals(java.util.List.of("gw-a"),
        Await.result(administration.deprovision(Principals.admin("root"), "n1")).confirmedBy());

    assertEquals(java.util.List.of(fx.events.latest(io.nodeward.events.Topics.NODES)), fx.propagation.asked);
    assertTrue(fx.nodes.find("n1").isEmpty());
    assertEquals("alice", fx.events.of(NodeDeprovisioned.class).get(0).ownerUserId());
    assertInstanceOf(UnknownResourceException.class, Await.failure(administration.deprovision(Principals.admin("root"), "n1")));
  }

  @Test
  void aMetadataOrLinkLocalUpstreamIsRefusedBeforeAnythingIsRecorded() {
    assertInstanceOf(UpstreamNotAllowedException.class, Await.failure(
        administration.provision(Principals.admin("root"), "n1", "alice", "http://169.254.169.254/latest/")));
    assertTrue(fx.events.appended.isEmpty());
  }

  @Test
  void whenTheLogIsDownNothingChanges() {
    fx.events.failing = true;

    assertInstanceOf(EventNotAcknowledgedException.class,
        Await.failure(administration.provision(Principals.admin("root"), "n1", "alice", "http://h:1")));
    assertTrue(fx.nodes.find("n1").isEmpty());
  }
}
