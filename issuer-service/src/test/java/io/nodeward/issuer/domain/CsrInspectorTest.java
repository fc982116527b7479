package io.nodeward.issuer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nodeward.events.IssuanceRefusal;
import io.nodeward.events.KeyAlgorithm;
import io.nodeward.issuer.testing.TestCsrs;
import io.nodeward.kit.tls.Pem;
import java.security.KeyPair;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsrInspectorTest {

  private static KeyPair rsa2048;
  private static KeyPair p256;

  @BeforeAll
  static void keys() {
    rsa2048 = TestCsrs.rsa(2048);
    p256 = TestCsrs.ec("secp256r1");
  }

  static Stream<Arguments> acceptedKeys() {
    return Stream.of(
        Arguments.of(TestCsrs.rsa(2048), KeyAlgorithm.RSA_2048),
        Arguments.of(TestCsrs.rsa(3072), KeyAlgorithm.RSA_3072),
        Arguments.of(TestCsrs.ec("secp256r1"), KeyAlgorithm.EC_P256),
        Arguments.of(TestCsrs.ec("secp384r1"), KeyAlgorithm.EC_P384));
  }

  @ParameterizedTest
  @MethodSource("acceptedKeys")
  void aCsrSignedWithAStrongKeyIsAcceptedAndItsKeyClassified(KeyPair pair, KeyAlgorithm expected) {
    InspectedCsr inspected = CsrInspector.inspect(TestCsrs.csrPem(pair));

    assertEquals(expected, inspected.keyAlgorithm());
    assertEquals(pair.getPublic(), inspected.publicKey());
  }

  @Test
  void aCsrWhoseSignatureDoesNotVerifyIsRefusedAsInvalid() {
    IssuanceRefusedException refused =
        assertThrows(IssuanceRefusedException.class, () -> CsrInspector.inspect(TestCsrs.tamperedCsrPem(p256)));
    assertEquals(IssuanceRefusal.INVALID_CSR, refused.reason());
  }

  @Test
  void aCsrSignedByAnotherKeyThanItCarriesIsRefused() throws Exception {
    // Proof of possession: the CSR names rsa2048's public key but is signed by a different key.
    var builder = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
        new org.bouncycastle.asn1.x500.X500Name("CN=x"), rsa2048.getPublic());
    var csr = builder.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
        .build(TestCsrs.rsa(2048).getPrivate()));

    IssuanceRefusedException refused =
        assertThrows(IssuanceRefusedException.class, () -> CsrInspector.inspect(Pem.write(csr)));
    assertEquals(IssuanceRefusal.INVALID_CSR, refused.reason());
  }

  @Test
  void anRsa1024KeyIsRefusedAsWeak() {
    IssuanceRefusedException refused =
        assertThrows(IssuanceRefusedException.class, () -> CsrInspector.inspect(TestCsrs.csrPem(TestCsrs.rsa(1024))));
    assertEquals(IssuanceRefusal.WEAK_KEY, refused.reason());
  }

  @Test
  void aKeyOnAnotherCurveThanP256OrP384IsRefusedAsWeak() {
    IssuanceRefusedException refused = assertThrows(IssuanceRefusedException.class,
        () -> CsrInspector.inspect(TestCsrs.csrPem(TestCsrs.ec("secp521r1"))));
    assertEquals(IssuanceRefusal.WEAK_KEY, refused.reason());
  }

  @Test
  void aSha1SignedCsrIsRefused() {
    String pem = Pem.write(TestCsrs.csr(rsa2048, "CN=x", null, "SHA1withRSA"));

    IssuanceRefusedException refused = assertThrows(IssuanceRefusedException.class, () -> CsrInspector.inspect(pem));
    assertEquals(IssuanceRefusal.INVALID_CSR, refused.reason());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "not a csr", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
      "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIGmYz5sb0lS6m7n3T7rCqk8I6H2kR7i9yGQvyx0aZ1dd\n-----END PRIVATE KEY-----\n"})
  void textThatIsNotExactlyOneCsrIsRefusedAsInvalid(String pem) {
    IssuanceRefusedException refused = assertThrows(IssuanceRefusedException.class, () -> CsrInspector.inspect(pem));
    assertEquals(IssuanceRefusal.INVALID_CSR, refused.reason());
  }

  @Test
  void twoCsrsInOnePemAreRefused() {
    String two = TestCsrs.csrPem(p256) + TestCsrs.csrPem(p256);

    assertEquals(IssuanceRefusal.INVALID_CSR,
        assertThrows(IssuanceRefusedException.class, () -> CsrInspector.inspect(two)).reason());
  }

  @Test
  void anOversizedPemIsRefusedBeforeParsing() {
    String huge = TestCsrs.csrPem(p256) + "x".repeat(CsrInspector.MAX_PEM_CHARS);

    assertEquals(IssuanceRefusal.INVALID_CSR,
        assertThrows(IssuanceRefusedException.class, () -> CsrInspector.inspect(huge)).reason());
  }

  @Test
  void theRefusalDetailNeverEchoesTheCallersInput() {
    String hostile = "<script>alert(1)</script>";

    IssuanceRefusedException refused = assertThrows(IssuanceRefusedException.class, () -> CsrInspector.inspect(hostile));
    assertFalse(refused.detail().contains("script"));
  }
}
