package io.nodeward.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateIdentityTest {

  @Test
  void formatsAndParsesBothWays() {
    CertificateIdentity id = new CertificateIdentity("nodeward.local", "3f9c2a1e-7b4d-4c8e-9a0f-2d6b8e1c5a73", "demo-node-1");
    String uri = id.toUri();
    assertEquals("spiffe://nodeward.local/user/3f9c2a1e-7b4d-4c8e-9a0f-2d6b8e1c5a73/node/demo-node-1", uri);
    assertEquals(id, CertificateIdentity.parse(uri).orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "a,CN=admin",          // DN injection
      "a+UID=root",
      "a;b",
      "a=b",
      "a\"b",
      "a<b>",
      "#a",
      "..",
      "a/../b",
      "a/b",
      "-leading",
      "trailing-",
      "UPPER",               // node ids are lower-case DNS labels
      "nоde",                // Cyrillic 'о': a look-alike
      "node\u0000",
      "node\n",
      "node 1",
      "a%2fb",
      "ａｂｃ",               // full-width
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"  // 64 characters
  })
  void hostileNodeIdsAreRejected(String nodeId) {
    assertFalse(Identifiers.isNodeId(nodeId));
    assertThrows(IllegalArgumentException.class, () -> new CertificateIdentity("nodeward.local", "alice", nodeId));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "alice,O=evil", "al/ice", "..", "ali ce", "аlice", "alice\u200b", "_alice", "alice.",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void hostileUserIdsAreRejected(String userId) {
    assertFalse(Identifiers.isUserId(userId));
    assertThrows(IllegalArgumentException.class, () -> new CertificateIdentity("nodeward.local", userId, "n1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "demo-node-1", "n0", "a-b-c"})
  void wellFormedNodeIdsAreAccepted(String nodeId) {
    assertTrue(Identifiers.isNodeId(nodeId));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "spiffe://nodeward.local/user/alice/node/n1/extra",
      "spiffe://nodeward.local/user/alice/node/",
      "spiffe://nodeward.local/node/n1/user/alice",
      "spiffe://nodeward.local/user/alice/node/n1?x=1",
      "spiffe://nodeward.local/user/alice/node/n1#f",
      "spiffe://nodeward.local:443/user/alice/node/n1",
      "spiffe://bob@nodeward.local/user/alice/node/n1",
      "spiffe://nodeward.local/user/al%69ce/node/n1",
      "spiffe://nodeward.local/user/../node/n1",
      "https://nodeward.local/user/alice/node/n1",
      "SPIFFE://nodeward.local/user/alice/node/n1",
      "spiffe:///user/alice/node/n1",
      "spiffe://nodeward.local//user/alice/node/n1"
  })
  void malformedIdentityUrisAreNotIdentities(String uri) {
    assertTrue(CertificateIdentity.parse(uri).isEmpty(), uri);
  }
}
