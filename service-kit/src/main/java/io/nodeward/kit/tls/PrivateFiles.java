package io.nodeward.kit.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that hold private keys: readable by their owner only, from the moment they exist. */
public final class PrivateFiles {

  private PrivateFiles() {
  }

  /**
   * Creates {@code file} with mode 600 (no window in which the key is world-readable) and writes {@code content}.
   * Fails with {@link java.nio.file.FileAlreadyExistsException} if it exists. On a file system without POSIX
   * permissions the data directory's own permissions are all there is.
   */
  public static void createOwnerOnly(Path file, String content) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, content, StandardCharsets.US_ASCII);
  }
}
