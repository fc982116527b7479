package io.nodeward.authorizer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPathTest {

  @ParameterizedTest(name = "{0} targets node {1} with rest {2}")
  @CsvSource({
      "/nodes/node-1/status, node-1, /status",
      "/nodes/node-1, node-1, /",
      "/nodes/node-1/, node-1, /",
      "/nodes/n/a/b.txt, n, /a/b.txt",
      "/nodes/node-1/a%20b, node-1, /a%20b",
  })
  void aWellFormedPathNamesItsNodeAndTheRest(String path, String node, String rest) {
    TargetPath target = TargetPath.parse(path);
    assertEquals(node, target.nodeId());
    assertEquals(rest, target.rest());
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(strings = {
      "/nodes/../admin", "/nodes/%2e%2e/admin", "/nodes/%2E%2E/admin", "/nodes/.%2e/x", "/nodes/node-1%2f..%2fnode-2/x",
      "/nodes/node-1%2Fx", "/nodes/Node-1/x", "/nodes//x", "/nodes/", "/nodes", "/other/node-1", "/",
      "/nodes/node-1/../node-2/x", "/nodes/node-1/%2e%2e/node-2", "/nodes/node-1/a/%2E./b", "/nodes/node-1/./x",
      "/nodes/node-1/a%2fb", "/nodes/node-1/a%5cb", "/nodes/node-1/a\\b", "/nodes/node-1/a%00",
      "/nodes/node_1/x", "/nodes/-node/x"})
  void pathTraversalAndMalformedTargetsAreRefused(String path) {
    assertNull(TargetPath.parse(path));
  }

  /** Issue 13.11: each of these passed before (an upstream behind a decoding hop, or Tomcat, reads a traversal). */
  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(strings = {
      "/nodes/node-1/..;/node-2/x", "/nodes/node-1/a;b/c", "/nodes/node-1/x;jsessionid=1", "/nodes/node-1/..%3b/x",
      "/nodes/node-1/%252e%252e/node-2", "/nodes/node-1/%252E%252E/node-2", "/nodes/node-1/a%252fb",
      "/nodes/node-1/a%255cb", "/nodes/node-1/%25252e%25252e/x", "/nodes/node-1/%25%32%65%25%32%65/x",
      "/nodes/node-1/x%2500", "/nodes/node-1;/x"})
  void pathParametersAndDoubleEncodingAreRefused(String path) {
    assertNull(TargetPath.parse(path));
  }
}
