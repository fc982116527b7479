package io.nodeward.issuer.store;

import io.nodeward.events.RevocationReason;
import io.nodeward.issuer.domain.CrlEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local CA's own record of what it revoked: one line per serial ({@code <serial> <REASON> <epochSecond>}),
 * appended and fsynced before a revocation counts, read back at start. It also holds certificates withdrawn
 * because Kafka never acknowledged their issuance, which the certificates topic may not know.
 */
public final class RevocationFile {

  public static final String FILE_NAME = "revoked-serials";

  private final Path file;
  private final Map<String, CrlEntry> revoked = new ConcurrentHashMap<>();

  private RevocationFile(Path file) {
    this.file = file;
  }

  /** Blocking file I/O: call from a worker. */
  public static RevocationFile open(Path directory) {
    RevocationFile store = new RevocationFile(directory.resolve(FILE_NAME));
    store.load();
    return store;
  }

  /** Blocking (fsync). Records the first revocation of a serial; later ones change nothing. */
  public synchronized void record(String serialHex, RevocationReason reason, Instant revokedAt) {
    if (revoked.containsKey(serialHex)) {
      return;
    }
    String line = serialHex + " " + reason.name() + " " + revokedAt.getEpochSecond() + "\n";
    try {
      Files.writeString(file, line, StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException("could not record the revocation", e);
    }
    revoked.put(serialHex, new CrlEntry(serialHex, Instant.ofEpochSecond(revokedAt.getEpochSecond()), reason));
  }

  public Optional<CrlEntry> find(String serialHex) {
    return Optional.ofNullable(revoked.get(serialHex));
  }

  public List<CrlEntry> entries() {
    return List.copyOf(revoked.values());
  }

  /** Only grows: change detection without copying the entries. */
  public int size() {
    return revoked.size();
  }

  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        String[] parts = line.trim().split(" ");
        if (parts.length == 3) {
          revoked.put(parts[0], new CrlEntry(parts[0], Instant.ofEpochSecond(Long.parseLong(parts[2])),
              RevocationReason.valueOf(parts[1])));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }
}
