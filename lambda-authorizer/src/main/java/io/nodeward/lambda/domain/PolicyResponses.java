package io.nodeward.lambda.domain;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Verdict} in the shape API Gateway reads from a Lambda authorizer, built with aws-lambda-java-events'
 * response types: {@link IamPolicyResponseV1} for REST APIs, {@link IamPolicyResponse} for HTTP APIs (payload 2.0,
 * IAM policy format). Returned as a plain map for the JSON writer.
 */
public final class PolicyResponses {

  private PolicyResponses() {
  }

  public static Map<String, Object> of(Verdict verdict, AuthorizerEvent.PayloadFormat format) {
    Map<String, Object> context = new LinkedHashMap<>(verdict.context());
    Map<String, Object> document;
    if (format == AuthorizerEvent.PayloadFormat.HTTP_API_V2) {
      IamPolicyResponse.Statement statement = verdict.allow()
          ? IamPolicyResponse.allowStatement(verdict.resourceArn())
          : IamPolicyResponse.denyStatement(verdict.resourceArn());
      document = IamPolicyResponse.builder()
          .withPrincipalId(verdict.principalId())
          .withPolicyDocument(IamPolicyResponse.PolicyDocument.builder()
              .withVersion(IamPolicyResponse.VERSION_2012_10_17).withStatement(List.of(statement)).build())
          .withContext(context)
          .build().getPolicyDocument();
    } else {
      IamPolicyResponseV1.Statement statement = verdict.allow()
          ? IamPolicyResponseV1.allowStatement(verdict.resourceArn())
          : IamPolicyResponseV1.denyStatement(verdict.resourceArn());
      document = IamPolicyResponseV1.builder()
          .withPrincipalId(verdict.principalId())
          .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
              .withVersion(IamPolicyResponseV1.VERSION_2012_10_17).withStatement(List.of(statement)).build())
          .withContext(context)
          .build().getPolicyDocument();
    }
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("principalId", verdict.principalId());
    response.put("policyDocument", document);
    response.put("context", context);
    return response;
  }
}
