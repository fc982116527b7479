package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The template's security facts (see {@link TemplateFacts}), and each check shown failing on a copy broken in
 * exactly that way, so a green run means the facts hold rather than that nothing was checked.
 */
class TemplateFactsTest {

  static final Template TEMPLATE = Template.read();

  static List<String> broken(Consumer<Template> breakIt) {
    Template copy = TEMPLATE.copy();
    breakIt.accept(copy);
    return TemplateFacts.of(copy);
  }

  static void assertCaught(String expectedFragment, List<String> violations) {
    assertTrue(violations.stream().anyMatch(v -> v.contains(expectedFragment)),
        "expected a violation containing '" + expectedFragment + "', got " + violations);
  }

  @Test
  void theTemplateHoldsEveryFact() {
    assertEquals(List.of(), TemplateFacts.of(TEMPLATE));
  }

  @Test
  void aNodesDomainWithoutMutualTlsIsCaught() {
    assertCaught("mutual-TLS truststore", broken(t ->
        ((ObjectNode) t.resource("NodesDomain").path("Properties")).remove("MutualTlsAuthentication")));
  }

  @Test
  void anOriginThatCannotTellTheGatewayFromOthersIsCaught() {
    assertCaught("no client certificate to the nodes' origin", broken(t ->
        ((ObjectNode) t.resource("NodesStage").path("Properties")).remove("ClientCertificateId")));
  }

  @Test
  void aCachedLambdaAuthorizerResultIsCaught() {
    assertCaught("TTL must be 0", broken(t ->
        ((ObjectNode) t.resource("NodesAuthorizer").path("Properties")).put("AuthorizerResultTtlInSeconds", 300)));
    assertCaught("TTL must be 0", broken(t ->
        ((ObjectNode) t.resource("NodesAuthorizer").path("Properties")).remove("AuthorizerResultTtlInSeconds")));
  }

  @Test
  void theDefaultExecuteApiEndpointLeftOpenIsCaught() {
    assertCaught("bypasses the domain's mTLS", broken(t ->
        ((ObjectNode) t.resource("NodesApi").path("Properties")).put("DisableExecuteApiEndpoint", false)));
  }

  @Test
  void aNodeRouteWithoutTheLambdaAuthorizerIsCaught() {
    assertCaught("without the nodeward Lambda authorizer", broken(t ->
        ((ObjectNode) t.resource("NodeProxyMethod").path("Properties")).put("AuthorizationType", "NONE")));
  }

  @Test
  void anIssuerRouteWithoutCognitoOrWithoutScopesIsCaught() {
    assertCaught("GenerateCertMethod reaches the issuer or audit service without the Cognito authorizer", broken(t ->
        ((ObjectNode) t.resource("GenerateCertMethod").path("Properties")).put("AuthorizationType", "NONE")));
    assertCaught("would accept ID tokens", broken(t ->
        ((ObjectNode) t.resource("V1ProxyMethod").path("Properties")).remove("AuthorizationScopes")));
  }

  @Test
  void anIssuerAllowedOnAnyCaOrAnyActionOrAnyTemplateIsCaught() {
    assertCaught("not scoped to the private CA", broken(t -> statement(t, 1).put("Resource", "*")));
    assertCaught("may call acm-pca:DeleteCertificateAuthority", broken(t ->
        ((ArrayNode) statement(t, 1).path("Action")).add("acm-pca:DeleteCertificateAuthority")));
    assertCaught("any template", broken(t -> statement(t, 0).remove("Condition")));
  }

  @Test
  void aWildcardResourceOrActionInAnyRoleIsCaught() {
    assertCaught("on *", broken(t -> ((ObjectNode) t.resource("LambdaRole").path("Properties").path("Policies")
        .path(0).path("PolicyDocument").path("Statement").path(0)).put("Resource", "*")));
    assertCaught("every action of a service", broken(t -> ((ObjectNode) t.resource("TaskExecutionRole")
        .path("Properties").path("Policies").path(0).path("PolicyDocument").path("Statement").path(0))
        .put("Action", "secretsmanager:*")));
    assertCaught("attaches managed policy", broken(t -> ((ArrayNode) t.resource("LambdaRole").path("Properties")
        .path("ManagedPolicyArns")).add("arn:aws:iam::aws:policy/AdministratorAccess")));
  }

  @Test
  void unencryptedDataIsCaught() {
    assertCaught("RDS database is not encrypted", broken(t ->
        ((ObjectNode) t.resource("Database").path("Properties")).put("StorageEncrypted", false)));
    assertCaught("MSK volumes", broken(t -> ((ObjectNode) t.resource("KafkaCluster").path("Properties")
        .path("EncryptionInfo")).remove("EncryptionAtRest")));
    assertCaught("TruststoreBucket is not encrypted", broken(t ->
        ((ObjectNode) t.resource("TruststoreBucket").path("Properties")).remove("BucketEncryption")));
    assertCaught("LambdaIdentitySecret is not encrypted", broken(t ->
        ((ObjectNode) t.resource("LambdaIdentitySecret").path("Properties")).remove("KmsKeyId")));
  }

  @Test
  void plaintextOrUnauthenticatedKafkaIsCaught() {
    assertCaught("without TLS", broken(t -> ((ObjectNode) t.resource("KafkaCluster").path("Properties")
        .path("EncryptionInfo").path("EncryptionInTransit")).put("ClientBroker", "TLS_PLAINTEXT")));
    assertCaught("unauthenticated", broken(t -> ((ObjectNode) t.resource("KafkaCluster").path("Properties")
        .path("ClientAuthentication").path("Unauthenticated")).put("Enabled", true)));
  }

  /** The Lambda the template deploys is the one this repository builds, configured by names it reads. */
  @Test
  void theLambdaHandlerAndItsVariablesAreTheModulesOwn() throws IOException {
    Path handler = Path.of("../../lambda-authorizer/src/main/java/io/nodeward/lambda/NodewardAuthorizerHandler.java");
    Path config = Path.of("../../lambda-authorizer/src/main/java/io/nodeward/lambda/config/LambdaConfig.java");
    var function = TEMPLATE.resource("AuthorizerFunction").path("Properties");
    assertEquals("io.nodeward.lambda.NodewardAuthorizerHandler::handleRequest", function.path("Handler").asText());
    assertTrue(Files.readString(handler).contains("implements RequestStreamHandler"));
    String configSource = Files.readString(config);
    function.path("Environment").path("Variables").fieldNames().forEachRemaining(name ->
        assertTrue(configSource.contains("\"" + name + "\""), name + " is not read by LambdaConfig"));
  }

  private static ObjectNode statement(Template t, int index) {
    return (ObjectNode) t.resource("IssuerTaskRole").path("Properties").path("Policies").path(0)
        .path("PolicyDocument").path("Statement").path(index);
  }
}
