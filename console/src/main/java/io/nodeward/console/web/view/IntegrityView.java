package io.nodeward.console.web.view;

/**
 * The integrity panel: the log's head and newest signed checkpoint (cheap, shown at once) and the verdict of a full
 * re-verification (the audit service re-hashes every stored record, which takes a while on a large trail: the page
 * loads it after itself, or inline when asked without script).
 *
 * @param verdict null while it is being fetched by the page
 */
public record IntegrityView(Chrome chrome, long headSequence, String headTime, String checkpointNote, Verdict verdict) {

  /** The audit service's verdict. */
  public record Verdict(boolean intact, long size, String root, long recordsChecked, long checkpointsChecked, String problem,
      String published, String checkedAt) {
  }
}
