package io.nodeward.authorizer.testing;

import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.authorizer.config.TlsEngine;
import io.nodeward.kit.config.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A CA, the gateway's server certificate on disk, and the configuration pointing at them and a broker. The
 * configuration is read from an environment like the service's own, so tests see every default and validation.
 */
public final class AuthorizerFixture {

  public final TestPki pki = TestPki.create("nodeward-test-ca");
  public final TestPki otherPki = TestPki.create("some-other-ca");
  public final Path dir;
  public final Path trustChain;
  public final Path serverCert;
  public final Path serverKey;

  public AuthorizerFixture() {
    try {
      dir = Files.createTempDirectory("authorizer-test");
      TestPki.Issued server = pki.server();
      trustChain = Files.writeString(dir.resolve("ca.pem"), pki.caPem());
      serverCert = Files.writeString(dir.resolve("server.pem"), server.certPem());
      serverKey = Files.writeString(dir.resolve("server.key"), server.keyPem());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The test environment: ephemeral ports, short intervals, two gateway event loops. */
  public Map<String, String> env(String bootstrapServers, Path dataDir, Duration maxStaleness, TlsEngine engine) {
    Map<String, String> env = new HashMap<>();
    env.put("NODEWARD_PROFILE", "dev"); // a plaintext loopback broker
    env.put("NODEWARD_KAFKA_BOOTSTRAP", bootstrapServers);
    env.put("NODEWARD_KAFKA_DELIVERY_TIMEOUT", "10s");
    env.put("NODEWARD_TRUST_DOMAIN", TestPki.TRUST_DOMAIN);
    env.put("NODEWARD_DATA_DIR", dataDir.toString());
    env.put("NODEWARD_AUTHORIZER_GATEWAY_PORT", "0");
    env.put("NODEWARD_AUTHORIZER_ADMIN_PORT", "0");
    env.put("NODEWARD_AUTHORIZER_TRUST_CHAIN_PEM", trustChain.toString());
    env.put("NODEWARD_AUTHORIZER_TLS_CERT_PEM", serverCert.toString());
    env.put("NODEWARD_AUTHORIZER_TLS_KEY_PEM", serverKey.toString());
    env.put("NODEWARD_AUTHORIZER_TLS_ENGINE", engine.name());
    env.put("NODEWARD_AUTHORIZER_MAX_STALENESS", maxStaleness.toMillis() + "ms");
    env.put("NODEWARD_AUTHORIZER_FRESHNESS_INTERVAL", "100ms");
    env.put("NODEWARD_AUTHORIZER_SPOOL_MAX_BYTES", Long.toString(64L * 1024 * 1024));
    env.put("NODEWARD_AUTHORIZER_DECISION_DELIVERY_TIMEOUT", "2s");
    env.put("NODEWARD_AUTHORIZER_INSTANCE_ID", "authorizer-test");
    env.put("NODEWARD_AUTHORIZER_GATEWAY_INSTANCES", "2");
    return env;
  }

  public AuthorizerConfig config(Map<String, String> env) {
    return AuthorizerConfig.fromEnv(Env.of(env));
  }

  public AuthorizerConfig config(String bootstrapServers, Path dataDir, Duration maxStaleness) {
    return config(bootstrapServers, dataDir, maxStaleness, TlsEngine.AUTO);
  }

  public AuthorizerConfig config(String bootstrapServers, Path dataDir, Duration maxStaleness, TlsEngine engine) {
    return config(env(bootstrapServers, dataDir, maxStaleness, engine));
  }

  public AuthorizerConfig config(String bootstrapServers) {
    return config(bootstrapServers, dir.resolve("data"), Duration.ofSeconds(5));
  }
}
