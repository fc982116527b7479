package io.nodeward.cli.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The verifier, written from C2SP signed-note and tlog-checkpoint alone, against Go's published example and our own notes. */
class SignedNoteTest {

  /** golang.org/x/mod/sumdb/note's documented key and note. */
  private static final String GO_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  private static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
      + "then you don't know what your problem is.\n";
  private static final String GO_NOTE = GO_TEXT + "\n\u2014 PeterNeumann "
      + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

  @Test
  void goesReferenceNoteVerifiesWithItsVerifierKey() {
    NoteKey key = NoteKey.parseVerifierKey(GO_KEY);
    SignedNote note = SignedNote.parse(GO_NOTE);

    assertEquals("PeterNeumann", key.name());
    assertEquals("c74f20a3", HexFormat.of().formatHex(key.keyHash()));
    assertEquals(GO_KEY, key.verifierKey());
    assertEquals(GO_TEXT, note.text());
    assertTrue(note.verifiedBy(key));
    assertFalse(SignedNote.parse(GO_NOTE.replace("cryptography", "cryptographY")).verifiedBy(key));
  }

  @Test
  void aVerifierKeyWhoseBase64HoldsAPlusStillParses() throws Exception {
    NoteKey key = null;
    for (int i = 0; i < 200 && (key == null || !key.verifierKey().substring(key.name().length() + 10).contains("+")); i++) {
      key = new NotesForTests("nodeward.local/audit").key;
    }
    assertTrue(key.verifierKey().substring(key.name().length() + 10).contains("+"), "found a key whose base64 has '+'");
    assertEquals(key, NoteKey.parseVerifierKey(key.verifierKey()));
  }

  @Test
  void aVerifierKeyWhoseHashDoesNotMatchIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> NoteKey.parseVerifierKey("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"));
    assertThrows(IllegalArgumentException.class,
        () -> NoteKey.parseVerifierKey("PeterNeumanN+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"));
  }

  @Test
  void aCheckpointVerifiesWithItsKeyAndNotWithAnother() throws Exception {
    NotesForTests log = new NotesForTests("nodeward.local/audit");
    byte[] root = LogHashes.leafHash(new byte[] {1});
    Checkpoint checkpoint = Checkpoint.parse(log.checkpoint("nodeward.local/audit", 42, root));

    assertEquals("nodeward.local/audit", checkpoint.origin());
    assertEquals(42, checkpoint.treeSize());
    assertArrayEquals(root, checkpoint.rootHash());
    assertTrue(checkpoint.verify(log.key));
    assertFalse(checkpoint.verify(new NotesForTests("nodeward.local/audit").key), "another key with the same name");
    assertFalse(checkpoint.verify(NoteKey.of("someone-else", log.key.publicKey())), "the same key under another name");
  }

  @Test
  void aChangedCheckpointNoLongerVerifies() throws Exception {
    NotesForTests log = new NotesForTests("log");
    String note = log.checkpoint("log", 1000, LogHashes.emptyRoot());

    assertFalse(Checkpoint.parse(note.replace("\n1000\n", "\n999\n")).verify(log.key), "a smaller size");
    assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse(note.replace("\n1000\n", "\n01000\n")));
    assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse(note.substring(0, note.length() - 1)));
  }

  @Test
  void aBarePemKeyTakesItsNameFromTheNoteAndStillChecksTheKeyHash() throws Exception {
    NotesForTests log = new NotesForTests("nodeward.local/audit");
    Checkpoint checkpoint = Checkpoint.parse(log.checkpoint("nodeward.local/audit", 7, LogHashes.emptyRoot()));
    TrustedKey fromPem = TrustedKey.parse(log.publicKeyPem(), "test");

    NoteKey verifying = fromPem.verifying(checkpoint);

    assertNotNull(verifying);
    assertEquals(log.key.verifierKey(), verifying.verifierKey());
    assertNull(TrustedKey.parse(new NotesForTests("x").publicKeyPem(), "test").verifying(checkpoint));
  }
}
