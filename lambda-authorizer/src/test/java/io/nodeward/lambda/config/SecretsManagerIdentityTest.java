package io.nodeward.lambda.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.lambda.testing.LambdaInvoker;
import io.nodeward.lambda.testing.SampleEvents;
import io.nodeward.lambda.testing.ScriptedAuthorizeServer;
import io.nodeward.lambda.testing.SecretsManagerEndpoint;
import io.nodeward.lambda.testing.TestCa;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The identity read from Secrets Manager by the real AWS SDK, against a local endpoint of its wire protocol. */
class SecretsManagerIdentityTest {

  static final TestCa PKI = TestCa.create("nodeward-test-ca");
  static final TestCa.Issued LAMBDA = PKI.client("spiffe://nodeward.local/service/lambda-authorizer");
  static SecretsManagerEndpoint secrets;
  static ScriptedAuthorizeServer authorizer;

  @BeforeAll
  static void start() {
    secrets = SecretsManagerEndpoint.start();
    authorizer = ScriptedAuthorizeServer.start(PKI.server(), PKI, PKI);
  }

  @AfterAll
  static void stop() {
    secrets.close();
    authorizer.close();
  }

  static Map<String, String> env(String secretId) {
    Map<String, String> env = new HashMap<>();
    env.put("NODEWARD_LAMBDA_AUTHORIZE_URL", authorizer.uri().toString());
    env.put("NODEWARD_LAMBDA_TIMEOUT", "20s");
    env.put("NODEWARD_LAMBDA_IDENTITY_SECRET", secretId);
    env.put("NODEWARD_LAMBDA_SECRETS_ENDPOINT", secrets.uri().toString());
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    env.put("AWS_SESSION_TOKEN", "session-token");
    return env;
  }

  static String identityJson(TestCa.Issued client) {
    return "{\"certificatePem\":\"" + json(client.certPem()) + "\",\"privateKeyPem\":\"" + json(client.keyPem())
        + "\",\"caChainPem\":\"" + json(PKI.pem()) + "\"}";
  }

  static String json(String pem) {
    return pem.replace("\n", "\\n");
  }

  @Test
  void theLambdaReadsItsIdentityFromTheSecretWithASignedRequestAndUsesIt() {
    secrets.put("nodeward/lambda-identity", identityJson(LAMBDA));
    authorizer.answer(200, "{\"principalId\":\"alice\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{"
        + "\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":\"" + SampleEvents.arn("node-1") + "\"}]}}");
    int before = secrets.calls().size();

    LambdaInvoker lambda = new LambdaInvoker(env("nodeward/lambda-identity"));

    SecretsManagerEndpoint.Call call = secrets.calls().get(before);
    assertEquals("secretsmanager.GetSecretValue", call.target());
    assertTrue(call.authorization().startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), call.authorization());
    assertTrue(call.authorization().contains("/eu-west-1/secretsmanager/aws4_request"), call.authorization());
    assertTrue(call.body().contains("\"SecretId\":\"nodeward/lambda-identity\""));
    assertEquals("Allow", lambda.invoke(SampleEvents.rest("node-1", LAMBDA.certPem())).effect());
    assertEquals("spiffe://nodeward.local/service/lambda-authorizer",
        authorizer.clientUris().get(authorizer.clientUris().size() - 1));
  }

  @Test
  void aMissingSecretFailsTheColdStartNamingTheVariable() {
    LambdaConfigException e = assertThrows(LambdaConfigException.class, () -> new LambdaInvoker(env("no-such-secret")));
    assertTrue(e.getMessage().startsWith("NODEWARD_LAMBDA_IDENTITY_SECRET"), e.getMessage());
  }

  @Test
  void aSecretThatIsNotTheIdentityFailsTheColdStartWithoutShowingItsValue() {
    secrets.put("nodeward/wrong-shape", "{\"privateKeyPem\":\"-----BEGIN PRIVATE KEY-----TOPSECRET\"}");
    LambdaConfigException e = assertThrows(LambdaConfigException.class, () -> new LambdaInvoker(env("nodeward/wrong-shape")));
    assertTrue(e.getMessage().startsWith("NODEWARD_LAMBDA_IDENTITY_SECRET"), e.getMessage());
    assertFalse(e.getMessage().contains("TOPSECRET"), e.getMessage());

    secrets.put("nodeward/not-json", "TOPSECRET");
    LambdaConfigException notJson = assertThrows(LambdaConfigException.class,
        () -> new LambdaInvoker(env("nodeward/not-json")));
    assertFalse(notJson.getMessage().contains("TOPSECRET"), notJson.getMessage());
  }
}
