package io.nodeward.issuer.domain;

import io.nodeward.events.AuthorizerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The authorizer instances as their statuses describe them: an instance is live while its last status was heard
 * within the liveness window and did not say STOPPING. Pure (time passed in) and thread-safe.
 */
public final class AuthorizerFleet {

  private record Heard(AuthorizerStatus status, Instant at) {
  }

  private final Duration liveness;
  private final Map<String, Heard> instances = new HashMap<>();

  public AuthorizerFleet(Duration liveness) {
    if (liveness.isNegative() || liveness.isZero()) {
      throw new IllegalArgumentException("liveness must be positive");
    }
    this.liveness = liveness;
  }

  /** A status heard at {@code at}; a STOPPING instance leaves the fleet at once. */
  public synchronized void heard(AuthorizerStatus status, Instant at) {
    if (status.state() == AuthorizerStatus.State.STOPPING) {
      instances.remove(status.instanceId());
    } else {
      instances.put(status.instanceId(), new Heard(status, at));
    }
    instances.values().removeIf(h -> !live(h, at));
  }

  /**
   * The live instances that have applied every record at {@code required} (their next offset of its partition
   * lies beyond it), and the live ones that have not.
   */
  public synchronized Propagation propagation(Collection<LogPosition> required, Instant now) {
    List<String> confirmed = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    instances.values().stream()
        .filter(h -> live(h, now))
        .sorted((a, b) -> a.status().instanceId().compareTo(b.status().instanceId()))
        .forEach(h -> (applied(h.status(), required) ? confirmed : pending).add(h.status().instanceId()));
    return new Propagation(confirmed, pending);
  }

  /** The instances live at {@code now}, by name. */
  public synchronized List<String> live(Instant now) {
    return instances.values().stream().filter(h -> live(h, now)).map(h -> h.status().instanceId()).sorted().toList();
  }

  private boolean live(Heard heard, Instant now) {
    return !heard.at().plus(liveness).isBefore(now);
  }

  private static boolean applied(AuthorizerStatus status, Collection<LogPosition> required) {
    return required.stream().allMatch(r -> status.nextOffset(r.topic(), r.partition()) > r.offset());
  }
}
