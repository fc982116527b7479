package io.nodeward.authorizer.api;

import io.nodeward.authorizer.app.AccessAuthorization;
import io.nodeward.authorizer.app.AccessRequest;
import io.nodeward.authorizer.domain.CertificateFacts;
import io.nodeward.authorizer.domain.RequestFacts;
import io.nodeward.authorizer.domain.TargetPath;
import io.nodeward.events.AccessDecided;
import io.nodeward.events.Effect;
import io.nodeward.kit.http.Problems;
import io.nodeward.kit.tls.Pem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.X509Certificate;

/**
 * {@code POST /authorize}: the API Gateway REQUEST authorizer contract, for a caller {@link AuthorizeCallerCheck}
 * let through. The same {@link AccessAuthorization} as the gateway decides, and the decision event names the
 * caller; the answer is the IAM policy API Gateway enforces. A certificate that does not chain to the nodeward CA
 * is denied as UNKNOWN_CERTIFICATE.
 */
final class AuthorizeHandler implements Handler<RoutingContext> {

  private final AccessAuthorization authorization;
  private final String trustDomain;

  AuthorizeHandler(AccessAuthorization authorization, String trustDomain) {
    this.authorization = authorization;
    this.trustDomain = trustDomain;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ApiGatewayAuthorizerEvent event = ApiGatewayAuthorizerEvent.parse(jsonBody(ctx));
    X509Certificate certificate = certificate(event.clientCertPem());
    AccessRequest request = AccessRequest.presented(certificate, CertificateFacts.from(certificate, trustDomain),
        target(event), new RequestFacts(event.method(), event.path(), event.sourceIp(), null),
        ctx.get(AuthorizeCallerCheck.CALLER));
    authorization.decide(request)
        .onSuccess(outcome -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
            .end(policy(event.methodArn(), outcome.decision()).encode()))
        .onFailure(ctx::fail);
  }

  /** The node named by the path parameter, and by the path when both are given: they must agree. */
  private static String target(ApiGatewayAuthorizerEvent event) {
    TargetPath fromPath = event.path() == null ? null : TargetPath.parse(event.path());
    if (event.nodeId() != null) {
      boolean pathAgrees = event.path() == null || fromPath != null && fromPath.nodeId().equals(event.nodeId());
      return pathAgrees ? event.nodeId() : null;
    }
    return fromPath == null ? null : fromPath.nodeId();
  }

  private static JsonObject jsonBody(RoutingContext ctx) {
    try {
      return ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      throw Problems.malformedJson();
    }
  }

  private static X509Certificate certificate(String pem) {
    try {
      return Pem.readCertificate(pem);
    } catch (RuntimeException e) {
      throw Problems.badRequest("MALFORMED_AUTHORIZER_EVENT", "clientCertPem is not a readable X.509 certificate.");
    }
  }

  /** The Lambda authorizer answer (IAM policy, Version 2012-10-17); context values are strings only. */
  static JsonObject policy(String methodArn, AccessDecided record) {
    JsonObject context = new JsonObject()
        .put("reason", record.reason().name())
        .put("decisionId", record.decisionId());
    if (record.userId() != null) {
      context.put("userId", record.userId());
    }
    if (record.nodeId() != null) {
      context.put("nodeId", record.nodeId());
    }
    return new JsonObject()
        .put("principalId", record.userId() != null ? record.userId() : "anonymous")
        .put("policyDocument", new JsonObject()
            .put("Version", "2012-10-17")
            .put("Statement", new JsonArray().add(new JsonObject()
                .put("Action", "execute-api:Invoke")
                .put("Effect", record.effect() == Effect.ALLOW ? "Allow" : "Deny")
                .put("Resource", methodArn))))
        .put("context", context);
  }
}
