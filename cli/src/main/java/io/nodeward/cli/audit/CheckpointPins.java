package io.nodeward.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.cli.core.CliFailure;
import io.nodeward.cli.core.SafeFiles;
import io.nodeward.cli.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code nodeward audit verify} remembers per audit service ({@code audit-pins.json} in the XDG state
 * directory): the log's verifier key, pinned on first use or from {@code --public-key}, and the last checkpoint it
 * verified. The next run requires the new checkpoint to be consistent with this one, so a log that loses records
 * behind the service's back cannot pass.
 */
public final class CheckpointPins {

  /** One audit service's pin. */
  public record Pin(String verifierKey, String checkpointNote, String verifiedAt) {
  }

  private final Path file;

  public CheckpointPins(Path stateDir) {
    this.file = stateDir.resolve("audit-pins.json");
  }

  public Path file() {
    return file;
  }

  public Optional<Pin> find(String auditUrl) {
    JsonNode entry = read().path(auditUrl);
    if (!entry.isObject()) {
      return Optional.empty();
    }
    return Optional.of(new Pin(Json.text(entry, "verifierKey"), Json.text(entry, "checkpoint"), Json.text(entry, "verifiedAt")));
  }

  public void save(String auditUrl, Pin pin) {
    ObjectNode all = read();
    all.putObject(auditUrl).put("verifierKey", pin.verifierKey()).put("checkpoint", pin.checkpointNote())
        .put("verifiedAt", pin.verifiedAt());
    SafeFiles.ensurePrivateDir(file.getParent());
    SafeFiles.writePrivate(file, Json.pretty(all).getBytes(StandardCharsets.UTF_8));
  }

  public boolean forget(String auditUrl) {
    ObjectNode all = read();
    boolean had = all.remove(auditUrl) != null;
    if (had) {
      SafeFiles.writePrivate(file, Json.pretty(all).getBytes(StandardCharsets.UTF_8));
    }
    return had;
  }

  private ObjectNode read() {
    try {
      JsonNode node = Json.read(Files.readString(file, StandardCharsets.UTF_8), false);
      return node instanceof ObjectNode object ? object : Json.object();
    } catch (NoSuchFileException e) {
      return Json.object();
    } catch (IOException e) {
      throw CliFailure.failed("CANNOT_READ_PINS", "Cannot read the pinned checkpoints in " + file + ": " + e.getMessage() + ".");
    }
  }
}
