package io.nodeward.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.cli.audit.CanonicalJson;
import io.nodeward.cli.audit.Checkpoint;
import io.nodeward.cli.audit.CheckpointPins;
import io.nodeward.cli.audit.LogExportVerifier;
import io.nodeward.cli.audit.LogHashes;
import io.nodeward.cli.audit.LogVerifier;
import io.nodeward.cli.audit.NoteKey;
import io.nodeward.cli.audit.TrustedKey;
import io.nodeward.cli.core.CliFailure;
import io.nodeward.cli.http.Api;
import io.nodeward.cli.http.Json;
import io.nodeward.cli.http.Query;
import io.nodeward.cli.output.ProgressBar;
import io.nodeward.cli.output.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify the audit log as a transparency log (RFC 9162 tree, C2SP signed checkpoints). Exit code 4 "
        + "when anything fails.",
        "Online: checks the newest checkpoint's signature with the pinned key (pinned on first use, or --public-key) "
            + "and its consistency with the checkpoint this command verified last time, then pins it; with --record, "
            + "also that record's inclusion.",
        "--offline FILE --public-key PEM: verifies a 'nodeward audit export --format log' file with no server."})
public final class AuditVerifyCommand extends BaseCommand {

  @Option(names = "--offline", paramLabel = "FILE", description = "A log export to verify without any server.")
  Path offline;

  @Option(names = "--public-key", paramLabel = "FILE",
      description = "The log's Ed25519 key: a PEM public key or a note verifier key line (required with --offline).")
  Path publicKey;

  @Option(names = "--record", paramLabel = "FILE",
      description = "Also prove this record is in the log: a record as 'audit search --output json' prints it, or its CloudEvent.")
  Path record;

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = "With --offline: a signed checkpoint trusted before; the export must extend it.")
  Path olderCheckpoint;

  @Option(names = "--forget-pin", description = "Forget the key and checkpoint pinned for this audit service first.")
  boolean forgetPin;

  @Override
  protected void execute() throws IOException {
    if (offline != null) {
      offline();
    } else {
      online();
    }
  }

  private void offline() throws IOException {
    if (publicKey == null) {
      throw CliFailure.usage("USAGE", "--offline needs --public-key (the log's key, from a channel you trust).");
    }
    if (record != null || forgetPin) {
      throw CliFailure.usage("USAGE", "--record and --forget-pin go with online verification.");
    }
    TrustedKey key = TrustedKey.parse(read(publicKey), publicKey.toString());
    Checkpoint older = olderCheckpoint == null ? null : LogVerifier.verifiedCheckpoint(read(olderCheckpoint), key);
    ProgressBar progress = new ProgressBar(output().err(), Terminal.stderrIsTerminal(), "verifying");
    LogExportVerifier.Verified verified;
    try (BufferedReader lines = Files.newBufferedReader(offline, StandardCharsets.UTF_8)) {
      verified = LogExportVerifier.verify(lines, key, older, leaves -> progress.update(leaves, 0));
    } catch (NoSuchFileException e) {
      throw CliFailure.usage("FILE_NOT_FOUND", "No file at " + offline + ".");
    } catch (java.nio.charset.MalformedInputException e) {
      throw CliFailure.verification("MALFORMED_LINE", "The export is not UTF-8 text; it was changed.");
    }
    progress.finish(verified.checkpoint().treeSize(), 0);
    Checkpoint cp = verified.checkpoint();
    ObjectNode result = Json.object().put("verified", true).put("origin", cp.origin()).put("treeSize", cp.treeSize())
        .put("rootHash", cp.rootBase64()).put("keyName", verified.key().name())
        .put("recordsRecomputed", verified.recordsRecomputed()).put("prunedLeaves", verified.prunedLeaves());
    if (older != null) {
      result.put("extendsTreeSize", older.treeSize());
    }
    output().result(result, () -> output().line("Verified offline: " + cp.treeSize() + " leaves of '" + cp.origin()
        + "' hash to the root signed by " + verified.key().name() + " (" + verified.recordsRecomputed()
        + " records recomputed" + (verified.prunedLeaves() > 0 ? ", " + verified.prunedLeaves() + " pruned" : "") + ")"
        + (older != null ? "; it extends the checkpoint of size " + older.treeSize() : "") + "."));
  }

  private void online() {
    String auditUrl = cli().settings().auditUrl().toString();
    CheckpointPins pins = new CheckpointPins(cli().stateDir());
    if (forgetPin) {
      pins.forget(auditUrl);
    }
    Optional<CheckpointPins.Pin> pin = pins.find(auditUrl);
    Api audit = cli().audit();

    TrustedKey key = trustedKey(audit, pin);
    Checkpoint latest = LogVerifier.verifiedCheckpoint(audit.text("/v1/audit/log/checkpoint", "text/plain"), key);
    Checkpoint previous = pin.map(p -> Checkpoint.parse(p.checkpointNote())).orElse(null);
    if (previous != null) {
      List<byte[]> proof = previous.treeSize() < latest.treeSize()
          ? hashes(audit.get("/v1/audit/log/proof/consistency" + Query.of().add("from", previous.treeSize())
              .add("to", latest.treeSize())), "The consistency proof")
          : List.of();
      LogVerifier.requireConsistent(previous, latest, proof);
    }
    ObjectNode result = Json.object().put("verified", true).put("origin", latest.origin()).put("treeSize", latest.treeSize())
        .put("rootHash", latest.rootBase64()).put("keyName", key.verifying(latest).name())
        .put("verifierKey", key.verifying(latest).verifierKey());
    if (previous != null) {
      result.put("previousTreeSize", previous.treeSize());
    }
    if (record != null) {
      result.set("record", included(audit, latest));
    }
    pins.save(auditUrl, new CheckpointPins.Pin(key.verifying(latest).verifierKey(), latest.note(),
        cli().clock().instant().toString()));
    output().result(result, () -> {
      output().line("Verified: the audit log '" + latest.origin() + "' has " + latest.treeSize() + " records, root "
          + latest.rootBase64() + ", signed by " + key.verifying(latest).name() + ".");
      output().line(previous == null
          ? "Pinned this checkpoint; the next run checks that the log still extends it."
          : "It extends the checkpoint of size " + previous.treeSize() + " verified before (consistency proof checked).");
      if (record != null) {
        output().line("The record " + Json.text(result.get("record"), "eventId") + " is leaf "
            + result.get("record").path("leafIndex").asLong() + " of this log (inclusion proof checked).");
      }
    });
  }

  /** The pinned key; else --public-key; else the service's own key, pinned on first use (and said so). */
  private TrustedKey trustedKey(Api audit, Optional<CheckpointPins.Pin> pin) {
    TrustedKey given = publicKey == null ? null : TrustedKey.parse(read(publicKey), publicKey.toString());
    if (pin.isPresent()) {
      NoteKey pinned = NoteKey.parseVerifierKey(pin.get().verifierKey());
      if (given != null && !given.sameKeyAs(pinned)) {
        throw CliFailure.verification("KEY_CHANGED", "--public-key is not the key pinned for " + cli().settings().auditUrl()
            + " (" + pinned.name() + "); if the log's key really changed, run again with --forget-pin.");
      }
      return TrustedKey.of(pinned);
    }
    if (given != null) {
      return given;
    }
    String served = audit.text("/v1/audit/log/key", "text/plain");
    output().note("Trusting the audit log's key " + served.trim() + " on first use; pass --public-key to pin one you "
        + "obtained elsewhere.");
    return TrustedKey.parse(served, "The key the audit service serves");
  }

  /** The record's leaf hash, recomputed here, proven to be in the log of {@code checkpoint}. */
  private ObjectNode included(Api audit, Checkpoint checkpoint) {
    JsonNode given = Json.parse(read(record), record.toString());
    JsonNode event = given.has("event") ? given.get("event") : given;
    String eventId = Json.text(event, "id");
    if (eventId == null || !event.isObject()) {
      throw CliFailure.usage("INVALID_RECORD", record + " is neither an audit record nor a CloudEvent (no 'id').");
    }
    byte[] leafHash = LogHashes.leafHash(CanonicalJson.of(event).getBytes(StandardCharsets.UTF_8));
    JsonNode proof = audit.get("/v1/audit/log/proof/inclusion" + Query.of().add("eventId", eventId)
        .add("source", Json.text(event, "source")).add("treeSize", checkpoint.treeSize()));
    long leafIndex = proof.path("leafIndex").asLong(-1);
    LogVerifier.requireIncluded(leafHash, leafIndex, checkpoint, hashes(proof, "The inclusion proof"));
    return Json.object().put("eventId", eventId).put("leafIndex", leafIndex)
        .put("leafHash", Base64.getEncoder().encodeToString(leafHash));
  }

  private static List<byte[]> hashes(JsonNode proof, String what) {
    List<byte[]> hashes = new ArrayList<>();
    JsonNode array = proof.path("hashes");
    if (!array.isArray()) {
      throw CliFailure.verification("MALFORMED_PROOF", what + " has no hashes.");
    }
    for (JsonNode hash : array) {
      hashes.add(LogVerifier.hash(hash.asText(null), what + "'s hash"));
    }
    return hashes;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw CliFailure.usage("FILE_NOT_FOUND", "No file at " + file + ".");
    } catch (IOException e) {
      throw CliFailure.failed("CANNOT_READ", "Cannot read " + file + ": " + e.getMessage() + ".");
    }
  }
}
