package io.nodeward.kit.auth;

import io.nodeward.kit.http.ProblemException;
import io.nodeward.kit.http.Problems;

/**
 * Every reason a bearer token is refused, with its stable problem code. Details say what is wrong with the
 * token without repeating any of it: a token or key in an error body would end up in client logs.
 */
public enum TokenRefusal {
  TOKEN_MISSING("No bearer token was presented."),
  TOKEN_MALFORMED("The bearer token is not a signed JWT."),
  TOKEN_ALGORITHM_INVALID("The token must be signed with RS256."),
  TOKEN_SIGNATURE_INVALID("The token's signature does not verify with any key the user pool publishes."),
  TOKEN_ISSUER_INVALID("The token was not issued by the trusted user pool."),
  TOKEN_EXPIRED("The token has expired."),
  TOKEN_NOT_YET_VALID("The token is not valid yet."),
  TOKEN_USE_INVALID("The token is not a Cognito access token."),
  TOKEN_AUDIENCE_INVALID("The token was issued to an app client this service does not accept."),
  TOKEN_SUBJECT_MISSING("The token does not name its subject.");

  private final String detail;

  TokenRefusal(String detail) {
    this.detail = detail;
  }

  public String code() {
    return name();
  }

  public ProblemException exception() {
    return Problems.unauthorized(code(), detail);
  }

  public ProblemException exception(String specificDetail) {
    return Problems.unauthorized(code(), specificDetail);
  }

  /** The signing keys could not be fetched: refuse rather than guess (fail closed), but say it is temporary. */
  public static final String JWKS_UNAVAILABLE = "JWKS_UNAVAILABLE";

  public static ProblemException jwksUnavailable() {
    return Problems.unavailable(JWKS_UNAVAILABLE, "The user pool's signing keys cannot be fetched right now; try again shortly.");
  }
}
