package io.nodeward.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PkceTest {

  @Test
  void theChallengeIsRfc7636AppendixB() {
    assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
  }

  @Test
  void verifiersAreFreshAndWellFormed() {
    SecureRandom random = new SecureRandom();
    Pkce a = Pkce.create(random);
    Pkce b = Pkce.create(random);

    assertNotEquals(a.verifier(), b.verifier());
    assertTrue(a.verifier().matches("[A-Za-z0-9_-]{43}"), a.verifier());
    assertEquals(Pkce.challengeOf(a.verifier()), a.challenge());
    assertEquals("Pkce[S256]", a.toString(), "the verifier is never printed");
  }
}
