package io.nodeward.issuer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorsTest {

  private final PageCursors cursors = new PageCursors(key(1));

  @Test
  void aCursorRoundTripsForItsKind() {
    String cursor = cursors.encode(PageCursors.Kind.CERTIFICATES, "1764000000:5c1e");
    assertEquals(Optional.of("1764000000:5c1e"), cursors.decode(PageCursors.Kind.CERTIFICATES, cursor));
  }

  @Test
  void aNodeCursorIsNoCertificateCursor() {
    String cursor = cursors.encode(PageCursors.Kind.NODES, "node-1");
    assertTrue(cursors.decode(PageCursors.Kind.CERTIFICATES, cursor).isEmpty());
  }

  @Test
  void anEditedPositionIsRefused() {
    String genuine = cursors.encode(PageCursors.Kind.NODES, "node-1");
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("NODES:node-9".getBytes(StandardCharsets.US_ASCII))
        + genuine.substring(genuine.indexOf('.'));
    assertTrue(cursors.decode(PageCursors.Kind.NODES, forged).isEmpty());
  }

  @Test
  void aCursorFromAnotherInstallationIsRefused() {
    String other = new PageCursors(key(2)).encode(PageCursors.Kind.NODES, "node-1");
    assertTrue(cursors.decode(PageCursors.Kind.NODES, other).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "abc", "abc.def", "!!!.???", "Tk9ERVM6bm9kZS0x"})
  void garbageIsRefused(String garbage) {
    assertTrue(cursors.decode(PageCursors.Kind.NODES, garbage).isEmpty());
  }

  private static byte[] key(int fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }
}
