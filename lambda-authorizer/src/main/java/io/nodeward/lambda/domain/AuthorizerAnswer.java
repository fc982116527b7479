package io.nodeward.lambda.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks the nodeward authorizer's answer before API Gateway enforces it. Only a 200 carrying exactly one
 * {@code execute-api:Invoke} statement, Allow or Deny, for this very event's ARN passes; anything else is a
 * Deny (the authorizer contract: "treat anything but a 200 with a well-formed policy as Deny"). Checking the
 * resource keeps an answer meant for another request (or a wildcard) from opening more than was asked.
 */
public final class AuthorizerAnswer {

  static final String VERSION = "2012-10-17";
  static final String ACTION = "execute-api:Invoke";
  /** Context values API Gateway passes on to the integration: short, printable, no control characters. */
  private static final Pattern CONTEXT_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
  private static final int MAX_CONTEXT_VALUE = 1024;
  private static final int MAX_CONTEXT_ENTRIES = 16;
  private static final int MAX_PRINCIPAL = 512;

  private AuthorizerAnswer() {
  }

  /**
   * @param status the HTTP status of the answer
   * @param body   the answer parsed as a JSON object, or null when it was not one
   */
  public static Verdict check(AuthorizerEvent event, int status, Map<String, Object> body) {
    if (status != 200) {
      return Verdict.failClosed(event.resourceArn(), FailureReason.AUTHORIZER_REFUSED);
    }
    try {
      return read(event, body);
    } catch (Malformed e) {
      return Verdict.failClosed(event.resourceArn(), FailureReason.MALFORMED_ANSWER);
    }
  }

  private static Verdict read(AuthorizerEvent event, Map<String, Object> body) {
    require(body != null);
    String principal = text(body.get("principalId"));
    require(!principal.isEmpty() && principal.length() <= MAX_PRINCIPAL);
    Map<String, Object> document = object(body.get("policyDocument"));
    require(VERSION.equals(document.get("Version")));
    require(document.get("Statement") instanceof List<?> statements && statements.size() == 1);
    Map<String, Object> statement = object(((List<?>) document.get("Statement")).get(0));
    require(ACTION.equals(statement.get("Action")));
    require(event.resourceArn().equals(statement.get("Resource")));
    Object effect = statement.get("Effect");
    require("Allow".equals(effect) || "Deny".equals(effect));
    return new Verdict("Allow".equals(effect), principal, event.resourceArn(), context(body.get("context")), null);
  }

  private static Map<String, String> context(Object value) {
    if (value == null) {
      return Map.of();
    }
    Map<String, Object> context = object(value);
    require(context.size() <= MAX_CONTEXT_ENTRIES);
    Map<String, String> copy = new LinkedHashMap<>();
    context.forEach((key, entry) -> {
      require(CONTEXT_KEY.matcher(key).matches());
      String text = text(entry);
      require(text.length() <= MAX_CONTEXT_VALUE && text.chars().noneMatch(Character::isISOControl));
      copy.put(key, text);
    });
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value) {
    require(value instanceof Map<?, ?>);
    return (Map<String, Object>) value;
  }

  private static String text(Object value) {
    require(value instanceof String);
    return (String) value;
  }

  private static void require(boolean condition) {
    if (!condition) {
      throw new Malformed();
    }
  }

  /** Control flow inside this class only: the first broken rule ends the check. */
  private static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed() {
      super(null, null, false, false);
    }
  }
}
