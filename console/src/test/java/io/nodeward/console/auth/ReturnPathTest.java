package io.nodeward.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnPathTest {

  @ParameterizedTest
  @ValueSource(strings = {"/", "/nodes", "/certificates?nodeId=demo-node-1&status=active", "/audit/events/42"})
  void aPathOnTheConsoleIsKept(String path) {
    assertEquals(path, ReturnPath.sanitize(path));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)",
      "nodes", "/a b", "/a\r\nSet-Cookie: x=1", "/\u0000"})
  void anythingElseGoesHome(String path) {
    assertEquals("/", ReturnPath.sanitize(path));
  }

  @org.junit.jupiter.api.Test
  void nullAndOverlongGoHome() {
    assertEquals("/", ReturnPath.sanitize(null));
    assertEquals("/", ReturnPath.sanitize("/" + "a".repeat(3000)));
  }
}
