package io.nodeward.identity;

/** A refusal in Cognito's terms: its exception type name (the JSON {@code __type}) and message. */
final class CognitoError extends RuntimeException {

  private final String type;

  CognitoError(String type, String message) {
    super(message, null, false, false);
    this.type = type;
  }

  String type() {
    return type;
  }

  /** Real Cognito answers exactly this for a wrong password and for an unknown user alike. */
  static CognitoError badCredentials() {
    return new CognitoError("NotAuthorizedException", "Incorrect username or password.");
  }

  static CognitoError invalidParameter(String message) {
    return new CognitoError("InvalidParameterException", message);
  }

  static CognitoError unknownClient(String clientId) {
    return new CognitoError("ResourceNotFoundException", "User pool client " + clientId + " does not exist.");
  }
}
