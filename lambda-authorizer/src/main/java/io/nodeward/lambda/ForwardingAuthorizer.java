package io.nodeward.lambda;

import com.fasterxml.jackson.jr.ob.JSON;
import io.nodeward.lambda.domain.AuthorizerAnswer;
import io.nodeward.lambda.domain.AuthorizerEvent;
import io.nodeward.lambda.domain.FailureReason;
import io.nodeward.lambda.domain.PolicyResponses;
import io.nodeward.lambda.domain.Verdict;
import io.nodeward.lambda.forward.AuthorizeClient;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The use case: read the event's ARN, forward the event unchanged to the authorizer, check its answer, and turn
 * every failure into a Deny (fail closed). Never throws: an exception escaping a Lambda authorizer makes API
 * Gateway answer 500, which is closed too but says nothing and is not counted as a decision.
 */
public final class ForwardingAuthorizer {

  /** The decision and the JSON API Gateway gets. */
  public record Outcome(Verdict verdict, byte[] response) {
  }

  private final AuthorizeClient client;
  private final Consumer<String> log;

  public ForwardingAuthorizer(AuthorizeClient client, Consumer<String> log) {
    this.client = client;
    this.log = log;
  }

  public Outcome authorize(byte[] event) {
    Optional<AuthorizerEvent> parsed = readEvent(event);
    if (parsed.isEmpty()) {
      log.accept("nodeward-lambda: deny (fail closed) MALFORMED_EVENT: no execute-api methodArn/routeArn");
      return outcome(Verdict.failClosed(null, FailureReason.MALFORMED_EVENT), AuthorizerEvent.PayloadFormat.REST_REQUEST);
    }
    AuthorizerEvent authorizerEvent = parsed.get();
    Verdict verdict;
    try {
      AuthorizeClient.Answer answer = client.post(event);
      verdict = AuthorizerAnswer.check(authorizerEvent, answer.status(), object(answer.body()));
      if (verdict.failedClosed()) {
        log.accept("nodeward-lambda: deny (fail closed) " + verdict.reason() + ": authorizer answered "
            + answer.status());
      }
    } catch (AuthorizeClient.CallFailed e) {
      log.accept("nodeward-lambda: deny (fail closed) " + e.reason() + ": " + e.getMessage());
      verdict = Verdict.failClosed(authorizerEvent.resourceArn(), e.reason());
    } catch (RuntimeException e) {
      log.accept("nodeward-lambda: deny (fail closed) LAMBDA_ERROR: " + e.getClass().getSimpleName());
      verdict = Verdict.failClosed(authorizerEvent.resourceArn(), FailureReason.LAMBDA_ERROR);
    }
    return outcome(verdict, authorizerEvent.format());
  }

  private static Outcome outcome(Verdict verdict, AuthorizerEvent.PayloadFormat format) {
    try {
      return new Outcome(verdict, JSON.std.asBytes(PolicyResponses.of(verdict, format)));
    } catch (IOException e) {
      throw new IllegalStateException("a policy map always serializes", e);
    }
  }

  private static Optional<AuthorizerEvent> readEvent(byte[] event) {
    Map<String, Object> json = object(event);
    return json == null ? Optional.empty() : AuthorizerEvent.read(json);
  }

  /** The bytes as a JSON object, or null when they are not one. */
  private static Map<String, Object> object(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return null;
    }
    try {
      return JSON.std.mapFrom(bytes);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
