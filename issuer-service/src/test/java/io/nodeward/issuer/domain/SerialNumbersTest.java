package io.nodeward.issuer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SerialNumbersTest {

  @ParameterizedTest
  @CsvSource({
      "deadbeef, deadbeef",
      "01DEADBEEF, 1deadbeef",
      "01:DE:AD:BE:EF, 1deadbeef",
      "01:de:ad:be:ef, 1deadbeef",
      "'01 de ad be ef', 1deadbeef",
      "0, 0",
      "0000, 0",
      "5C1E0F9A7B3D2C48E6F1A0B9C8D7E6F5A4B3C2D1, 5c1e0f9a7b3d2c48e6f1a0b9c8d7e6f5a4b3c2d1",
      "00:5C:1E:0F:9A:7B:3D:2C:48:E6:F1:A0:B9:C8:D7:E6:F5:A4:B3:C2:D1, 5c1e0f9a7b3d2c48e6f1a0b9c8d7e6f5a4b3c2d1",
  })
  void serialsAsPeopleCopyThemBecomeCanonical(String input, String canonical) {
    assertEquals(Optional.of(canonical), SerialNumbers.normalize(input));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not-hex", "0x1234", "12:34:", ":12:34", "1:2:3", "12::34", "12-34", "12:34 56x",
      "serial=01DEADBEEF", "../etc", "%00", "1deadbeef1deadbeef1deadbeef1deadbeef1deadbeef"})
  void anythingElseIsNoSerial(String input) {
    assertTrue(SerialNumbers.normalize(input).isEmpty(), input);
  }

  @ParameterizedTest
  @ValueSource(ints = {65, 200})
  void overlongInputIsRefusedBeforeAnyWork(int length) {
    assertTrue(SerialNumbers.normalize("0".repeat(length - 1) + "1").isEmpty());
  }
}
