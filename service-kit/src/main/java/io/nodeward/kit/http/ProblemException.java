package io.nodeward.kit.http;

/** A refusal travelling as a failed Future or thrown from a handler; rendered by {@link ProblemHandler}. */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.code() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
  }

  public ProblemException(int status, String code, String title, String detail) {
    this(new Problem(status, code, title, detail));
  }

  public Problem problem() {
    return problem;
  }
}
