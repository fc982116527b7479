package io.nodeward.issuer.store;

import io.nodeward.kit.tls.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that signs page cursors, in {@code <dir>/cursor.key} (owner-only), made on first start. Kept in the
 * data directory so cursors survive a restart and work on every instance sharing that directory, as the CA
 * keystore does. Not a credential: a stolen key only lets someone forge positions in lists they may read anyway.
 */
public final class CursorKeyFile {

  public static final String FILE_NAME = "cursor.key";
  private static final int KEY_BYTES = 32;

  private CursorKeyFile() {
  }

  /** Blocking file I/O: call from a worker. */
  public static byte[] loadOrCreate(Path directory) {
    Path file = directory.resolve(FILE_NAME);
    try {
      Files.createDirectories(directory);
      if (!Files.exists(file)) {
        create(directory, file);
      }
      byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
      if (key.length < KEY_BYTES) {
        throw new IllegalStateException(file + " holds no cursor key; delete it to make a new one");
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read or create " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(file + " is not base64; delete it to make a new one", e);
    }
  }

  /** Written aside and moved into place, so a second instance starting at the same moment never reads half a key. */
  private static void create(Path directory, Path file) throws IOException {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    Path temporary = directory.resolve(FILE_NAME + "." + Long.toHexString(System.nanoTime()) + ".tmp");
    PrivateFiles.createOwnerOnly(temporary, Base64.getEncoder().encodeToString(key));
    try {
      Files.move(temporary, file);
    } catch (FileAlreadyExistsException lostTheRace) {
      Files.deleteIfExists(temporary);
    }
  }
}
