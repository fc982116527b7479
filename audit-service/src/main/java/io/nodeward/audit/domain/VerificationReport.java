package io.nodeward.audit.domain;

import java.util.Optional;

/**
 * The verdict over a stored trail.
 *
 * @param anchor where verification started: genesis, or the oldest kept checkpoint after retention pruning
 * @param head the last record reached
 * @param finding the first problem, or null when the trail is intact
 */
public record VerificationReport(long recordsChecked, long checkpointsChecked, ChainHead anchor, ChainHead head, Finding finding) {

  public boolean intact() {
    return finding == null;
  }

  public Optional<Finding> firstProblem() {
    return Optional.ofNullable(finding);
  }
}
