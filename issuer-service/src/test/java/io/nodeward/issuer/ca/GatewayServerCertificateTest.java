package io.nodeward.issuer.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.issuer.domain.CertificateProfile;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's server certificate from the local CA: serverAuth only, exactly the names asked for. */
class GatewayServerCertificateTest {

  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

  @TempDir
  Path dir;

  private LocalCa open(Vertx vertx) throws Exception {
    return LocalCa.open(vertx, dir, "pw-for-tests-only".toCharArray(),
            CertificateProfile.clientAuth("nodeward.local", Duration.ofDays(7), Duration.ofDays(30)), Clock.systemUTC())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static KeyPair ecKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  @Test
  void serverCertificateChainsToTheCaAndServesOnlyTls() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      LocalCa ca = open(vertx);
      KeyPair key = ecKey();
      X509Certificate cert = ca.signServerCertificate(key.getPublic(), List.of("localhost"),
          List.of(InetAddress.getByName("127.0.0.1")), Duration.ofDays(90));
      cert.verify(ca.caChain().get(0).getPublicKey());
      assertEquals(List.of(SERVER_AUTH), cert.getExtendedKeyUsage());
      assertEquals(-1, cert.getBasicConstraints(), "not a CA");
      Set<String> names = cert.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString())
          .collect(Collectors.toSet());
      assertEquals(Set.of("localhost", "127.0.0.1"), names);
      assertTrue(cert.getNotAfter().toInstant().isAfter(java.time.Instant.now().plus(Duration.ofDays(89))));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void wildcardsAndJunkNamesAreRefused() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      LocalCa ca = open(vertx);
      KeyPair key = ecKey();
      for (String bad : List.of("*.nodeward.local", "a b", "evil.com/x", "", "UPPER.example")) {
        assertThrows(IllegalArgumentException.class,
            () -> ca.signServerCertificate(key.getPublic(), List.of(bad), List.of(), Duration.ofDays(1)), bad);
      }
      assertThrows(IllegalArgumentException.class,
          () -> ca.signServerCertificate(key.getPublic(), List.of(), List.of(), Duration.ofDays(1)));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
