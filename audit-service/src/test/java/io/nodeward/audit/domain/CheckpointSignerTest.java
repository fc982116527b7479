package io.nodeward.audit.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.AuditCheckpoint;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckpointSignerTest {

  private static final KeyPair KEY = CheckpointKeys.generate();
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00.123456Z");
  private final ChainHead head = new ChainHead(42, HashChain.link(HashChain.GENESIS, "{}"));

  @Test
  void aSignedCheckpointVerifiesWithThePublicKeyAndSurvivesTheEventCodec() throws Exception {
    AuditCheckpoint checkpoint = new CheckpointSigner(KEY).sign(head, NOW);
    assertEquals(42, checkpoint.sequence());
    assertEquals(Instant.parse("2026-11-24T12:00:00.123Z"), checkpoint.recordedAt());
    assertEquals("SHA256withECDSA", checkpoint.algorithm());
    assertTrue(CheckpointKeys.verify(checkpoint, KEY.getPublic()));

    EventCodec codec = new EventCodec();
    AuditCheckpoint decoded = (AuditCheckpoint) codec.decode(codec.encode(CloudEvent.of("/nodeward/audit", checkpoint, NOW))).data();
    assertTrue(CheckpointKeys.verify(decoded, KEY.getPublic()));
  }

  @Test
  void changingAnySignedFieldBreaksTheSignature() {
    AuditCheckpoint c = new CheckpointSigner(KEY).sign(head, NOW);
    assertFalse(CheckpointKeys.verify(new AuditCheckpoint(43, c.headHash(), c.recordedAt(), c.keyId(), c.algorithm(), c.signature()), KEY.getPublic()));
    assertFalse(CheckpointKeys.verify(new AuditCheckpoint(42, HashChain.GENESIS, c.recordedAt(), c.keyId(), c.algorithm(), c.signature()), KEY.getPublic()));
    assertFalse(CheckpointKeys.verify(new AuditCheckpoint(42, c.headHash(), c.recordedAt().plusMillis(1), c.keyId(), c.algorithm(), c.signature()), KEY.getPublic()));
    assertFalse(CheckpointKeys.verify(new AuditCheckpoint(42, c.headHash(), c.recordedAt(), c.keyId(), c.algorithm(), "AAAA"), KEY.getPublic()));
  }

  @Test
  void aCheckpointDoesNotVerifyWithAnotherKey() {
    AuditCheckpoint c = new CheckpointSigner(KEY).sign(head, NOW);
    assertFalse(CheckpointKeys.verify(c, CheckpointKeys.generate().getPublic()));
  }

  @Test
  void keysRoundTripThroughPem() {
    String publicPem = CheckpointKeys.publicKeyPem(KEY.getPublic());
    String privatePem = CheckpointKeys.privateKeyPem(KEY.getPrivate());
    assertTrue(publicPem.startsWith("-----BEGIN PUBLIC KEY-----\n"));
    KeyPair read = CheckpointKeys.readKeyPair(privatePem, publicPem);
    AuditCheckpoint c = new CheckpointSigner(read).sign(head, NOW);
    assertTrue(CheckpointKeys.verify(c, KEY.getPublic()));
    assertEquals(CheckpointKeys.keyId(KEY.getPublic()), c.keyId());
  }
}
