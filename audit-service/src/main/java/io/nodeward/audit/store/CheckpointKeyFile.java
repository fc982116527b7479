package io.nodeward.audit.store;

import io.nodeward.audit.domain.CheckpointKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Set;

/**
 * The checkpoint signing key on disk: {@code checkpoint-key.pem} (PKCS#8, owner read/write only) and
 * {@code checkpoint-public.pem} (what auditors give the command-line verifier). Created on first start.
 * The private key is never logged, published or stored in the audit database.
 */
public final class CheckpointKeyFile {

  public static final String PRIVATE_FILE = "checkpoint-key.pem";
  public static final String PUBLIC_FILE = "checkpoint-public.pem";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

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
          writeOwnerOnly(privateFile, CheckpointKeys.privateKeyPem(created.getPrivate()));
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

  private static void writeOwnerOnly(Path file, String content) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
  }
}
