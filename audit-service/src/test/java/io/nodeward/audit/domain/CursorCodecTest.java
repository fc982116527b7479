package io.nodeward.audit.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CursorCodecTest {

  private final CursorCodec codec = new CursorCodec(key(1));

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 999, Long.MAX_VALUE / 10})
  void aCursorRoundTrips(long sequence) {
    assertEquals(sequence, codec.decode(codec.encode(sequence)));
  }

  @Test
  void aCursorWithAnEditedSequenceIsRefused() {
    String genuine = codec.encode(50);
    String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"s\":5000}".getBytes(StandardCharsets.US_ASCII));
    String forged = forgedPayload + genuine.substring(genuine.indexOf('.'));
    assertEquals("INVALID_CURSOR", assertThrows(InvalidQueryException.class, () -> codec.decode(forged)).code());
  }

  @Test
  void aCursorFromAnotherKeyIsRefused() {
    String other = new CursorCodec(key(2)).encode(50);
    assertThrows(InvalidQueryException.class, () -> codec.decode(other));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "abc", "abc.def", "!!!.???", "eyJzIjo1fQ"})
  void garbageIsRefusedAsInvalidCursor(String garbage) {
    assertEquals("INVALID_CURSOR", assertThrows(InvalidQueryException.class, () -> codec.decode(garbage)).code());
  }

  private static byte[] key(int fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }
}
