package io.nodeward.lambda.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** API Gateway's documented sample authorizer events (test resources under events/), filled in. */
public final class SampleEvents {

  public static final String REST_ARN_PREFIX = "arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/GET/nodes/";

  private SampleEvents() {
  }

  /** REST API REQUEST authorizer event with requestContext.identity.clientCert. */
  public static String rest(String nodeId, String clientCertPem) {
    return fill("events/rest-request-mtls.json", nodeId, clientCertPem);
  }

  /** HTTP API payload 2.0 with requestContext.authentication.clientCert. */
  public static String httpApi(String nodeId, String clientCertPem) {
    return fill("events/http-api-v2-request.json", nodeId, clientCertPem);
  }

  public static String arn(String nodeId) {
    return REST_ARN_PREFIX + nodeId + "/status";
  }

  private static String fill(String resource, String nodeId, String pem) {
    try (InputStream in = SampleEvents.class.getClassLoader().getResourceAsStream(resource)) {
      String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return template.replace("${NODE_ID}", nodeId).replace("${CLIENT_CERT_PEM}", pem.replace("\n", "\\n"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
