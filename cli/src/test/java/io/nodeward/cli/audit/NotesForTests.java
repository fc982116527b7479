package io.nodeward.cli.audit;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/** Signs notes the way the C2SP specification says a log does, so the tests need no audit service. */
final class NotesForTests {

  final KeyPair pair;
  final NoteKey key;
  final String name;

  NotesForTests(String name) throws Exception {
    this.name = name;
    this.pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] spki = pair.getPublic().getEncoded();
    this.key = NoteKey.of(name, Arrays.copyOfRange(spki, spki.length - 32, spki.length));
  }

  String checkpoint(String origin, long size, byte[] root) throws Exception {
    return sign(origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n");
  }

  String sign(String text) throws Exception {
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(pair.getPrivate());
    signer.update(text.getBytes(StandardCharsets.UTF_8));
    byte[] blob = new byte[68];
    System.arraycopy(key.keyHash(), 0, blob, 0, 4);
    System.arraycopy(signer.sign(), 0, blob, 4, 64);
    return text + "\n\u2014 " + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";
  }

  String publicKeyPem() {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }
}
