package io.nodeward.cli.core;

/**
 * A failure reported to the user as one line with a stable code (the server's problem code where there is one)
 * and ending the process with a documented exit code. Messages never carry secrets: they are printed as they are.
 */
public class CliFailure extends RuntimeException {

  private final int exitCode;
  private final String code;
  private final int httpStatus;

  public CliFailure(int exitCode, String code, String message, int httpStatus, Throwable cause) {
    super(message, cause, false, false);
    this.exitCode = exitCode;
    this.code = code;
    this.httpStatus = httpStatus;
  }

  /** The server refused: its RFC 9457 problem, status and code. */
  public static CliFailure refused(int httpStatus, String code, String message) {
    return new CliFailure(ExitCode.REFUSED, code, message, httpStatus, null);
  }

  /** The operation failed on this side (a file, a hook, a missing session). */
  public static CliFailure failed(String code, String message) {
    return new CliFailure(ExitCode.REFUSED, code, message, 0, null);
  }

  public static CliFailure failed(String code, String message, Throwable cause) {
    return new CliFailure(ExitCode.REFUSED, code, message, 0, cause);
  }

  public static CliFailure usage(String code, String message) {
    return new CliFailure(ExitCode.USAGE, code, message, 0, null);
  }

  public static CliFailure unreachable(String code, String message, Throwable cause) {
    return new CliFailure(ExitCode.UNREACHABLE, code, message, 0, cause);
  }

  public static CliFailure verification(String code, String message) {
    return new CliFailure(ExitCode.VERIFICATION_FAILED, code, message, 0, null);
  }

  public int exitCode() {
    return exitCode;
  }

  public String code() {
    return code;
  }

  /** The HTTP status of a server refusal, 0 otherwise. */
  public int httpStatus() {
    return httpStatus;
  }
}
