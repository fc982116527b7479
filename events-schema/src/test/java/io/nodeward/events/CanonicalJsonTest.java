package io.nodeward.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RFC 8785 behaviour the audit hash chain relies on. */
class CanonicalJsonTest {

  @Test
  void sortsKeysAndDropsWhitespace() {
    assertEquals("{\"a\":1,\"b\":[true,null],\"c\":{\"x\":\"y\"}}",
        CanonicalJson.canonicalize("{ \"c\": {\"x\":\"y\"}, \"b\": [true, null], \"a\": 1 }"));
  }

  @Test
  void normalisesNumbersAsEcmaScriptDoes() {
    assertEquals("[1e+30,4.5,0.002,100]", CanonicalJson.canonicalize("[1E30, 4.50, 2e-3, 1.0e2]"));
  }

  @Test
  void escapesOnlyWhatItMust() {
    assertEquals("[\"€\\n\\u001f\"]", CanonicalJson.canonicalize("[\"\\u20ac\\n\\u001F\"]"));
  }

  @Test
  void sameEventSameBytesWhateverTheFieldOrder() {
    EventCodec codec = new EventCodec();
    String canonical = codec.canonical(EventSamples.all().get(0));
    assertEquals(canonical, CanonicalJson.canonicalize(canonical));
  }
}
