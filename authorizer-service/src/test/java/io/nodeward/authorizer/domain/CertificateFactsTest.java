package io.nodeward.authorizer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.authorizer.testing.TestPki;
import io.nodeward.authorizer.testing.TestPki.ClientSpec;
import io.nodeward.authorizer.testing.TestPki.Eku;
import io.nodeward.authorizer.testing.TestPki.Issued;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Extraction from real certificates minted by BouncyCastle. */
class CertificateFactsTest {

  static TestPki pki;

  @BeforeAll
  static void ca() {
    pki = TestPki.create("facts-test-ca");
  }

  @Test
  void aGoodCertificateYieldsItsIdentitySerialValidityAndFingerprint() {
    Issued cert = pki.client("alice", "node-1");
    CertificateFacts facts = CertificateFacts.from(cert.certificate(), TestPki.TRUST_DOMAIN);

    assertEquals("alice", facts.identity().userId());
    assertEquals("node-1", facts.identity().nodeId());
    assertEquals(cert.serial(), facts.serial());
    assertEquals(cert.fingerprint(), facts.fingerprintSha256());
    assertEquals(cert.certificate().getNotAfter().toInstant(), facts.notAfter());
    assertTrue(facts.clientAuth());
  }

  static Stream<Arguments> identityless() {
    return Stream.of(
        Arguments.of("no SAN at all", (UnaryOperator<ClientSpec>) s -> s.withSanUri(null)),
        Arguments.of("a SAN of another trust domain",
            (UnaryOperator<ClientSpec>) s -> s.withSanUri("spiffe://evil.example/user/alice/node/node-1")),
        Arguments.of("a SAN with an extra segment",
            (UnaryOperator<ClientSpec>) s -> s.withSanUri("spiffe://nodeward.local/user/alice/node/node-1/x")),
        Arguments.of("a SAN with percent-encoding",
            (UnaryOperator<ClientSpec>) s -> s.withSanUri("spiffe://nodeward.local/user/alice/node/node%2d1")),
        Arguments.of("a second URI SAN for another node",
            (UnaryOperator<ClientSpec>) s -> s.withExtraSanUri("spiffe://nodeward.local/user/alice/node/node-2")),
        Arguments.of("an https URI instead of spiffe",
            (UnaryOperator<ClientSpec>) s -> s.withSanUri("https://nodeward.local/user/alice/node/node-1")));
  }

  @ParameterizedTest(name = "a certificate with {0} has no identity")
  @MethodSource("identityless")
  void certificatesWithoutExactlyOneValidIdentitySanHaveNone(String name, UnaryOperator<ClientSpec> change) {
    Issued cert = pki.client(change.apply(ClientSpec.of("alice", "node-1")));
    assertNull(CertificateFacts.from(cert.certificate(), TestPki.TRUST_DOMAIN).identity());
  }

  @Test
  void aCertificateWithoutAnyEkuOrWithServerAuthOnlyLacksClientAuth() {
    Issued none = pki.client(ClientSpec.of("alice", "node-1").withEku(Eku.NONE));
    Issued server = pki.client(ClientSpec.of("alice", "node-1").withEku(Eku.SERVER_AUTH_ONLY));
    assertFalse(CertificateFacts.from(none.certificate(), TestPki.TRUST_DOMAIN).clientAuth());
    assertFalse(CertificateFacts.from(server.certificate(), TestPki.TRUST_DOMAIN).clientAuth());
  }
}
