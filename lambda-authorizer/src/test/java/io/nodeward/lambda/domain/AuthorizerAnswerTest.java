package io.nodeward.lambda.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthorizerAnswerTest {

  static final String ARN = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/nodes/node-1/status";
  static final AuthorizerEvent EVENT = new AuthorizerEvent(ARN, AuthorizerEvent.PayloadFormat.REST_REQUEST);

  static String answer(String effect, String resource, String extra) {
    return "{\"principalId\":\"alice\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{"
        + "\"Action\":\"execute-api:Invoke\",\"Effect\":\"" + effect + "\",\"Resource\":\"" + resource + "\"}]},"
        + "\"context\":{\"reason\":\"ALLOWED\",\"decisionId\":\"d-1\",\"userId\":\"alice\",\"nodeId\":\"node-1\"}"
        + extra + "}";
  }

  static Map<String, Object> json(String text) throws Exception {
    return JSON.std.mapFrom(text);
  }

  @Test
  void aWellFormedAllowForThisEventsArnIsAnAllowWithTheAuthorizersContext() throws Exception {
    Verdict verdict = AuthorizerAnswer.check(EVENT, 200, json(answer("Allow", ARN, "")));
    assertTrue(verdict.allow());
    assertFalse(verdict.failedClosed());
    assertEquals("alice", verdict.principalId());
    assertEquals(ARN, verdict.resourceArn());
    assertEquals(Map.of("reason", "ALLOWED", "decisionId", "d-1", "userId", "alice", "nodeId", "node-1"),
        verdict.context());
  }

  @Test
  void aWellFormedDenyIsPassedOnAsTheAuthorizersDeny() throws Exception {
    Verdict verdict = AuthorizerAnswer.check(EVENT, 200, json(answer("Deny", ARN, "")));
    assertFalse(verdict.allow());
    assertNull(verdict.failure());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      429 rate limited             | 429
      403 caller not allowed       | 403
      500                          | 500
      204                          | 204
      """)
  void anyStatusButTwoHundredIsADenyEvenWithAnAllowBody(String name, int status) throws Exception {
    Verdict verdict = AuthorizerAnswer.check(EVENT, status, json(answer("Allow", ARN, "")));
    assertFalse(verdict.allow());
    assertEquals(FailureReason.AUTHORIZER_REFUSED, verdict.failure());
    assertEquals(ARN, verdict.resourceArn());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      another resource          | {"principalId":"alice","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/nodes/node-2/status"}]}}
      wildcard resource         | {"principalId":"alice","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"*"}]}}
      resource as a list        | {"principalId":"alice","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":["ARN"]}]}}
      two statements            | {"principalId":"alice","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"ARN"},{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"*"}]}}
      no statement              | {"principalId":"alice","policyDocument":{"Version":"2012-10-17","Statement":[]}}
      lower-case effect         | {"principalId":"alice","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"allow","Resource":"ARN"}]}}
      another action            | {"principalId":"alice","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:*","Effect":"Allow","Resource":"ARN"}]}}
      another version           | {"principalId":"alice","policyDocument":{"Version":"2008-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"ARN"}]}}
      no principal              | {"policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"ARN"}]}}
      empty principal           | {"principalId":"","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"ARN"}]}}
      no policy document        | {"principalId":"alice"}
      context value not a text  | {"principalId":"alice","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"ARN"}]},"context":{"reason":{"nested":true}}}
      context with a newline    | {"principalId":"alice","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"ARN"}]},"context":{"reason":"A\\nB"}}
      """)
  void anAllowThatIsNotExactlyOneInvokeStatementForThisArnIsADeny(String name, String body) throws Exception {
    Verdict verdict = AuthorizerAnswer.check(EVENT, 200, json(body.replace("\"ARN\"", "\"" + ARN + "\"")));
    assertFalse(verdict.allow(), name);
    assertEquals(FailureReason.MALFORMED_ANSWER, verdict.failure());
    assertEquals(Verdict.NO_PRINCIPAL, verdict.principalId());
  }

  @Test
  void aBodyThatIsNotAJsonObjectIsADeny() {
    Verdict verdict = AuthorizerAnswer.check(EVENT, 200, null);
    assertFalse(verdict.allow());
    assertEquals(FailureReason.MALFORMED_ANSWER, verdict.failure());
  }

  @Test
  void theEventsArnIsReadFromMethodArnOrRouteArnAndNothingElse() {
    assertEquals(AuthorizerEvent.PayloadFormat.REST_REQUEST, AuthorizerEvent.read(Map.of("methodArn", ARN)).orElseThrow().format());
    assertEquals(AuthorizerEvent.PayloadFormat.HTTP_API_V2, AuthorizerEvent.read(Map.of("routeArn", ARN)).orElseThrow().format());
    assertTrue(AuthorizerEvent.read(Map.of("methodArn", "arn:aws:s3:::bucket")).isEmpty());
    assertTrue(AuthorizerEvent.read(Map.of("methodArn", 42)).isEmpty());
    assertTrue(AuthorizerEvent.read(Map.of()).isEmpty());
  }
}
