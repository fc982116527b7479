package io.nodeward.kit.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PemTest {

  private static PrivateKey key(String algorithm) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    if (algorithm.equals("EC")) {
      generator.initialize(new ECGenParameterSpec("secp256r1"));
    } else {
      generator.initialize(2048);
    }
    KeyPair pair = generator.generateKeyPair();
    return pair.getPrivate();
  }

  @ParameterizedTest
  @ValueSource(strings = {"EC", "RSA"})
  void privateKeysAreWrittenAsPkcs8AndReadBack(String algorithm) throws Exception {
    PrivateKey key = key(algorithm);
    for (String pem : new String[] {Pem.privateKey(key), Pem.write(key)}) {
      assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem);
      assertArrayEquals(key.getEncoded(), Pem.readPrivateKey(pem).getEncoded());
    }
  }

  @Test
  void somethingElseIsNotACertificate() {
    assertThrows(IllegalArgumentException.class, () -> Pem.readCertificates("-----BEGIN NONSENSE-----\nAA==\n-----END NONSENSE-----\n"));
    assertThrows(IllegalArgumentException.class, () -> Pem.readCertificates(""));
    assertThrows(IllegalArgumentException.class, () -> Pem.readCsr("not pem"));
  }
}
