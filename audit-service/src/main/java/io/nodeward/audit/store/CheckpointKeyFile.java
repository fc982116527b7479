package io.nodeward.audit.store;

import io.nodeward.audit.domain.CheckpointKeys;
import io.nodeward.kit.tls.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

/**
 * The checkpoint signing key on disk: {@code checkpoint-key.pem} (PKCS#8, owner read/write only) and
 * {@code checkpoint-public.pem} (what auditors give the command-line verifier). Created on first start.
 * The private key is never logged, published or stored in the audit database.
 */
public final class CheckpointKeyFile {

  public static final String PRIVATE_FILE = "checkpoint-key.pem";
  public static final String PUBLIC_FILE = "checkpoint-public.pem";

  private CheckpointKeyFile() {
  }

  public static KeyPair loadOrCreate(Path dir) {
    Path privateFile = dir.resolve(PRIVATE_FILE);
    Path publicFile = dir.resolve(PUBLIC_FILE);
    try {
      Files.createDirectories(dir);
      if (!Files.exists(privateFile)) {
        KeyPair created = CheckpointKeys.generate();
        try {
          PrivateFiles.createOwnerOnly(privateFile, CheckpointKeys.privateKeyPem(created.getPrivate()));
          Files.writeString(publicFile, CheckpointKeys.publicKeyPem(created.getPublic()), StandardCharsets.US_ASCII);
          return created;
        } catch (FileAlreadyExistsException raced) {
          // Another instance sharing the directory created it first: use theirs.
        }
      }
      return CheckpointKeys.readKeyPair(Files.readString(privateFile, StandardCharsets.US_ASCII),
          Files.readString(publicFile, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the checkpoint key in " + dir, e);
    }
  }

  public static Path publicKeyPath(Path dir) {
    return dir.resolve(PUBLIC_FILE);
  }

}
