package io.nodeward.lambda.domain;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the Lambda itself reads of an API Gateway authorizer event: the ARN its policy must name, and which
 * payload format it is. Everything else (client certificate, path, method) is the nodeward authorizer's to read,
 * so the event is forwarded byte for byte: aws-lambda-java-events' typed events drop
 * {@code requestContext.identity.clientCert} (REST) and {@code requestContext.authentication} (HTTP API 2.0).
 */
public record AuthorizerEvent(String resourceArn, PayloadFormat format) {

  /** REST API REQUEST authorizer ({@code methodArn}) or HTTP API payload 2.0 ({@code routeArn}). */
  public enum PayloadFormat { REST_REQUEST, HTTP_API_V2 }

  /** arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}; the same pattern /authorize checks. */
  private static final Pattern EXECUTE_API_ARN =
      Pattern.compile("arn:aws[a-z-]*:execute-api:[a-z0-9-]+:\\d{12}:[A-Za-z0-9]+/[^/\\s]+/[A-Z*$]+(/\\S*)?");
  private static final int MAX_ARN = 2048;

  /** The event's ARN, or empty when there is none that API Gateway could have sent (then the answer is Deny *). */
  public static Optional<AuthorizerEvent> read(Map<String, Object> event) {
    if (event.get("methodArn") instanceof String arn && valid(arn)) {
      return Optional.of(new AuthorizerEvent(arn, PayloadFormat.REST_REQUEST));
    }
    if (event.get("routeArn") instanceof String arn && valid(arn)) {
      return Optional.of(new AuthorizerEvent(arn, PayloadFormat.HTTP_API_V2));
    }
    return Optional.empty();
  }

  private static boolean valid(String arn) {
    return arn.length() <= MAX_ARN && EXECUTE_API_ARN.matcher(arn).matches();
  }
}
