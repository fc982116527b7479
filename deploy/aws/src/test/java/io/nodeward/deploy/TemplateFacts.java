package io.nodeward.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts of the AWS deployment that matter for security, read from the template; each broken fact is one
 * sentence in {@link #violations()}. Kept apart from the test so the test can also show each check failing.
 */
final class TemplateFacts {

  /** Routes of the issuer/audit API that need no token, and why: the CA chain is public. */
  static final Set<String> PUBLIC_CONTROL_METHODS = Set.of("V1CaMethod");
  /** AWS managed policies the template attaches, each because its actions exist only on "*". */
  static final Set<String> ALLOWED_MANAGED_POLICIES = Set.of(
      "service-role/AmazonECSTaskExecutionRolePolicy",   // ecr:GetAuthorizationToken
      "service-role/AWSLambdaVPCAccessExecutionRole");   // ec2:CreateNetworkInterface and friends
  static final Set<String> ISSUER_PCA_ACTIONS = Set.of("acm-pca:IssueCertificate", "acm-pca:GetCertificate",
      "acm-pca:RevokeCertificate", "acm-pca:GetCertificateAuthorityCertificate");

  private final Template template;
  private final List<String> violations = new ArrayList<>();

  private TemplateFacts(Template template) {
    this.template = template;
  }

  static List<String> of(Template template) {
    TemplateFacts facts = new TemplateFacts(template);
    facts.nodesDomainRequiresMutualTls();
    facts.lambdaAuthorizersCacheNothing();
    facts.everyApiIsReachedOnlyThroughItsDomain();
    facts.nodeRoutesGoThroughTheLambdaAuthorizer();
    facts.issuerAndAuditRoutesNeedACognitoAccessToken();
    facts.issuerMayUseOnlyItsCa();
    facts.noWildcardResourcesOrActions();
    facts.dataIsEncryptedAtRest();
    facts.kafkaNeedsTlsAndScram();
    return facts.violations;
  }

  private void violation(String sentence) {
    violations.add(sentence);
  }

  private void nodesDomainRequiresMutualTls() {
    JsonNode domain = template.resource("NodesDomain").path("Properties");
    String uri = domain.path("MutualTlsAuthentication").path("TruststoreUri").path("Fn::Sub").asText("");
    if (!uri.startsWith("s3://${TruststoreBucket}/")) {
      violation("the nodes domain has no mutual-TLS truststore in the template's S3 bucket");
    }
    if (!"NodesOriginClientCertificate".equals(Template.ref(
        template.resource("NodesStage").path("Properties").path("ClientCertificateId")))) {
      violation("API Gateway presents no client certificate to the nodes' origin, which cannot tell it from others");
    }
    if (!"TLS_1_2".equals(domain.path("SecurityPolicy").asText())) {
      violation("the nodes domain does not require TLS 1.2");
    }
    for (Map.Entry<String, JsonNode> mapping : template.resources("AWS::ApiGateway::BasePathMapping")) {
      JsonNode properties = mapping.getValue().path("Properties");
      boolean nodesApi = "NodesApi".equals(Template.ref(properties.path("RestApiId")));
      boolean nodesDomain = "NodesDomain".equals(Template.ref(properties.path("DomainName")));
      if (nodesApi != nodesDomain) {
        violation(mapping.getKey() + " maps the nodes API on another domain, or another API on the mTLS domain");
      }
    }
  }

  private void lambdaAuthorizersCacheNothing() {
    for (Map.Entry<String, JsonNode> authorizer : template.resources("AWS::ApiGateway::Authorizer")) {
      JsonNode properties = authorizer.getValue().path("Properties");
      String type = properties.path("Type").asText();
      if (("REQUEST".equals(type) || "TOKEN".equals(type))
          && !(properties.path("AuthorizerResultTtlInSeconds").isInt()
              && properties.path("AuthorizerResultTtlInSeconds").asInt() == 0)) {
        violation(authorizer.getKey() + " caches Lambda authorizer results (TTL must be 0: revocation is real time)");
      }
    }
  }

  private void everyApiIsReachedOnlyThroughItsDomain() {
    for (Map.Entry<String, JsonNode> api : template.resources("AWS::ApiGateway::RestApi")) {
      if (!api.getValue().path("Properties").path("DisableExecuteApiEndpoint").asBoolean(false)) {
        violation(api.getKey() + " keeps the default execute-api endpoint, which bypasses the domain's mTLS");
      }
    }
  }

  private void nodeRoutesGoThroughTheLambdaAuthorizer() {
    boolean any = false;
    for (Map.Entry<String, JsonNode> method : methodsOf("NodesApi")) {
      any = true;
      JsonNode properties = method.getValue().path("Properties");
      if (!"CUSTOM".equals(properties.path("AuthorizationType").asText())
          || !"NodesAuthorizer".equals(Template.ref(properties.path("AuthorizerId")))) {
        violation(method.getKey() + " reaches a node without the nodeward Lambda authorizer");
      }
    }
    if (!any) {
      violation("the nodes API has no route");
    }
  }

  private void issuerAndAuditRoutesNeedACognitoAccessToken() {
    Set<String> seen = new java.util.HashSet<>();
    for (Map.Entry<String, JsonNode> method : methodsOf("ControlApi")) {
      JsonNode properties = method.getValue().path("Properties");
      String resource = Template.ref(properties.path("ResourceId"));
      seen.add(resource);
      if (PUBLIC_CONTROL_METHODS.contains(method.getKey())) {
        continue;
      }
      if (!"COGNITO_USER_POOLS".equals(properties.path("AuthorizationType").asText())
          || !"CognitoAuthorizer".equals(Template.ref(properties.path("AuthorizerId")))) {
        violation(method.getKey() + " reaches the issuer or audit service without the Cognito authorizer");
      }
      // Without scopes API Gateway's Cognito authorizer accepts ID tokens; with them, access tokens only.
      if (!properties.path("AuthorizationScopes").isArray() || properties.path("AuthorizationScopes").isEmpty()) {
        violation(method.getKey() + " names no OAuth scope, so it would accept ID tokens");
      }
    }
    for (String required : List.of("GenerateCertResource", "V1ProxyResource", "V1AuditProxyResource")) {
      if (!seen.contains(required)) {
        violation("no method on " + required + " (/generate-cert, /v1/*, /v1/audit/*)");
      }
    }
    JsonNode cognito = template.resource("CognitoAuthorizer").path("Properties");
    if (!"COGNITO_USER_POOLS".equals(cognito.path("Type").asText())) {
      violation("CognitoAuthorizer is not a Cognito user pool authorizer");
    }
  }

  private void issuerMayUseOnlyItsCa() {
    JsonNode statements = template.resource("IssuerTaskRole").path("Properties").path("Policies").path(0)
        .path("PolicyDocument").path("Statement");
    Set<String> granted = new java.util.HashSet<>();
    for (JsonNode statement : statements) {
      JsonNode resource = statement.path("Resource");
      JsonNode choice = resource.path("Fn::If");
      boolean scopedToCa = choice.isArray() && "CreateCa".equals(choice.path(0).asText())
          && "CertificateAuthority".equals(Template.ref(choice.path(1)))
          && "ExistingCertificateAuthorityArn".equals(Template.ref(choice.path(2)));
      if (!scopedToCa) {
        violation("an issuer statement is not scoped to the private CA's ARN: " + resource);
      }
      for (String action : actions(statement)) {
        granted.add(action);
        if (!ISSUER_PCA_ACTIONS.contains(action)) {
          violation("the issuer may call " + action);
        }
      }
      if (actions(statement).contains("acm-pca:IssueCertificate")
          && !statement.path("Condition").path("StringEquals").path("acm-pca:TemplateArn").path("Fn::Sub")
              .asText("").endsWith("template/EndEntityClientAuthCertificate/V1")) {
        violation("the issuer may issue certificates with any template (a CA certificate, say)");
      }
    }
    if (!granted.containsAll(ISSUER_PCA_ACTIONS)) {
      violation("the issuer lacks one of " + ISSUER_PCA_ACTIONS);
    }
  }

  private void noWildcardResourcesOrActions() {
    for (Map.Entry<String, JsonNode> role : template.resources("AWS::IAM::Role")) {
      JsonNode properties = role.getValue().path("Properties");
      for (JsonNode policy : properties.path("Policies")) {
        for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
          checkStatement(role.getKey(), statement);
        }
      }
      for (JsonNode managed : properties.path("ManagedPolicyArns")) {
        String arn = managed.path("Fn::Sub").asText(managed.asText());
        if (ALLOWED_MANAGED_POLICIES.stream().noneMatch(arn::endsWith)) {
          violation(role.getKey() + " attaches managed policy " + arn + " (only the two whose actions need *)");
        }
      }
    }
    for (Map.Entry<String, JsonNode> policy : template.resources("AWS::IAM::Policy")) {
      for (JsonNode statement : policy.getValue().path("Properties").path("PolicyDocument").path("Statement")) {
        checkStatement(policy.getKey(), statement);
      }
    }
  }

  private void checkStatement(String owner, JsonNode statement) {
    if (!"Allow".equals(statement.path("Effect").asText())) {
      return;
    }
    JsonNode resources = statement.path("Resource");
    for (JsonNode resource : resources.isArray() ? resources : List.of(resources)) {
      if (resource.isTextual() && resource.asText().contains("*")) {
        violation(owner + " allows " + actions(statement) + " on " + resource.asText());
      }
    }
    for (String action : actions(statement)) {
      if (action.equals("*") || action.endsWith(":*")) {
        violation(owner + " allows every action of a service: " + action);
      }
    }
  }

  private static List<String> actions(JsonNode statement) {
    JsonNode action = statement.path("Action");
    List<String> actions = new ArrayList<>();
    if (action.isArray()) {
      action.forEach(a -> actions.add(a.asText()));
    } else if (action.isTextual()) {
      actions.add(action.asText());
    }
    return actions;
  }

  private void dataIsEncryptedAtRest() {
    JsonNode database = template.resource("Database").path("Properties");
    if (!database.path("StorageEncrypted").asBoolean(false) || Template.ref(database.path("KmsKeyId")) == null) {
      violation("the RDS database is not encrypted at rest with the data key");
    }
    if (database.path("PubliclyAccessible").asBoolean(true)) {
      violation("the RDS database is publicly accessible");
    }
    if (template.resource("KafkaCluster").path("Properties").path("EncryptionInfo").path("EncryptionAtRest")
        .path("DataVolumeKMSKeyId").isMissingNode()) {
      violation("MSK volumes are not encrypted with the data key");
    }
    for (Map.Entry<String, JsonNode> bucket : template.resources("AWS::S3::Bucket")) {
      JsonNode rule = bucket.getValue().path("Properties").path("BucketEncryption")
          .path("ServerSideEncryptionConfiguration").path(0).path("ServerSideEncryptionByDefault");
      if (!"aws:kms".equals(rule.path("SSEAlgorithm").asText())) {
        violation(bucket.getKey() + " is not encrypted at rest with KMS");
      }
    }
    for (Map.Entry<String, JsonNode> secret : template.resources("AWS::SecretsManager::Secret")) {
      if (Template.ref(secret.getValue().path("Properties").path("KmsKeyId")) == null) {
        violation(secret.getKey() + " is not encrypted with the data key");
      }
    }
    if (!template.resource("DataKey").path("Properties").path("EnableKeyRotation").asBoolean(false)) {
      violation("the data key does not rotate");
    }
  }

  private void kafkaNeedsTlsAndScram() {
    JsonNode properties = template.resource("KafkaCluster").path("Properties");
    JsonNode transit = properties.path("EncryptionInfo").path("EncryptionInTransit");
    if (!"TLS".equals(transit.path("ClientBroker").asText()) || !transit.path("InCluster").asBoolean(false)) {
      violation("MSK accepts clients or brokers without TLS");
    }
    JsonNode auth = properties.path("ClientAuthentication");
    if (!auth.path("Sasl").path("Scram").path("Enabled").asBoolean(false)
        || auth.path("Unauthenticated").path("Enabled").asBoolean(true)) {
      violation("MSK accepts unauthenticated clients (SCRAM must be on, unauthenticated off)");
    }
  }

  private List<Map.Entry<String, JsonNode>> methodsOf(String api) {
    return template.resources("AWS::ApiGateway::Method").stream()
        .filter(method -> api.equals(Template.ref(method.getValue().path("Properties").path("RestApiId"))))
        .toList();
  }
}
