package io.nodeward.issuer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogProjectionTest {

  private final LogProjection<String> projection = new LogProjection<>();

  @Test
  void aPublishedEventIsVisibleBeforeTheConsumerReadsItBack() {
    projection.applyPublished("e1", "k", s -> Optional.of("v1"));

    assertEquals(Optional.of("v1"), projection.get("k"));
    assertEquals(1, projection.pendingCount());
  }

  @Test
  void olderLogEventsDoNotHideAPublishedOneUntilItIsReadBack() {
    projection.applyPublished("e2", "k", s -> Optional.empty());
    projection.applyFromLog("e1", "k", s -> Optional.of("old"));

    assertEquals(Optional.empty(), projection.get("k"));

    projection.applyFromLog("e2", "k", s -> Optional.empty());
    assertEquals(Optional.empty(), projection.get("k"));
    assertEquals(0, projection.pendingCount());
  }

  @Test
  void eventsFromOtherInstancesAfterTheReadBackAreNotHidden() {
    projection.applyPublished("mine", "k", s -> Optional.of("mine"));
    projection.applyFromLog("mine", "k", s -> Optional.of("mine"));
    projection.applyFromLog("theirs", "k", s -> Optional.of("theirs"));

    assertEquals(Optional.of("theirs"), projection.get("k"));
  }

  @Test
  void anAcknowledgementArrivingAfterTheReadBackIsIgnored() {
    projection.applyFromLog("mine", "k", s -> Optional.of("mine"));
    projection.applyFromLog("theirs", "k", s -> Optional.of("theirs"));
    projection.applyPublished("mine", "k", s -> Optional.of("mine"));

    assertEquals(Optional.of("theirs"), projection.get("k"));
    assertEquals(0, projection.pendingCount());
  }

  @Test
  void replayingTheSameEventsGivesTheSameState() {
    for (int round = 0; round < 2; round++) {
      projection.applyFromLog("a", "x", s -> Optional.of("1"));
      projection.applyFromLog("b", "y", s -> Optional.of("2"));
      projection.applyFromLog("c", "x", s -> Optional.empty());
    }

    assertEquals(List.of("2"), projection.values());
  }
}
