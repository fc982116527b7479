package io.nodeward.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Producers sign every event; consumers believe an event only from a pinned key of the role that produces it. */
class EventSigningTest {

  private static final EventCodec CODEC = new EventCodec();
  private static final EventSigner ISSUER = EventSigner.fromPkcs8(EventKeys.generatePkcs8());
  private static final EventSigner AUTHORIZER = EventSigner.fromPkcs8(EventKeys.generatePkcs8());
  private static final EventSigner AUDIT = EventSigner.fromPkcs8(EventKeys.generatePkcs8());
  private static final EventSigner STRANGER = EventSigner.fromPkcs8(EventKeys.generatePkcs8());
  private static final EventTrust TRUST = EventTrust.pinned(Map.of(
      ProducerRole.ISSUER, List.of(ISSUER.publicKey()),
      ProducerRole.AUTHORIZER, List.of(AUTHORIZER.publicKey()),
      ProducerRole.AUDIT, List.of(AUDIT.publicKey())));

  private static CloudEvent<?> provisioned() {
    return EventSamples.all().get(0);
  }

  private static void verify(byte[] wire) throws InvalidEventException {
    EventCodec.Decoded decoded = CODEC.decodeForVerification(wire);
    TRUST.verify(decoded.event(), decoded.signedContent());
  }

  private static RejectionReason rejection(byte[] wire) {
    return assertThrows(InvalidEventException.class, () -> verify(wire)).reason();
  }

  @Test
  void aSignedEventRoundTripsAndVerifies() throws Exception {
    CloudEvent<?> signed = CODEC.sign(provisioned(), ISSUER);
    byte[] wire = CODEC.encodeBytes(signed);
    verify(wire);
    CloudEvent<EventData> decoded = CODEC.decode(wire);
    assertEquals(signed, decoded);
    assertEquals(ISSUER.keyId(), decoded.signature().keyId());
    String json = new String(wire, StandardCharsets.UTF_8);
    assertTrue(json.contains("\"nodewardsig\":\"") && json.contains("\"nodewardkeyid\":\"" + ISSUER.keyId() + "\""), json);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyEventTypeHasExactlyTheRoleThatProducesIt(EventType type) {
    ProducerRole role = ProducerRole.of(type).orElseThrow(() -> new AssertionError(type + " has no producer role"));
    ProducerRole expected = switch (type) {
      case ACCESS_DECIDED, AUTHORIZER_STATUS -> ProducerRole.AUTHORIZER;
      case AUDIT_CHECKPOINT, AUDIT_LOG_CHECKPOINT, EVENT_REJECTED -> ProducerRole.AUDIT;
      default -> ProducerRole.ISSUER;
    };
    assertEquals(expected, role);
  }

  @Test
  void everySampleVerifiesWhenSignedByItsOwnRole() throws Exception {
    Map<ProducerRole, EventSigner> signers = Map.of(ProducerRole.ISSUER, ISSUER, ProducerRole.AUTHORIZER, AUTHORIZER,
        ProducerRole.AUDIT, AUDIT);
    for (CloudEvent<?> event : EventSamples.all()) {
      verify(CODEC.encodeBytes(CODEC.sign(event, signers.get(ProducerRole.of(event.type()).orElseThrow()))));
    }
  }

  @Test
  void anUnsignedEventIsRefused() {
    assertEquals(RejectionReason.UNSIGNED, rejection(CODEC.encodeBytes(provisioned())));
  }

  @Test
  void aKeyNobodyPinnedIsRefused() {
    assertEquals(RejectionReason.UNKNOWN_KEY, rejection(CODEC.encodeBytes(CODEC.sign(provisioned(), STRANGER))));
  }

  @Test
  void anAuthorizerKeyCannotVouchForANode() {
    assertEquals(RejectionReason.WRONG_PRODUCER, rejection(CODEC.encodeBytes(CODEC.sign(provisioned(), AUTHORIZER))));
  }

  @Test
  void anAlteredEventNoLongerVerifies() throws Exception {
    byte[] wire = CODEC.encodeBytes(CODEC.sign(provisioned(), ISSUER));
    ObjectNode json = (ObjectNode) CODEC.mapper().readTree(wire);
    ((ObjectNode) json.get("data")).put("ownerUserId", "0b9c1f6e-0000-4000-8000-000000000001");
    assertEquals(RejectionReason.BAD_SIGNATURE, rejection(CODEC.mapper().writeValueAsBytes(json)));

    ObjectNode renamed = (ObjectNode) CODEC.mapper().readTree(wire);
    renamed.put("source", "/nodeward/issuer/elsewhere");
    assertEquals(RejectionReason.BAD_SIGNATURE, rejection(CODEC.mapper().writeValueAsBytes(renamed)));
  }

  @Test
  void aSignatureMovedToAnotherKeyIdIsRefused() throws Exception {
    ObjectNode json = (ObjectNode) CODEC.mapper().readTree(CODEC.encodeBytes(CODEC.sign(provisioned(), STRANGER)));
    json.put(EventSignature.KEY_ID_ATTRIBUTE, ISSUER.keyId()); // claims the issuer's key
    assertEquals(RejectionReason.BAD_SIGNATURE, rejection(CODEC.mapper().writeValueAsBytes(json)));
  }

  @Test
  void theSameEventWrittenWithOtherKeyOrderAndSpacingStillVerifies() throws Exception {
    ObjectNode json = (ObjectNode) CODEC.mapper().readTree(CODEC.encodeBytes(CODEC.sign(provisioned(), ISSUER)));
    StringBuilder reordered = new StringBuilder("{\n");
    List<String> names = new java.util.ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    java.util.Collections.reverse(names);
    for (int i = 0; i < names.size(); i++) {
      reordered.append("  \"").append(names.get(i)).append("\" : ").append(json.get(names.get(i)).toString())
          .append(i < names.size() - 1 ? ",\n" : "\n");
    }
    verify(reordered.append("}").toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void signatureAttributesComeTogetherAndWellFormed() throws Exception {
    ObjectNode json = (ObjectNode) CODEC.mapper().readTree(CODEC.encodeBytes(CODEC.sign(provisioned(), ISSUER)));
    json.remove(EventSignature.KEY_ID_ATTRIBUTE);
    assertEquals(RejectionReason.INVALID, rejection(CODEC.mapper().writeValueAsBytes(json)));
    ObjectNode shortSig = (ObjectNode) CODEC.mapper().readTree(CODEC.encodeBytes(CODEC.sign(provisioned(), ISSUER)));
    shortSig.put(EventSignature.VALUE_ATTRIBUTE, "AAAA");
    assertEquals(RejectionReason.INVALID, rejection(CODEC.mapper().writeValueAsBytes(shortSig)));
  }

  @Test
  void unverifiedTrustAcceptsUnsignedEventsAndSaysSo() throws Exception {
    EventCodec.Decoded decoded = CODEC.decodeForVerification(CODEC.encodeBytes(provisioned()));
    EventTrust.unverified().verify(decoded.event(), decoded.signedContent());
    assertNull(decoded.event().signature());
    assertEquals("EventTrust[unverified]", EventTrust.unverified().toString());
  }

  @Test
  void oneKeyCannotBePinnedForTwoRoles() {
    assertThrows(IllegalArgumentException.class, () -> EventTrust.pinned(Map.of(
        ProducerRole.ISSUER, List.of(ISSUER.publicKey()), ProducerRole.AUDIT, List.of(ISSUER.publicKey()))));
  }

  @Test
  void keyIdsAreStableAndDerivedFromThePublicKey() {
    byte[] pkcs8 = EventKeys.generatePkcs8();
    EventSigner signer = EventSigner.fromPkcs8(pkcs8);
    assertArrayEquals(EventKeys.publicKeyOf(pkcs8), signer.publicKey());
    assertEquals(EventKeys.keyId(signer.publicKey()), signer.keyId());
    assertEquals(16, signer.keyId().length());
    assertNotNull(signer.toString());
    assertTrue(!signer.toString().contains("PRIVATE"));
    assertThrows(IllegalArgumentException.class, () -> EventSigner.fromPkcs8(new byte[] {1, 2, 3}));
  }

  @Test
  void malformedRecordsSayMalformed() {
    assertEquals(RejectionReason.MALFORMED, rejection(new byte[0]));
    assertEquals(RejectionReason.MALFORMED, rejection("{not json".getBytes(StandardCharsets.UTF_8)));
    assertEquals(RejectionReason.INVALID, rejection("{}".getBytes(StandardCharsets.UTF_8)));
  }
}
