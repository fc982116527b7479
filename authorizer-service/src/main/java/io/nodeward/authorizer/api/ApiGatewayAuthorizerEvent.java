package io.nodeward.authorizer.api;

import io.nodeward.kit.http.Problems;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * The parts of an API Gateway REQUEST authorizer event (with mutual TLS) that the decision needs, read and
 * checked at the edge; nothing past here touches the raw JSON.
 */
record ApiGatewayAuthorizerEvent(String methodArn, String clientCertPem, String nodeId, String method, String path,
    String sourceIp) {

  /** arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{resource path} */
  private static final Pattern METHOD_ARN = Pattern.compile("arn:aws[a-z-]*:execute-api:[a-z0-9-]+:\\d{12}:[A-Za-z0-9]+/[^/\\s]+/[A-Z*]+(/[^\\s]*)?");
  private static final int MAX_PEM = 16 * 1024;

  static ApiGatewayAuthorizerEvent parse(JsonObject body) {
    if (body == null) {
      throw Problems.malformedJson();
    }
    String methodArn = text(body, "methodArn");
    if (methodArn == null || methodArn.length() > 2048 || !METHOD_ARN.matcher(methodArn).matches()) {
      throw Problems.badRequest("MALFORMED_AUTHORIZER_EVENT", "methodArn is missing or not an execute-api ARN.");
    }
    JsonObject requestContext = object(body, "requestContext");
    JsonObject identity = requestContext == null ? null : object(requestContext, "identity");
    JsonObject clientCert = identity == null ? null : object(identity, "clientCert");
    String pem = clientCert == null ? null : text(clientCert, "clientCertPem");
    if (pem == null || pem.length() > MAX_PEM || !pem.contains("-----BEGIN CERTIFICATE-----")) {
      throw Problems.badRequest("MALFORMED_AUTHORIZER_EVENT",
          "requestContext.identity.clientCert.clientCertPem is missing or not a PEM certificate.");
    }
    JsonObject pathParameters = object(body, "pathParameters");
    String nodeId = pathParameters == null ? null : text(pathParameters, "nodeId");
    String path = text(body, "path");
    if (path == null && requestContext != null) {
      path = text(requestContext, "resourcePath");
    }
    String method = text(body, "httpMethod");
    if (method == null && requestContext != null) {
      method = text(requestContext, "httpMethod");
    }
    if (nodeId == null && path == null) {
      throw Problems.badRequest("MALFORMED_AUTHORIZER_EVENT", "Neither pathParameters.nodeId nor path names the node.");
    }
    return new ApiGatewayAuthorizerEvent(methodArn, pem, nodeId, method == null ? "GET" : method,
        path == null ? "/nodes/" + nodeId : path, identity == null ? null : text(identity, "sourceIp"));
  }

  private static String text(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value != null && !(value instanceof String)) {
      throw Problems.badRequest("MALFORMED_AUTHORIZER_EVENT", key + " must be a string.");
    }
    return (String) value;
  }

  private static JsonObject object(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value != null && !(value instanceof JsonObject)) {
      throw Problems.badRequest("MALFORMED_AUTHORIZER_EVENT", key + " must be an object.");
    }
    return (JsonObject) value;
  }
}
