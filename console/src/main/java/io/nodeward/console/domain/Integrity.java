package io.nodeward.console.domain;

/**
 * The audit service's verdict over its stored log ({@code GET /v1/audit/verify}) and the newest signed checkpoint.
 *
 * @param size records the verified log holds (the head sequence, which is the tree size)
 * @param root the head's hash or the tree's root hash, as the API reports it
 * @param firstProblem null when intact
 * @param publishedCheckpointSize null when the API does not say (or none is published)
 * @param checkpointNote the newest signed checkpoint note, null when there is none (yet)
 */
public record Integrity(boolean intact, long size, String root, long recordsChecked, long checkpointsChecked,
    Problem firstProblem, Long publishedCheckpointSize, Boolean publishedCheckpointConsistent, String checkpointNote) {

  /** Where the log first stops verifying, and how. */
  public record Problem(long sequence, String kind, String detail) {
  }

  public Integrity withCheckpointNote(String note) {
    return new Integrity(intact, size, root, recordsChecked, checkpointsChecked, firstProblem, publishedCheckpointSize,
        publishedCheckpointConsistent, note);
  }
}
