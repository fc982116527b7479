package io.nodeward.cli.core;

/** The documented exit codes: scripts branch on them, so they never change meaning. */
public final class ExitCode {

  /** Done. */
  public static final int OK = 0;
  /** Refused by the server (its problem code is printed), or the operation failed here. */
  public static final int REFUSED = 1;
  /** The command line is wrong. */
  public static final int USAGE = 2;
  /** A server could not be reached (connection refused, timeout, name not resolved). */
  public static final int UNREACHABLE = 3;
  /** A signature, proof, file or checkpoint did not verify. */
  public static final int VERIFICATION_FAILED = 4;

  private ExitCode() {
  }
}
