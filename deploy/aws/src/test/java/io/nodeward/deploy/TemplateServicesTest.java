package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodeward.audit.config.AuditConfig;
import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.issuer.config.IssuerConfig;
import io.nodeward.kit.config.Env;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The environment each ECS task definition gives a service is one that service's own configuration reads and
 * accepts (as stack's ComposeFileTest holds compose to the code): a renamed or misspelt variable in the template
 * fails here, not in an AWS account. Values CloudFormation computes stand in as plausible literals.
 */
class TemplateServicesTest {

  static final Template TEMPLATE = Template.read();

  /**
   * Variables the template sets ahead of the code that reads them, each with the issue that adds it. A variable
   * that becomes read simply stops being pending; one that is neither read nor listed fails the test.
   */
  static final Map<String, Set<String>> PENDING = Map.of(
      "issuer", Set.of(),
      "authorizer", Set.of(),
      "audit", Set.of());

  static final Map<String, String> STAND_INS = Map.of(
      "NODEWARD_KAFKA_BOOTSTRAP", "b-1.events.abc123.c2.kafka.eu-west-1.amazonaws.com:9096",
      "NODEWARD_ACM_PCA_ARN", "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/0b2c3d4e-1111-2222-3333-444455556666",
      "NODEWARD_ACM_PCA_REGION", "eu-west-1",
      "NODEWARD_CERT_MAX_VALIDITY", "7d",
      "NODEWARD_COGNITO_ISSUER", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123",
      "NODEWARD_COGNITO_CLIENT_IDS", "1example23456789,2example23456789",
      "NODEWARD_TRUST_DOMAIN", "nodeward.local",
      "NODEWARD_AUTHORIZER_AUTHORIZE_CLIENTS", "spiffe://nodeward.local/service/lambda-authorizer");

  /** The task's container environment and secrets (names from the template, values literal or stood in). */
  static Map<String, String> environment(String taskId, String container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode definition : TEMPLATE.resource(taskId).path("Properties").path("ContainerDefinitions")) {
      if (!container.equals(definition.path("Name").asText())) {
        continue;
      }
      for (JsonNode variable : definition.path("Environment")) {
        String name = variable.path("Name").asText();
        JsonNode value = variable.path("Value");
        env.put(name, value.isTextual() ? value.asText() : STAND_INS.getOrDefault(name, "stand-in-" + name));
      }
      for (JsonNode secret : definition.path("Secrets")) {
        env.put(secret.path("Name").asText(), "secret-value");
      }
    }
    if (env.isEmpty()) {
      throw new AssertionError("no container " + container + " in " + taskId);
    }
    return env;
  }

  @ParameterizedTest
  @ValueSource(strings = {"issuer", "authorizer", "audit"})
  void everyVariableATaskSetsIsReadAndAcceptedByItsService(String service) {
    Map<String, String> env = environment(Character.toUpperCase(service.charAt(0)) + service.substring(1) + "Task",
        service);
    Consumer<Env> config = switch (service) {
      case "issuer" -> IssuerConfig::fromEnv;
      case "authorizer" -> AuthorizerConfig::fromEnv;
      default -> e -> AuditConfig.fromEnv(e);
    };
    if (service.equals("audit")) {
      // The audit task composes its JDBC URL from the database secret at start (see its Command).
      String command = TEMPLATE.resource("AuditTask").path("Properties").path("ContainerDefinitions").path(0)
          .path("Command").path(0).asText();
      assertTrue(command.contains("export NODEWARD_AUDIT_JDBC_URL=\"jdbc:postgresql://"), command);
      env.remove("DB_HOST");
      env.remove("DB_USER");
      env.remove("DB_PASSWORD");
      // ...and writes its checkpoint key from its secret to NODEWARD_AUDIT_LOG_KEY_FILE, outside the data directory.
      assertTrue(command.contains("> \"$NODEWARD_AUDIT_LOG_KEY_FILE\" && unset AUDIT_LOG_KEY_PEM"), command);
      env.remove("AUDIT_LOG_KEY_PEM");
      env.put("NODEWARD_AUDIT_JDBC_URL", "jdbc:postgresql://db.example:5432/nodeward?user=nodeward&password=x&sslmode=require");
    }
    Env read = Env.of(env);
    config.accept(read);

    Set<String> unread = new TreeSet<>(env.keySet());
    unread.removeAll(read.askedFor());
    unread.removeAll(PENDING.get(service));
    assertEquals(Set.of(), unread, service + ": set by the template but read by no configuration");
  }
}
