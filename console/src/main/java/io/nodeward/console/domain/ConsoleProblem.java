package io.nodeward.console.domain;

/**
 * A refusal the console itself makes (not an API's): an HTTP status, a stable code and a sentence a person
 * understands. Rendered as a page by the console's one failure handler; never carries a token or a stack trace.
 */
public final class ConsoleProblem extends RuntimeException {

  private final int status;
  private final String code;
  private final String title;

  public ConsoleProblem(int status, String code, String title, String sentence) {
    super(sentence, null, false, false);
    this.status = status;
    this.code = code;
    this.title = title;
  }

  public static ConsoleProblem badRequest(String code, String sentence) {
    return new ConsoleProblem(400, code, "That did not work", sentence);
  }

  public static ConsoleProblem notFound() {
    return new ConsoleProblem(404, "NOT_FOUND", "Page not found",
        "There is no such page, or it shows something that is not yours.");
  }

  public static ConsoleProblem forbidden(String code, String sentence) {
    return new ConsoleProblem(403, code, "Not allowed", sentence);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  /** The sentence to show. */
  public String sentence() {
    return getMessage();
  }
}
