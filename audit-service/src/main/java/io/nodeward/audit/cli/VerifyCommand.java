package io.nodeward.audit.cli;

import io.nodeward.audit.domain.ChainVerifier;
import io.nodeward.audit.domain.CheckpointKeys;
import io.nodeward.audit.domain.Finding;
import io.nodeward.audit.domain.VerificationReport;
import io.nodeward.audit.store.JdbcAuditStore;
import io.nodeward.events.EventCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * {@code verify --jdbc-url <url> --public-key <pem>}: checks an audit database directly, without the service,
 * trusting only the checkpoint public key given. Reads only; never migrates or writes.
 * Exit codes: 0 intact, 1 tampered (first bad sequence and kind printed), 2 usage, 3 could not verify.
 */
public final class VerifyCommand {

  public static final int INTACT = 0;
  public static final int TAMPERED = 1;
  public static final int USAGE = 2;
  public static final int ERROR = 3;

  private static final String USAGE_TEXT = "usage: verify --jdbc-url <jdbc:postgresql:...|jdbc:sqlite:...> --public-key <checkpoint-public.pem>";

  private VerifyCommand() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    String url = null;
    String keyPath = null;
    int i = 0;
    if (args.length > 0 && args[0].equals("verify")) {
      i = 1;
    }
    for (; i < args.length; i++) {
      String arg = args[i];
      if ((arg.equals("--jdbc-url") || arg.equals("--public-key")) && i + 1 < args.length) {
        if (arg.equals("--jdbc-url")) {
          url = args[++i];
        } else {
          keyPath = args[++i];
        }
      } else {
        err.println("unknown or incomplete argument: " + arg);
        err.println(USAGE_TEXT);
        return USAGE;
      }
    }
    if (url == null || keyPath == null) {
      err.println(USAGE_TEXT);
      return USAGE;
    }
    PublicKey key;
    try {
      key = CheckpointKeys.readPublicKey(Files.readString(Path.of(keyPath), StandardCharsets.US_ASCII));
    } catch (IOException | IllegalArgumentException e) {
      err.println("cannot read the public key " + keyPath + ": " + e.getMessage());
      return USAGE;
    }
    try (JdbcAuditStore store = JdbcAuditStore.open(url)) {
      VerificationReport report = store.scan(ChainVerifier.create(key, new EventCodec())::verify);
      return print(report, out);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return USAGE;
    } catch (RuntimeException e) {
      // The message is the store's (operation and driver reason); the URL may carry a password, so never echo it.
      err.println("could not verify: " + e.getMessage());
      return ERROR;
    }
  }

  private static int print(VerificationReport report, PrintStream out) {
    if (report.intact()) {
      out.printf("OK: %d records and %d checkpoints verified from sequence %d to %d (head %s)%n",
          report.recordsChecked(), report.checkpointsChecked(), report.anchor().sequence(), report.head().sequence(),
          report.head().hash());
      return INTACT;
    }
    Finding finding = report.finding();
    out.printf("TAMPERED: first bad sequence %d: %s%n%s%n", finding.sequence(), finding.kind(), finding.detail());
    return TAMPERED;
  }
}
