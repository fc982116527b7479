package io.nodeward.authorizer.api;

import io.nodeward.kit.http.Problems;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * The parts of an API Gateway REQUEST authorizer event (with mutual TLS) that the decision needs, read and
 * checked at the edge; nothing past here touches the raw JSON. REST APIs (payload 1.0: {@code methodArn},
 * {@code requestContext.identity.clientCert}) and HTTP APIs (payload 2.0: {@code routeArn},
 * {@code requestContext.authentication.clientCert}, {@code rawPath}) are both read.
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
    if (methodArn == null) {
      methodArn = text(body, "routeArn");
    }
    if (methodArn == null || methodArn.length() > 2048 || !METHOD_ARN.matcher(methodArn).matches()) {
      throw Problems.badRequest("MALFORMED_AUTHORIZER_EVENT", "methodArn is missing or not an execute-api ARN.");
    }
    JsonObject requestContext = object(body, "requestContext");
    JsonObject identity = requestContext == null ? null : object(requestContext, "identity");
    JsonObject clientCert = identity == null ? null : object(identity, "clientCert");
    if (clientCert == null && requestContext != null) {
      JsonObject authentication = object(requestContext, "authentication");
      clientCert = authentication == null ? null : object(authentication, "clientCert");
    }
    String pem = clientCert == null ? null : text(clientCert, "clientCertPem");
    if (pem == null || pem.length() > MAX_PEM || !pem.contains("-----BEGIN CERTIFICATE-----")) {
      throw Problems.badRequest("MALFORMED_AUTHORIZER_EVENT",
          "requestContext.identity.clientCert.clientCertPem is missing or not a PEM certificate.");
    }
    JsonObject pathParameters = object(body, "pathParameters");
    String nodeId = pathParameters == null ? null : text(pathParameters, "nodeId");
    String path = text(body, "path");
    if (path == null) {
      path = text(body, "rawPath");
    }
    if (path == null && requestContext != null) {
      path = text(requestContext, "resourcePath");
    }
    String method = text(body, "httpMethod");
    if (method == null && requestContext != null) {
      method = text(requestContext, "httpMethod");
    }
    JsonObject http = requestContext == null ? null : object(requestContext, "http");
    if (method == null && http != null) {
      method = text(http, "method");
    }
    if (nodeId == null && path == null) {
      throw Problems.badRequest("MALFORMED_AUTHORIZER_EVENT", "Neither pathParameters.nodeId nor path names the node.");
    }
    return new ApiGatewayAuthorizerEvent(methodArn, pem, nodeId, method == null ? "GET" : method,
        path == null ? "/nodes/" + nodeId : path, sourceIp(identity, http));
  }

  private static String sourceIp(JsonObject identity, JsonObject http) {
    if (identity != null && identity.getValue("sourceIp") instanceof String ip) {
      return ip;
    }
    return http != null && http.getValue("sourceIp") instanceof String ip ? ip : null;
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
