package io.nodeward.issuer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.AuthorizerStatus;
import io.nodeward.events.AuthorizerStatus.AppliedOffset;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which authorizer instances are live and which of them have applied a record. */
class AuthorizerFleetTest {

  private static final String CERTS = "nodeward.certificates.v1";
  private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
  private static final List<LogPosition> REVOKED_AT_7 = List.of(new LogPosition(CERTS, 1, 7));

  private final AuthorizerFleet fleet = new AuthorizerFleet(Duration.ofSeconds(3));

  private static AuthorizerStatus status(String id, AuthorizerStatus.State state, long nextOffsetOfPartition1) {
    return new AuthorizerStatus(id, T0, T0, state, true, 250, List.of(new AppliedOffset(CERTS, 0, 100),
        new AppliedOffset(CERTS, 1, nextOffsetOfPartition1)));
  }

  @Test
  void anInstanceConfirmsOnceItsNextOffsetLiesBeyondTheRecord() {
    fleet.heard(status("gw-a", AuthorizerStatus.State.RUNNING, 7), T0);
    fleet.heard(status("gw-b", AuthorizerStatus.State.RUNNING, 8), T0);

    assertEquals(new Propagation(List.of("gw-b"), List.of("gw-a")), fleet.propagation(REVOKED_AT_7, T0));

    fleet.heard(status("gw-a", AuthorizerStatus.State.RUNNING, 8), T0.plusMillis(250));
    Propagation after = fleet.propagation(REVOKED_AT_7, T0.plusMillis(250));
    assertEquals(List.of("gw-a", "gw-b"), after.confirmedBy());
    assertTrue(after.complete());
  }

  @Test
  void aPartitionTheStatusDoesNotNameIsNotApplied() {
    fleet.heard(status("gw-a", AuthorizerStatus.State.RUNNING, 100), T0);

    assertEquals(List.of("gw-a"), fleet.propagation(List.of(new LogPosition(CERTS, 2, 0)), T0).pending());
    assertEquals(List.of("gw-a"), fleet.propagation(List.of(new LogPosition("nodeward.nodes.v1", 1, 0)), T0).pending());
  }

  @Test
  void everyRecordMustBeApplied() {
    fleet.heard(status("gw-a", AuthorizerStatus.State.RUNNING, 8), T0);

    assertEquals(List.of("gw-a"), fleet.propagation(List.of(new LogPosition(CERTS, 1, 7), new LogPosition(CERTS, 0, 100)),
        T0).pending());
    assertEquals(List.of("gw-a"), fleet.propagation(List.of(new LogPosition(CERTS, 1, 7), new LogPosition(CERTS, 0, 99)),
        T0).confirmedBy());
  }

  @Test
  void aStoppingInstanceLeavesAtOnceAndASilentOneAfterTheLivenessWindow() {
    fleet.heard(status("gw-a", AuthorizerStatus.State.RUNNING, 0), T0);
    fleet.heard(status("gw-b", AuthorizerStatus.State.RUNNING, 0), T0);
    fleet.heard(status("gw-a", AuthorizerStatus.State.STOPPING, 0), T0.plusMillis(10));

    assertEquals(List.of("gw-b"), fleet.live(T0.plusMillis(10)));
    assertEquals(List.of("gw-b"), fleet.propagation(REVOKED_AT_7, T0.plusSeconds(3)).pending());
    assertEquals(new Propagation(List.of(), List.of()), fleet.propagation(REVOKED_AT_7, T0.plusSeconds(3).plusMillis(1)));
  }

  @Test
  void anInstanceThatStartsAgainUnderItsNameIsBack() {
    fleet.heard(status("gw-a", AuthorizerStatus.State.STOPPING, 0), T0);
    fleet.heard(status("gw-a", AuthorizerStatus.State.RUNNING, 0), T0.plusSeconds(1));

    assertEquals(List.of("gw-a"), fleet.live(T0.plusSeconds(1)));
  }

  @Test
  void withNoLiveInstanceTheChangeIsCompleteAndConfirmedByNobody() {
    Propagation none = fleet.propagation(REVOKED_AT_7, T0);

    assertTrue(none.complete());
    assertTrue(none.confirmedBy().isEmpty());
  }
}
