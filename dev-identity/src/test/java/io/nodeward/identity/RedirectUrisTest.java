package io.nodeward.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectUrisTest {

  private static final RedirectUris URIS = new RedirectUris(List.of("http://127.0.0.1:3000/callback"), List.of("nodeward-cli"));

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:49152/callback", "http://127.0.0.1:1/", "http://[::1]:8080/cb?x=1"})
  void theNativeClientMayUseAnyPortOnALoopbackAddress(String uri) {
    assertTrue(URIS.allows("nodeward-cli", uri));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://localhost:49152/callback",          // a name may resolve elsewhere (RFC 8252 §8.3)
      "https://127.0.0.1:49152/callback",         // loopback means plain http
      "http://127.0.0.1/callback",                // no port: not the app's listener
      "http://127.0.0.2:49152/callback",
      "http://127.0.0.1.attacker.example:80/cb",
      "http://user@127.0.0.1:49152/callback",
      "http://127.0.0.1:49152/callback#fragment",
      "http://127.0.0.1:49152",                   // no path
      "http://10.0.0.1:49152/callback",
      "not a uri at all"})
  void otherAddressesAreNotLoopbackRedirects(String uri) {
    assertFalse(URIS.allows("nodeward-cli", uri));
  }

  @Test
  void otherClientsGetOnlyTheRegisteredUris() {
    assertFalse(URIS.allows("nodeward-console", "http://127.0.0.1:49152/callback"));
    assertTrue(URIS.allows("nodeward-console", "http://127.0.0.1:3000/callback"));
    assertTrue(URIS.allows("nodeward-cli", "http://127.0.0.1:3000/callback"));
    assertFalse(URIS.allows("nodeward-cli", null));
  }
}
