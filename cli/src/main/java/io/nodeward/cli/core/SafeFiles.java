package io.nodeward.cli.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * Writes files the way keys and tokens must be written: into a temporary file in the same folder, created with
 * its final permissions (owner-only for secrets, so there is no moment when others can read it), flushed to
 * disk, then renamed over the target in one atomic step. A reader sees the old file or the new one, never half.
 */
public final class SafeFiles {

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

  private SafeFiles() {
  }

  /** Mode 600: private keys, tokens, PKCS#12 bundles. */
  public static void writePrivate(Path target, byte[] content) {
    write(target, content, OWNER_ONLY);
  }

  /** Mode 644: certificates, CA chains, exports. */
  public static void writePublic(Path target, byte[] content) {
    write(target, content, READABLE);
  }

  /** Creates the folder (and parents) owner-only if it does not exist; an existing folder is left as it is. */
  public static void ensurePrivateDir(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, posix(OWNER_DIR));
      }
    } catch (IOException e) {
      throw CliFailure.failed("CANNOT_WRITE", "Cannot create the folder " + dir + ": " + e.getMessage() + ".");
    }
  }

  /** A temporary sibling of {@code target} with the given permissions, for writers that stream. */
  public static Path temporarySibling(Path target, boolean secret) {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(dir);
      return Files.createFile(temp, posix(secret ? OWNER_ONLY : READABLE));
    } catch (IOException e) {
      throw CliFailure.failed("CANNOT_WRITE", "Cannot write in " + dir + ": " + e.getMessage() + ".");
    }
  }

  /** Flushes {@code temp} to disk and renames it over {@code target}. */
  public static void commit(Path temp, Path target) {
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(temp);
      throw CliFailure.failed("CANNOT_WRITE", "Cannot write " + target + ": " + e.getMessage() + ".");
    }
  }

  public static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // a stray temporary file is harmless and named as one
    }
  }

  private static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) {
    Path temp = temporarySibling(target, permissions == OWNER_ONLY);
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      deleteQuietly(temp);
      throw CliFailure.failed("CANNOT_WRITE", "Cannot write " + target + ": " + e.getMessage() + ".");
    }
    commit(temp, target);
  }

  private static FileAttribute<?>[] posix(Set<PosixFilePermission> permissions) {
    boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
  }
}
