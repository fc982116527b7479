package io.nodeward.stack.compose;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.audit.config.AuditConfig;
import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.console.config.ConsoleConfig;
import io.nodeward.identity.DevIdentityConfig;
import io.nodeward.issuer.ca.GatewayTlsFiles;
import io.nodeward.issuer.config.IssuerConfig;
import io.nodeward.kit.config.Env;
import io.nodeward.kit.kafka.KafkaSettings;
import io.nodeward.stack.StackConfig;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's configuration tables name every variable a service reads, so the documentation cannot drift. */
class ConfigDocumentationTest {

  /** The variables some configs require, and the ones only read in another mode (ACM PCA). */
  private static final Map<String, String> REQUIRED = Map.of(
      "NODEWARD_PROFILE", "dev",
      "NODEWARD_AUTHORIZER_TRUST_CHAIN_PEM", "/x/ca.pem",
      "NODEWARD_AUTHORIZER_TLS_CERT_PEM", "/x/cert.pem",
      "NODEWARD_AUTHORIZER_TLS_KEY_PEM", "/x/key.pem");

  @Test
  void everyVariableAServiceReadsIsInTheReadme() throws Exception {
    Set<String> read = new TreeSet<>();
    read.addAll(asked(env -> IssuerConfig.fromEnv(env)));
    read.addAll(asked(env -> IssuerConfig.fromEnv(env.with(Map.of("NODEWARD_CA_BACKEND", "acm-pca",
        "NODEWARD_ACM_PCA_ARN", "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/x",
        "NODEWARD_ACM_PCA_ENDPOINT", "http://127.0.0.1:1")))));
    read.addAll(asked(GatewayTlsFiles.Settings::fromEnv));
    read.addAll(asked(AuthorizerConfig::fromEnv));
    read.addAll(asked(AuditConfig::fromEnv));
    read.addAll(asked(DevIdentityConfig::fromEnv));
    read.addAll(asked(ConsoleConfig::fromEnv));
    read.addAll(asked(StackConfig::fromEnv));
    read.addAll(asked(env -> KafkaSettings.fromEnv(env, "x")));
    String readme = Files.readString(ComposeFile.REPO.resolve("README.md"));
    Set<String> missing = read.stream().filter(name -> !readme.contains("`" + name + "`"))
        .collect(Collectors.toCollection(TreeSet::new));
    assertTrue(read.size() > 40, "found the variables: " + read);
    assertTrue(missing.isEmpty(), "README.md does not document " + missing);
  }

  private static Set<String> asked(Consumer<Env> config) {
    Env env = Env.of(REQUIRED);
    config.accept(env);
    return env.askedFor();
  }
}
