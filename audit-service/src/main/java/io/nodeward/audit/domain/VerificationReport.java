package io.nodeward.audit.domain;

import java.util.Optional;

/**
 * The verdict over the stored log.
 *
 * @param treeSize leaves in the stored tree
 * @param rootHash the root recomputed from the records (and, for pruned leaves, their kept hashes)
 * @param recordsChecked records re-hashed from their content
 * @param prunedLeaves leaves whose bodies retention removed (their kept hashes were used)
 * @param checkpointsChecked signed notes checked (stored ones and the published one)
 * @param publishedSize the size of the newest checkpoint published outside the database, or null if none
 * @param finding the first problem, or null when the log is intact
 */
public record VerificationReport(long treeSize, byte[] rootHash, long recordsChecked, long prunedLeaves,
    long checkpointsChecked, Long publishedSize, Finding finding) {

  public boolean intact() {
    return finding == null;
  }

  public Optional<Finding> firstProblem() {
    return Optional.ofNullable(finding);
  }
}
