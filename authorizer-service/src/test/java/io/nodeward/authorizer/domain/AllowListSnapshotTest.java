package io.nodeward.authorizer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.EventData;
import io.nodeward.events.NodeDeprovisioned;
import io.nodeward.events.NodeProvisioned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowListSnapshotTest {

  static final Instant NOW = AccessPolicyTest.NOW;

  @Test
  void applyingEventsLeavesTheOlderSnapshotUntouched() {
    AllowListSnapshot before = AllowListSnapshot.EMPTY.apply(
        AccessPolicyTest.issued("a1", "alice", "node-1", NOW, NOW.plusSeconds(60), "00"));
    AllowListSnapshot after = before.apply(AccessPolicyTest.revoked("a1"));

    assertFalse(before.certificate("a1").revoked());
    assertTrue(after.certificate("a1").revoked());
    assertEquals(1, after.certificateCount());
  }

  @Test
  void deprovisioningRemovesTheNodeAndCountsFollow() {
    AllowListSnapshot snapshot = AllowListSnapshot.EMPTY
        .apply(new NodeProvisioned("node-1", "alice", "http://a", NOW, "admin"))
        .apply(new NodeProvisioned("node-2", "alice", "http://b", NOW, "admin"))
        .apply(new NodeDeprovisioned("node-1", "alice", NOW, "admin"));

    assertNull(snapshot.node("node-1"));
    assertEquals("http://b", snapshot.node("node-2").upstreamUrl());
    assertEquals(1, snapshot.nodeCount());
  }

  @Test
  void aLargeBatchIsAppliedInOrderAndCountedExactly() {
    List<EventData> events = new ArrayList<>();
    for (int i = 1; i <= 5000; i++) {
      events.add(AccessPolicyTest.issued(Integer.toHexString(i), "alice", "node-1", NOW, NOW.plusSeconds(60), "00"));
    }
    for (int i = 1; i <= 5000; i += 2) {
      events.add(AccessPolicyTest.revoked(Integer.toHexString(i)));
    }
    AllowListSnapshot snapshot = AllowListSnapshot.EMPTY.apply(events);

    assertEquals(5000, snapshot.certificateCount());
    assertTrue(snapshot.certificate("1").revoked());
    assertFalse(snapshot.certificate("2").revoked());
  }

  @Test
  void anEmptyBatchReturnsTheSameSnapshot() {
    assertSame(AllowListSnapshot.EMPTY, AllowListSnapshot.EMPTY.apply(List.of()));
  }
}
