package io.nodeward.kit.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

  @TempDir
  Path dir;

  @Test
  void aKeyFileIsReadableByItsOwnerOnly() throws Exception {
    Path file = dir.resolve("key.pem");
    PrivateFiles.createOwnerOnly(file, "-----BEGIN PRIVATE KEY-----\n");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("-----BEGIN PRIVATE KEY-----\n", Files.readString(file));
  }

  @Test
  void anExistingKeyIsNeverOverwritten() throws Exception {
    Path file = dir.resolve("key.pem");
    PrivateFiles.createOwnerOnly(file, "first");
    assertThrows(FileAlreadyExistsException.class, () -> PrivateFiles.createOwnerOnly(file, "second"));
    assertEquals("first", Files.readString(file));
  }
}
