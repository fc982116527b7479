package io.nodeward.audit.domain;

import io.nodeward.events.DecisionReason;
import io.nodeward.events.IssuanceRefusal;
import io.nodeward.events.RejectionReason;
import io.nodeward.events.RevocationReason;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every value the reason column can hold. */
final class Reasons {

  static final Set<String> ALL = Stream.of(
          Arrays.stream(DecisionReason.values()).map(Enum::name),
          Arrays.stream(IssuanceRefusal.values()).map(Enum::name),
          Arrays.stream(RevocationReason.values()).map(Enum::name),
          Arrays.stream(RejectionReason.values()).map(Enum::name))
      .flatMap(s -> s)
      .collect(Collectors.toUnmodifiableSet());

  private Reasons() {
  }
}
