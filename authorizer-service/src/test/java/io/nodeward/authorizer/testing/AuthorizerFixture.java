package io.nodeward.authorizer.testing;

import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.authorizer.config.TlsEngine;
import io.nodeward.kit.kafka.KafkaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A CA, the gateway's server certificate on disk, and the configuration pointing at them and a broker. */
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

  public AuthorizerConfig config(String bootstrapServers, Path dataDir, Duration maxStaleness) {
    return config(bootstrapServers, dataDir, maxStaleness, TlsEngine.AUTO);
  }

  public AuthorizerConfig config(String bootstrapServers, Path dataDir, Duration maxStaleness, TlsEngine engine) {
    KafkaSettings kafka = new KafkaSettings(bootstrapServers, "authorizer-test", Duration.ofSeconds(10),
        Duration.ofMillis(50));
    return new AuthorizerConfig(kafka, TestPki.TRUST_DOMAIN, dataDir, "127.0.0.1", 0, "127.0.0.1", 0, trustChain,
        serverCert, serverKey, engine, maxStaleness, Duration.ofMillis(100), 64L * 1024 * 1024,
        Duration.ofSeconds(2), "authorizer-test", 2);
  }

  public AuthorizerConfig config(String bootstrapServers) {
    return config(bootstrapServers, dir.resolve("data"), Duration.ofSeconds(5));
  }
}
