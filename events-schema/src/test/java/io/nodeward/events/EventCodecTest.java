package io.nodeward.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

  private final EventCodec codec = new EventCodec();

  private String mutated(Consumer<ObjectNode> change) throws Exception {
    ObjectNode root = (ObjectNode) codec.mapper().readTree(codec.encode(EventSamples.all().get(2)));
    change.accept(root);
    return root.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "[]", "{}", "{\"specversion\":\"1.0\"}", "null"})
  void rejectsRecordsThatAreNotEvents(String raw) {
    assertThrows(InvalidEventException.class, () -> codec.decode(raw.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void rejectsAnUnknownType() throws Exception {
    String json = mutated(r -> r.put("type", "io.nodeward.certificate.stolen.v1"));
    assertThrows(InvalidEventException.class, () -> codec.decode(json));
  }

  @Test
  void rejectsAnotherSpecVersion() throws Exception {
    String json = mutated(r -> r.put("specversion", "0.3"));
    assertThrows(InvalidEventException.class, () -> codec.decode(json));
  }

  @Test
  void rejectsAnIdThatIsNotAUuid() throws Exception {
    String json = mutated(r -> r.put("id", "1"));
    assertThrows(InvalidEventException.class, () -> codec.decode(json));
  }

  @Test
  void rejectsDataWithAnUnknownField() throws Exception {
    String json = mutated(r -> ((ObjectNode) r.get("data")).put("privateKeyPem", "-----BEGIN PRIVATE KEY-----"));
    assertThrows(InvalidEventException.class, () -> codec.decode(json));
  }

  @Test
  void rejectsDataMissingARequiredField() throws Exception {
    String json = mutated(r -> ((ObjectNode) r.get("data")).remove("nodeId"));
    assertThrows(InvalidEventException.class, () -> codec.decode(json));
  }

  @Test
  void rejectsDataWithAHostileNodeId() throws Exception {
    String json = mutated(r -> ((ObjectNode) r.get("data")).put("nodeId", "node,CN=admin"));
    InvalidEventException e = assertThrows(InvalidEventException.class, () -> codec.decode(json));
    assertFalse(e.getMessage().contains("CN=admin"), "the error must not echo the hostile value");
  }

  @Test
  void rejectsAnAllowWithADenyReason() throws Exception {
    ObjectNode root = (ObjectNode) codec.mapper().readTree(codec.encode(EventSamples.all().get(5)));
    ((ObjectNode) root.get("data")).put("reason", "REVOKED");
    assertThrows(InvalidEventException.class, () -> codec.decode(root.toString()));
  }

  @Test
  void rejectsAnOversizedRecordBeforeParsingIt() {
    byte[] huge = new byte[EventCodec.MAX_EVENT_BYTES + 1];
    InvalidEventException e = assertThrows(InvalidEventException.class, () -> codec.decode(huge));
    assertTrue(e.getMessage().contains("exceeds"));
  }

  @Test
  void recordsRefuseToCarryMismatchedEffectAndReason() {
    assertThrows(IllegalArgumentException.class, () -> new AccessDecided("d", null, null, null, null, "GET", "/",
        Effect.ALLOW, DecisionReason.REVOKED, null, null, EventSamples.T, "gw"));
  }
}
