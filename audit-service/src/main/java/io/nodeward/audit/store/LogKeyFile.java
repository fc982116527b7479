package io.nodeward.audit.store;

import io.nodeward.audit.domain.log.Ed25519KeySigner;
import io.nodeward.kit.tls.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The checkpoint signing key on disk: a PKCS#8 PEM Ed25519 key, owner read/write only, ideally outside the data
 * directory so whoever can rewrite the database cannot also re-sign it. Created on first start only where that is
 * allowed (development); the public key is written beside it as {@code <file>.pub} (SPKI PEM) for auditors.
 */
public final class LogKeyFile {

  private LogKeyFile() {
  }

  /**
   * @param create whether a missing key may be generated (development); otherwise a missing key stops the start
   */
  public static Ed25519KeySigner load(Path file, String keyName, boolean create) {
    try {
      if (!Files.exists(file)) {
        if (!create) {
          throw new IllegalStateException("the checkpoint key " + file + " does not exist; create it with "
              + "'openssl genpkey -algorithm ed25519 -out " + file + "' and chmod 600");
        }
        Ed25519KeySigner created = Ed25519KeySigner.generate(keyName);
        try {
          Files.createDirectories(file.toAbsolutePath().getParent());
          PrivateFiles.createOwnerOnly(file, created.privateKeyPem());
          Files.writeString(publicFile(file), created.publicKeyPem(), StandardCharsets.US_ASCII);
          return created;
        } catch (FileAlreadyExistsException raced) {
          // another instance sharing the directory created it first: use theirs
        }
      }
      refuseIfOthersCanRead(file);
      return Ed25519KeySigner.fromPem(keyName, Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the checkpoint key " + file, e);
    }
  }

  public static Path publicFile(Path keyFile) {
    return keyFile.resolveSibling(keyFile.getFileName() + ".pub");
  }

  private static void refuseIfOthersCanRead(Path file) throws IOException {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
        throw new IllegalStateException("the checkpoint key " + file + " is readable by others; chmod 600 it");
      }
    } catch (UnsupportedOperationException notPosix) {
      // a file system without POSIX permissions: nothing to check
    }
  }
}
