package io.nodeward.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventSourceTest {

  @Test
  void theOneFormIsNodewardServiceInstance() {
    EventSource source = EventSource.of("authorizer", "authorizer@gw-1");
    assertEquals("/nodeward/authorizer/authorizer@gw-1", source.toString());
    assertEquals(source, EventSource.parse(source.toString()));
    assertEquals("authorizer", EventSource.parse("/nodeward/authorizer/a.b_c-1").service());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/nodeward/issuer", "/nodeward/audit/", "nodeward/issuer/x", "/nodeward/Issuer/x",
      "/nodeward/issuer/x/y", "/bench/issuer", "urn:bench", "/nodeward/issuer/has space", "/nodeward/issuer/../x"})
  void otherFormsAreRefused(String source) {
    assertFalse(EventSource.isValid(source));
    assertThrows(IllegalArgumentException.class, () -> EventSource.parse(source));
  }

  @Test
  void theDefaultInstanceIdIsAValidInstanceId() {
    String id = EventSource.defaultInstanceId();
    assertTrue(EventSource.isValid("/nodeward/issuer/" + id), id);
  }
}
