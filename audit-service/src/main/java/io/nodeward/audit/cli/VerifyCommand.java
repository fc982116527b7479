package io.nodeward.audit.cli;

import io.nodeward.audit.config.LogSettings;
import io.nodeward.audit.domain.Finding;
import io.nodeward.audit.domain.LogVerifier;
import io.nodeward.audit.domain.VerificationReport;
import io.nodeward.audit.domain.log.Ed25519KeySigner;
import io.nodeward.audit.domain.log.VerifierKey;
import io.nodeward.audit.store.JdbcAuditStore;
import io.nodeward.events.EventCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code verify --jdbc-url <url> --public-key <file> [--origin <origin>] [--key-name <name>]}: checks an audit
 * database directly, without the service, trusting only the key given (a note verifier key line, or an Ed25519
 * PEM whose key name defaults to the origin). Reads only; never migrates or writes.
 * Exit codes: 0 intact, 1 tampered (first bad sequence and kind printed), 2 usage, 3 could not verify.
 */
public final class VerifyCommand {

  public static final int INTACT = 0;
  public static final int TAMPERED = 1;
  public static final int USAGE = 2;
  public static final int ERROR = 3;

  private static final String USAGE_TEXT = "usage: verify --jdbc-url <jdbc:postgresql:...|jdbc:sqlite:...> --public-key "
      + "<verifier key or PEM file> [--origin <log origin>] [--key-name <name>]";
  private static final Set<String> OPTIONS = Set.of("--jdbc-url", "--public-key", "--origin", "--key-name");

  private VerifyCommand() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> options = new HashMap<>();
    int i = args.length > 0 && args[0].equals("verify") ? 1 : 0;
    for (; i < args.length; i++) {
      if (OPTIONS.contains(args[i]) && i + 1 < args.length) {
        options.put(args[i], args[++i]);
      } else {
        err.println("unknown or incomplete argument: " + args[i]);
        err.println(USAGE_TEXT);
        return USAGE;
      }
    }
    String url = options.get("--jdbc-url");
    String keyPath = options.get("--public-key");
    if (url == null || keyPath == null) {
      err.println(USAGE_TEXT);
      return USAGE;
    }
    String origin = options.getOrDefault("--origin", LogSettings.DEFAULT_ORIGIN);
    VerifierKey key;
    try {
      key = readKey(Files.readString(Path.of(keyPath), StandardCharsets.US_ASCII), options.getOrDefault("--key-name", origin));
    } catch (IOException | IllegalArgumentException e) {
      err.println("cannot read the public key " + keyPath + ": " + e.getMessage());
      return USAGE;
    }
    try (JdbcAuditStore store = JdbcAuditStore.open(url)) {
      LogVerifier verifier = LogVerifier.create(key, origin, new EventCodec());
      return print(store.scan(contents -> verifier.verify(contents, null)), out);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return USAGE;
    } catch (RuntimeException e) {
      // The message is the store's (operation and driver reason); the URL may carry a password, so never echo it.
      err.println("could not verify: " + e.getMessage());
      return ERROR;
    }
  }

  static VerifierKey readKey(String text, String name) {
    if (text.contains("-----BEGIN PUBLIC KEY-----")) {
      return VerifierKey.of(name, Ed25519KeySigner.readPublicKeyPem(text));
    }
    return VerifierKey.parse(text.strip());
  }

  private static int print(VerificationReport report, PrintStream out) {
    if (report.intact()) {
      out.printf("OK: %d records and %d checkpoints verified; tree of %d leaves (%d pruned), root %s%n",
          report.recordsChecked(), report.checkpointsChecked(), report.treeSize(), report.prunedLeaves(),
          Base64.getEncoder().encodeToString(report.rootHash()));
      return INTACT;
    }
    Finding finding = report.finding();
    out.printf("TAMPERED: first bad sequence %d: %s%n%s%n", finding.sequence(), finding.kind(), finding.detail());
    return TAMPERED;
  }
}
