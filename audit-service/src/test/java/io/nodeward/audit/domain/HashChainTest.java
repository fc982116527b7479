package io.nodeward.audit.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HashChainTest {

  /** Expected values computed independently: python3 hashlib.sha256(prev_bytes + json_utf8). */
  @ParameterizedTest(name = "{0} ‖ {1}")
  @CsvSource(delimiter = '|', value = {
      "0000000000000000000000000000000000000000000000000000000000000000|{}|fb1634c4e6cd4b1f1afe3ce2d6ef080f7ac5d1f357d723ad4dfca782733b62db",
      "0000000000000000000000000000000000000000000000000000000000000000|{\"a\":1}|b06a229070741292512e8760f470dd7a4c46ccfdf253df781d88dabe58c1ccb1",
      "b06a229070741292512e8760f470dd7a4c46ccfdf253df781d88dabe58c1ccb1|{\"b\":\"é\"}|79ccf3cfad8b57711ea51d7678c108df870e8054f8f5b7649ef73924f03513d4"
  })
  void linkIsSha256OfPreviousHashBytesThenUtf8Json(String previous, String json, String expected) {
    assertEquals(expected, HashChain.link(previous, json));
  }

  @Test
  void genesisIsThirtyTwoZeroBytes() {
    assertEquals(32, HashChain.decode(HashChain.GENESIS).length);
    assertEquals(new ChainHead(0, HashChain.GENESIS), ChainHead.GENESIS);
  }

  @Test
  void anyChangeToThePreviousHashOrTheContentChangesTheLink() {
    String base = HashChain.link(HashChain.GENESIS, "{\"a\":1}");
    assertNotEquals(base, HashChain.link(HashChain.GENESIS, "{\"a\":2}"));
    assertNotEquals(base, HashChain.link("1" + HashChain.GENESIS.substring(1), "{\"a\":1}"));
  }

  @ParameterizedTest
  @CsvSource({"abc", "0000000000000000000000000000000000000000000000000000000000000000ff",
      "FB1634C4E6CD4B1F1AFE3CE2D6EF080F7AC5D1F357D723AD4DFCA782733B62DB",
      "zz1634c4e6cd4b1f1afe3ce2d6ef080f7ac5d1f357d723ad4dfca782733b62db"})
  void previousHashMustBe32BytesOfLowerCaseHex(String bad) {
    assertThrows(IllegalArgumentException.class, () -> HashChain.link(bad, "{}"));
  }
}
