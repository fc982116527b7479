package io.nodeward.console.client;

/**
 * An RFC 9457 problem an API answered: its status, stable code and the sentence it gave ({@code detail}, else
 * {@code title}). The page shows both; the code is what people quote to support.
 */
public final class ApiProblem extends RuntimeException {

  private final String api;
  private final int status;
  private final String code;

  public ApiProblem(String api, int status, String code, String sentence) {
    super(sentence, null, false, false);
    this.api = api;
    this.status = status;
    this.code = code;
  }

  public String api() {
    return api;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String sentence() {
    return getMessage();
  }
}
