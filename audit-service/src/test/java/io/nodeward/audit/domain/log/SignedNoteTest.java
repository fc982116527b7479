package io.nodeward.audit.domain.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.audit.independent.IndependentVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Checkpoint notes as C2SP writes them, checked by our parser and by a verifier that shares no code with it. */
class SignedNoteTest {

  static final Ed25519KeySigner SIGNER = Ed25519KeySigner.generate("nodeward.test/audit");
  static final byte[] ROOT = HexFormat.of().parseHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  @Test
  void aNoteHasTheC2spLayoutAndVerifiesWithAVerifierSharingNoCode() throws Exception {
    String note = SignedNote.sign(new Checkpoint("nodeward.test/audit", 8, ROOT), SIGNER);
    String[] parts = note.split("\n", -1);
    assertEquals("nodeward.test/audit", parts[0]);
    assertEquals("8", parts[1]);
    assertEquals(Base64.getEncoder().encodeToString(ROOT), parts[2]);
    assertEquals("", parts[3]);
    assertTrue(parts[4].startsWith("\u2014 nodeward.test/audit "), parts[4]);
    assertEquals("", parts[5]);
    assertEquals(4 + 64, Base64.getDecoder().decode(parts[4].split(" ")[2]).length);

    IndependentVerifier.Head head = new IndependentVerifier(SIGNER.verifierKey().toString()).open(note);
    assertEquals("nodeward.test/audit", head.origin());
    assertEquals(8, head.size());
    assertArrayEquals(ROOT, head.root());
    assertEquals(new Checkpoint("nodeward.test/audit", 8, ROOT), SignedNote.open(note, SIGNER.verifierKey()));
  }

  @Test
  void theVerifierKeyRoundTripsAndItsHashIsTheGoNoteHash() {
    VerifierKey key = SIGNER.verifierKey();
    assertEquals(key, VerifierKey.parse(key.toString()));
    assertTrue(key.toString().matches("nodeward\\.test/audit\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{43}[=]?.*"), key.toString());
    String tampered = key.toString().replace("nodeward.test", "nodeward.evil");
    assertThrows(IllegalArgumentException.class, () -> VerifierKey.parse(tampered));
    assertArrayEquals(key.publicKey(), Ed25519KeySigner.readPublicKeyPem(SIGNER.publicKeyPem()));
    assertEquals(key, Ed25519KeySigner.fromPem(key.name(), SIGNER.privateKeyPem()).verifierKey());
  }

  @Test
  void anAlteredNoteOrAnotherKeyIsRefusedByBothVerifiers() throws Exception {
    String note = SignedNote.sign(new Checkpoint("nodeward.test/audit", 8, ROOT), SIGNER);
    String bigger = note.replaceFirst("\n8\n", "\n9\n");
    assertThrows(InvalidNoteException.class, () -> SignedNote.open(bigger, SIGNER.verifierKey()));
    assertThrows(SecurityException.class, () -> new IndependentVerifier(SIGNER.verifierKey().toString()).open(bigger));

    Ed25519KeySigner other = Ed25519KeySigner.generate("nodeward.test/audit");
    assertThrows(InvalidNoteException.class, () -> SignedNote.open(note, other.verifierKey()));
    assertThrows(SecurityException.class, () -> new IndependentVerifier(other.verifierKey().toString()).open(note));

    String otherName = SignedNote.sign(new Checkpoint("nodeward.test/audit", 8, ROOT), Ed25519KeySigner.generate("someone-else"));
    InvalidNoteException e = assertThrows(InvalidNoteException.class, () -> SignedNote.open(otherName, SIGNER.verifierKey()));
    assertTrue(e.getMessage().contains("no signature by"), e.getMessage());
    assertThrows(InvalidNoteException.class, () -> SignedNote.open("nodeward.test/audit\n08\n" + Base64.getEncoder()
        .encodeToString(ROOT) + "\n\n" + note.substring(note.indexOf("\u2014")), SIGNER.verifierKey()));
  }

  @Test
  void theSignatureCoversExactlyTheBody() {
    Checkpoint checkpoint = new Checkpoint("o", 1, ROOT);
    String note = SignedNote.sign(checkpoint, SIGNER);
    byte[] signature = Base64.getDecoder().decode(note.substring(note.lastIndexOf(' ') + 1).strip());
    byte[] ed = java.util.Arrays.copyOfRange(signature, 4, signature.length);
    assertTrue(SIGNER.verifierKey().verifies(("o\n1\n" + Base64.getEncoder().encodeToString(ROOT) + "\n")
        .getBytes(StandardCharsets.UTF_8), ed));
  }
}
