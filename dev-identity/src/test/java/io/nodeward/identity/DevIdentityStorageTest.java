package io.nodeward.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.kit.auth.CognitoConfig;
import io.nodeward.kit.auth.CognitoTokenVerifier;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What dev-identity keeps on disk: users without plaintext passwords, a private key only its owner reads, both surviving restarts. */
class DevIdentityStorageTest {

  @TempDir
  Path dataDir;
  Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  /** One fixed port for both runs: the issuer contains it, and a restart must keep the issuer. */
  DevIdentityConfig config() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return DevIdentityConfig.forTests(dataDir).withPort(socket.getLocalPort());
    }
  }

  @Test
  void theUsersFileHoldsSlowSaltedHashesAndNoPassword() throws Exception {
    DevIdentityProvider idp = Await.result(DevIdentityProvider.start(vertx, DevIdentityConfig.forTests(dataDir)));
    Await.result(idp.tokens().addUser("erin", "erin-secret-password", "erin@example.org", List.of()));
    Await.result(idp.close());

    String file = Files.readString(dataDir.resolve("dev-identity/users.json"));
    for (DevUsers.Credentials seed : DevUsers.SEED) {
      assertFalse(file.contains(seed.password()), "plaintext password of " + seed.username());
    }
    assertFalse(file.contains("erin-secret-password"));
    JsonArray users = new JsonObject(file).getJsonArray("users");
    assertEquals(5, users.size());
    Set<String> salts = new java.util.HashSet<>();
    for (Object entry : users) {
      String[] hash = ((JsonObject) entry).getString("passwordHash").split("\\$");
      assertEquals("pbkdf2-sha256", hash[0]);
      assertTrue(Integer.parseInt(hash[1]) >= 100_000, "iterations");
      salts.add(hash[2]);
    }
    assertEquals(5, salts.size(), "every user has its own salt");
  }

  @Test
  void theSigningKeyIsAPkcs8PemOnlyItsOwnerCanRead() throws Exception {
    DevIdentityProvider idp = Await.result(DevIdentityProvider.start(vertx, DevIdentityConfig.forTests(dataDir)));
    Await.result(idp.rotateSigningKey());
    Await.result(idp.close());

    List<Path> keys;
    try (Stream<Path> files = Files.list(dataDir.resolve("dev-identity/keys"))) {
      keys = files.sorted().toList();
    }
    assertEquals(2, keys.size());
    for (Path key : keys) {
      assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }
  }

  @Test
  void tokensAndUsersSurviveARestart() throws Exception {
    DevIdentityConfig config = config();
    DevIdentityProvider first = Await.result(DevIdentityProvider.start(vertx, config));
    Tokens before = Await.result(first.tokens().signIn("bob", DevUsers.BOB.password(), first.clientIds().get(0)));
    String kid = first.tokens().currentKeyId();
    Await.result(first.close());

    DevIdentityProvider second = Await.result(DevIdentityProvider.start(vertx, config));
    CognitoTokenVerifier verifier = CognitoTokenVerifier.create(vertx, CognitoConfig.of(second.issuer(), Set.of(second.clientIds().get(0))));
    try {
      Tokens after = Await.result(second.tokens().signIn("bob", DevUsers.BOB.password(), second.clientIds().get(0)));

      assertEquals(kid, second.tokens().currentKeyId());
      assertEquals("bob", Await.result(verifier.verify(before.accessToken())).username());
      assertEquals(Forge.payload(before.accessToken()).getString("sub"), Forge.payload(after.accessToken()).getString("sub"));
    } finally {
      Await.result(verifier.close());
      Await.result(second.close());
    }
  }
}
