package io.nodeward.kit.kafka;

import io.nodeward.events.EventKeys;
import io.nodeward.kit.tls.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * Event signing key files as every tool writes them: the private key as PKCS#8 PEM, owner-only (like
 * {@code openssl genpkey -algorithm ed25519}), the public key as SubjectPublicKeyInfo PEM beside it.
 */
public final class EventKeyFiles {

  private EventKeyFiles() {
  }

  /** The pair of files for one producer: {@code <dir>/<name>-signing-key.pem} and {@code <name>-public-key.pem}. */
  public record KeyPairFiles(Path privateKey, Path publicKey) {
  }

  /** Creates the key pair unless it exists (a development stack's keys survive its restarts). */
  public static KeyPairFiles ensure(Path dir, String name) {
    KeyPairFiles files = new KeyPairFiles(dir.resolve(name + "-signing-key.pem"), dir.resolve(name + "-public-key.pem"));
    try {
      Files.createDirectories(dir);
      byte[] pkcs8;
      if (Files.exists(files.privateKey())) {
        pkcs8 = EventSigning.blocks("(" + name + " signing key)", files.privateKey(), "PRIVATE KEY").get(0);
      } else {
        pkcs8 = EventKeys.generatePkcs8();
        PrivateFiles.createOwnerOnly(files.privateKey(), pem("PRIVATE KEY", pkcs8));
      }
      String publicPem = pem("PUBLIC KEY", EventKeys.publicKeyOf(pkcs8));
      if (!Files.exists(files.publicKey()) || !Files.readString(files.publicKey()).equals(publicPem)) {
        Files.writeString(files.publicKey(), publicPem, StandardCharsets.US_ASCII);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep event signing keys in " + dir, e);
    }
    return files;
  }

  static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  /** Public key PEM files joined into one list value, as NODEWARD_EVENT_KEYS_* take them. */
  public static String list(List<Path> files) {
    return String.join(",", files.stream().map(Path::toString).toList());
  }
}
