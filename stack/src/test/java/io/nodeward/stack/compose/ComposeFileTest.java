package io.nodeward.stack.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodeward.audit.config.AuditConfig;
import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.console.config.ConsoleConfig;
import io.nodeward.identity.DevIdentityConfig;
import io.nodeward.issuer.ca.GatewayTlsFiles;
import io.nodeward.issuer.config.IssuerConfig;
import io.nodeward.kit.config.Env;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No Docker engine runs here, so compose/docker-compose.yml is held to the code instead: every variable it sets
 * is one the service reads and accepts, ports, paths and volumes line up, and the pieces point at each other.
 */
class ComposeFileTest {

  private static final List<String> NODEWARD_SERVICES = List.of("dev-identity", "issuer", "authorizer", "audit");
  private static ComposeFile compose;

  @BeforeAll
  static void read() throws Exception {
    compose = ComposeFile.read();
  }

  /** Builds the service's config from the compose environment, exactly as its main does. */
  private static Object configOf(String service, Env env) {
    return switch (service) {
      case "issuer" -> List.of(IssuerConfig.fromEnv(env), GatewayTlsFiles.Settings.fromEnv(env));
      case "authorizer" -> AuthorizerConfig.fromEnv(env);
      case "audit" -> AuditConfig.fromEnv(env);
      case "dev-identity" -> DevIdentityConfig.fromEnv(env);
      case "console" -> ConsoleConfig.fromEnv(env);
      default -> throw new IllegalArgumentException(service);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev-identity", "issuer", "authorizer", "audit", "console"})
  void everyVariableComposeSetsIsOneTheServiceReadsAndAccepts(String service) {
    Map<String, String> variables = compose.environment(service);
    Env env = Env.of(variables);
    configOf(service, env); // throws ConfigException naming the variable if a value is not accepted
    Set<String> unread = variables.keySet().stream()
        .filter(name -> name.startsWith("NODEWARD_"))
        .filter(name -> !env.askedFor().contains(name))
        .collect(Collectors.toCollection(TreeSet::new));
    assertTrue(unread.isEmpty(), service + " never reads " + unread + " (a typo, or a variable that was renamed)");
  }

  @Test
  void publishedPortsAreTheOnesTheServicesListenOn() {
    assertEquals(Set.of(9229), Set.copyOf(compose.publishedContainerPorts("dev-identity")));
    assertEquals(Set.of(DevIdentityConfig.fromEnv(env("dev-identity")).port()),
        Set.copyOf(compose.publishedContainerPorts("dev-identity")));
    IssuerConfig issuer = IssuerConfig.fromEnv(env("issuer"));
    assertEquals(Set.of(issuer.port(), issuer.renewal().port()), Set.copyOf(compose.publishedContainerPorts("issuer")));
    AuthorizerConfig authorizer = AuthorizerConfig.fromEnv(env("authorizer"));
    assertEquals(Set.of(authorizer.gatewayPort(), authorizer.adminPort()),
        Set.copyOf(compose.publishedContainerPorts("authorizer")));
    assertEquals(Set.of(AuditConfig.fromEnv(env("audit")).port()), Set.copyOf(compose.publishedContainerPorts("audit")));
    assertEquals(Set.of(ConsoleConfig.fromEnv(env("console")).port()), Set.copyOf(compose.publishedContainerPorts("console")));
  }

  @Test
  void servicesListenOnAllInterfacesInsideTheirContainers() {
    assertEquals("0.0.0.0", DevIdentityConfig.fromEnv(env("dev-identity")).host());
    assertEquals("0.0.0.0", IssuerConfig.fromEnv(env("issuer")).host());
    AuthorizerConfig authorizer = AuthorizerConfig.fromEnv(env("authorizer"));
    assertEquals("0.0.0.0", authorizer.gatewayHost());
    assertEquals("0.0.0.0", authorizer.adminHost());
    assertEquals("0.0.0.0", AuditConfig.fromEnv(env("audit")).host());
    assertEquals("0.0.0.0", ConsoleConfig.fromEnv(env("console")).host());
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev-identity", "issuer", "authorizer", "audit"})
  void everyPathTheServiceUsesLivesOnAVolume(String service) {
    Map<String, String> mounts = compose.mounts(service);
    compose.environment(service).forEach((name, value) -> {
      if (name.equals("NODEWARD_DATA_DIR") || name.endsWith("_DIR") || name.endsWith("_PEM")) {
        Path path = Path.of(value);
        assertTrue(mounts.keySet().stream().anyMatch(target -> path.startsWith(target)),
            service + ": " + name + "=" + value + " is not on a mounted volume " + mounts.keySet());
      }
    });
  }

  @Test
  void theAuthorizerTrustsAndServesWhatTheIssuerWrites() {
    Map<String, String> issuer = compose.environment("issuer");
    Map<String, String> authorizer = compose.environment("authorizer");
    Path pki = Path.of(issuer.get("NODEWARD_ISSUER_GATEWAY_TLS_DIR"));
    assertEquals(pki.resolve(GatewayTlsFiles.CHAIN_FILE).toString(), authorizer.get("NODEWARD_AUTHORIZER_TRUST_CHAIN_PEM"));
    assertEquals(pki.resolve(GatewayTlsFiles.CERT_FILE).toString(), authorizer.get("NODEWARD_AUTHORIZER_TLS_CERT_PEM"));
    assertEquals(pki.resolve(GatewayTlsFiles.KEY_FILE).toString(), authorizer.get("NODEWARD_AUTHORIZER_TLS_KEY_PEM"));
    String volume = compose.mounts("issuer").get(pki.toString());
    assertEquals(volume, compose.mounts("authorizer").get(pki.toString()), "the same volume in both");
    assertTrue(compose.service("authorizer").path("volumes").toString().contains(volume + ":" + pki + ":ro"),
        "the authorizer mounts the PKI read-only");
    assertTrue(issuer.get("NODEWARD_ISSUER_GATEWAY_TLS_NAMES").contains("authorizer"),
        "the gateway certificate names the host other containers dial");
    assertFalse(compose.mounts("authorizer").containsValue("issuer-data"), "the CA keystore stays with the issuer");
  }

  @Test
  void everyServiceReachesKafkaWhereKafkaAdvertisesItself() {
    String advertised = compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS");
    for (String service : List.of("issuer", "authorizer", "audit")) {
      String bootstrap = compose.environment(service).get("NODEWARD_KAFKA_BOOTSTRAP");
      assertTrue(advertised.endsWith("//" + bootstrap), service + " dials " + bootstrap + ", kafka advertises " + advertised);
    }
  }

  @Test
  void servicesTrustTheIssuerThatDevIdentityPutsInItsTokens() {
    DevIdentityConfig idp = DevIdentityConfig.fromEnv(env("dev-identity"));
    String tokenIssuer = idp.issuerBase() + "/" + idp.poolId();
    Set<String> clients = Set.copyOf(idp.clientIds());
    for (String service : List.of("issuer", "audit")) {
      Map<String, String> env = compose.environment(service);
      assertEquals(tokenIssuer, env.get("NODEWARD_COGNITO_ISSUER"), service);
      assertTrue(clients.containsAll(List.of(env.get("NODEWARD_COGNITO_CLIENT_IDS").split(","))), service);
      URI issuer = URI.create(tokenIssuer);
      assertTrue(compose.services().has(issuer.getHost()), "the token issuer's host is a compose service");
    }
  }

  @Test
  void theAuditStoreIsThePostgresService() {
    Map<String, String> postgres = compose.environment("postgres");
    AuditConfig audit = AuditConfig.fromEnv(env("audit"));
    assertEquals(AuditConfig.StoreKind.POSTGRES, audit.store());
    URI url = URI.create(audit.jdbcUrl().substring("jdbc:".length()));
    assertEquals("postgres", url.getHost());
    assertEquals("/" + postgres.get("POSTGRES_DB"), url.getPath());
    assertTrue(url.getQuery().contains("user=" + postgres.get("POSTGRES_USER")));
    assertTrue(url.getQuery().contains("password=" + postgres.get("POSTGRES_PASSWORD")), "same password default on both sides");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev-identity", "issuer", "authorizer", "audit", "console"})
  void everyServiceIsBuiltFromAModuleWithARunnableJar(String service) throws Exception {
    JsonNode build = compose.service(service).path("build");
    assertEquals("..", build.path("context").asText(), "built from the repository root");
    String module = build.path("args").path("MODULE").asText();
    Path pom = ComposeFile.REPO.resolve(module).resolve("pom.xml");
    assertTrue(Files.exists(pom), module + " is a module");
    String pomText = Files.readString(pom);
    assertTrue(pomText.contains("<nodeward.main>") && pomText.contains("<id>dist</id>"), module + " builds a runnable jar in -Pdist");
    String dockerfile = Files.readString(ComposeFile.REPO.resolve("Dockerfile"));
    assertTrue(dockerfile.contains("${MODULE}-all.jar") && dockerfile.contains("-Pdist"));
    assertTrue(dockerfile.contains("COPY " + module + " " + module), "the Dockerfile copies " + module);
  }

  @Test
  void everyServiceHasAHealthCheckAndWaitsForHealthyDependencies() {
    compose.services().fieldNames().forEachRemaining(name -> {
      JsonNode service = compose.service(name);
      assertFalse(service.path("healthcheck").path("test").isMissingNode(), name + " has a health check");
      service.path("depends_on").fields().forEachRemaining(dep -> {
        assertTrue(compose.services().has(dep.getKey()), name + " depends on a service that exists");
        assertEquals("service_healthy", dep.getValue().path("condition").asText(), name + " waits for health");
      });
    });
  }

  @Test
  void namedVolumesAreDeclaredAndUsed() {
    Set<String> used = new HashSet<>();
    compose.services().fieldNames().forEachRemaining(name -> compose.mounts(name).values().stream()
        .filter(source -> !source.startsWith(".") && !source.startsWith("/")) // bind mounts of files in compose/
        .forEach(used::add));
    assertEquals(new TreeSet<>(compose.declaredVolumes()), new TreeSet<>(used));
  }

  @Test
  void eachNodewardServiceKeepsItsOwnDataVolume() {
    Set<String> dataVolumes = new HashSet<>();
    for (String service : NODEWARD_SERVICES) {
      String dataDir = compose.environment(service).get("NODEWARD_DATA_DIR");
      assertTrue(dataVolumes.add(compose.mounts(service).get(dataDir)), service + " shares its data volume");
    }
  }

  @Test
  void theHostedUiSendsBrowsersBackToTheConsoleAndTheConsoleTrustsThePoolItSignsInto() {
    ConsoleConfig console = ConsoleConfig.fromEnv(env("console"));
    DevIdentityConfig identity = DevIdentityConfig.fromEnv(env("dev-identity"));
    String published = "http://127.0.0.1:" + compose.service("console").path("ports").get(0).asText().split(":")[1];

    assertEquals(published, console.publicUrl(console.port()).toString(), "the console's public URL is where it is published");
    assertTrue(identity.redirectUris().contains(published + "/callback"), identity.redirectUris().toString());
    assertTrue(identity.logoutUris().contains(published + "/signed-out"), identity.logoutUris().toString());
    assertEquals(identity.issuerBase() + "/" + identity.poolId(), console.cognito().issuer());
    assertEquals(URI.create(identity.issuerBase()), console.hostedUiBackchannelUrl(), "the console redeems codes by service name");
    assertEquals("http://127.0.0.1:" + identity.port(), console.hostedUiUrl().toString(), "browsers use the published port");
    assertEquals(URI.create("http://issuer:" + IssuerConfig.fromEnv(env("issuer")).port()), console.issuerUrl());
    assertEquals(URI.create("http://audit:" + AuditConfig.fromEnv(env("audit")).port()), console.auditUrl());
  }

  private static Env env(String service) {
    return Env.of(compose.environment(service));
  }
}
