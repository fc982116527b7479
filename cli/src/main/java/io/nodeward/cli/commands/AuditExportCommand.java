package io.nodeward.cli.commands;

import io.nodeward.cli.core.CliFailure;
import io.nodeward.cli.core.SafeFiles;
import io.nodeward.cli.http.Json;
import io.nodeward.cli.http.Query;
import io.nodeward.cli.output.ProgressBar;
import io.nodeward.cli.output.Terminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export the audit trail to a file, with a progress bar on a terminal.",
        "ndjson and csv: the records matching the filters, oldest first.",
        "log: the whole log up to its newest signed checkpoint, verifiable with no server by "
            + "'nodeward audit verify --offline FILE --public-key PEM' (auditors)."})
public final class AuditExportCommand extends BaseCommand {

  enum Format { ndjson, csv, log }

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "ndjson",
      description = "ndjson, csv or log (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write (replaced when complete).")
  Path out;

  @Option(names = "--tree-size", paramLabel = "N", description = "With --format log: export the log as of this signed size (default: the newest).")
  Long treeSize;

  @Mixin
  AuditFilters filters;

  @Override
  protected void execute() throws IOException {
    String path;
    String accept;
    if (format == Format.log) {
      if (!filters.query(cli().clock().instant()).toString().isEmpty()) {
        throw CliFailure.usage("USAGE", "--format log exports the whole log; filters go with ndjson or csv.");
      }
      path = "/v1/audit/log/export" + Query.of().add("treeSize", treeSize);
      accept = "application/x-ndjson";
    } else {
      if (treeSize != null) {
        throw CliFailure.usage("USAGE", "--tree-size goes with --format log.");
      }
      path = "/v1/audit/export" + filters.query(cli().clock().instant()).add("format", format.name());
      accept = format == Format.csv ? "text/csv" : "application/x-ndjson";
    }
    long[] counts = download(cli().audit().stream(path, accept));
    long records = format == Format.ndjson ? counts[0] : Math.max(0, counts[0] - 1); // csv and log have a header line
    output().result(Json.object().put("file", out.toString()).put("format", format.name()).put("records", records)
            .put("bytes", counts[1]),
        () -> output().line("Exported " + records + " records (" + ProgressBar.size(counts[1]) + ") to " + out + "."));
  }

  /** Streams into a temporary file beside {@code out}, renamed over it once complete; answers {lines, bytes}. */
  private long[] download(InputStream body) throws IOException {
    ProgressBar progress = new ProgressBar(output().err(), Terminal.stderrIsTerminal(), "exporting");
    Path temp = SafeFiles.temporarySibling(out, false);
    long lines = 0;
    long bytes = 0;
    boolean lastWasNewline = true;
    try (InputStream in = body; OutputStream file = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
      byte[] buffer = new byte[64 * 1024];
      int read;
      while ((read = in.read(buffer)) != -1) {
        file.write(buffer, 0, read);
        bytes += read;
        for (int i = 0; i < read; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
        lastWasNewline = buffer[read - 1] == '\n';
        progress.update(lines, bytes);
      }
    } catch (IOException e) {
      SafeFiles.deleteQuietly(temp);
      throw CliFailure.unreachable("EXPORT_INTERRUPTED", "The export stopped before its end (" + e.getMessage()
          + "); nothing was written to " + out + ".", e);
    }
    progress.finish(lines, bytes);
    if (!lastWasNewline) {
      SafeFiles.deleteQuietly(temp);
      throw CliFailure.failed("EXPORT_INCOMPLETE", "The export ended in the middle of a record; nothing was written to " + out + ".");
    }
    SafeFiles.commit(temp, out);
    return new long[] {lines, bytes};
  }
}
