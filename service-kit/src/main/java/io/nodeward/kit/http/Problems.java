package io.nodeward.kit.http;

/** The problems every service answers the same way. Service-specific ones build {@link Problem}s directly. */
public final class Problems {

  private Problems() {
  }

  public static ProblemException badRequest(String code, String detail) {
    return new ProblemException(400, code, "Bad request", detail);
  }

  public static ProblemException malformedJson() {
    return badRequest("MALFORMED_JSON", "The request body is not a JSON object.");
  }

  public static ProblemException unauthorized(String code, String detail) {
    return new ProblemException(401, code, "Unauthorized", detail);
  }

  public static ProblemException forbidden(String code, String detail) {
    return new ProblemException(403, code, "Forbidden", detail);
  }

  public static ProblemException notFound(String code, String detail) {
    return new ProblemException(404, code, "Not found", detail);
  }

  public static ProblemException conflict(String code, String detail) {
    return new ProblemException(409, code, "Conflict", detail);
  }

  public static ProblemException unavailable(String code, String detail) {
    return new ProblemException(503, code, "Service unavailable", detail);
  }
}
